// The document tab on the offscreen platform, over real inputs imported through the sandboxed
// child: which views it offers — Memory for a snapshot and for a profiler trace with [memory]
// events, not for a trace without them — and which one it shows first.
#include "ascend/ascendreader.h"
#include "cache/sqlite.h"
#include "documenttab.h"
#include "importservice.h"
#include "memory/memorytimeline.h"
#include "memory/memoryview.h"
#include "operators/operatorsview.h"
#include "operators/operatortablemodel.h"
#include "overview/overviewpage.h"
#include "summary/steptablemodel.h"
#include "summary/summaryview.h"
#include "timeline/timelinecanvas.h"
#include "timeline/timelineview.h"
#include "timeline/timelineviewport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ts::app;

class TestDocumentTab : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void memoryTab_data();
    void memoryTab();
    void operatorsTab();
    void summaryTab();
    void ascendMemoryWhenShown();
    void summaryTabHiddenWithoutSteps();
};

void TestDocumentTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDocumentTab::memoryTab_data()
{
    QTest::addColumn<QString>("input"); // under the shared samples
    QTest::addColumn<bool>("memory");   // a Memory tab is offered
    QTest::addColumn<bool>("profiler"); // …with the profiler's [memory] series in it
    QTest::addColumn<QString>("first"); // the tab shown first
    QTest::newRow("profiler trace with [memory] events")
        << "hta/tests/data/df_index_resolver/df_index_resolver.json.gz" << true << true
        << "Timeline";
    QTest::newRow("profiler trace without them")
        << "hta/tests/data/triton_example/triton_example.json.gz" << false << false << "Timeline";
    QTest::newRow("memory snapshot")
        << "memsnap-silmont_a2/mem_snapshot.pickle" << true << false << "Memory";
}

void TestDocumentTab::memoryTab()
{
    QFETCH(QString, input);
    QFETCH(bool, memory);
    QFETCH(bool, profiler);
    QFETCH(QString, first);
    const QString path = QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/pytorch/") + input;
    if (!QFile::exists(path))
        QSKIP("the sample is not there");
    QTemporaryDir cache;
    ImportService imports(cache.path(),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    DocumentTab tab(path, QString(), &imports);
    tab.resize(1280, 800);
    tab.show();
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 120000);
    QVERIFY2(!tab.hasFailed(), qPrintable(tab.errorText()));

    auto *tabs = tab.findChild<QTabWidget *>(QStringLiteral("documentViews"));
    QVERIFY(tabs);
    QStringList names;
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->isTabVisible(i))
            names << tabs->tabText(i);
    QCOMPARE(names.contains(QStringLiteral("Memory")), memory);
    QCOMPARE(tab.memory() != nullptr, memory);
    QCOMPARE(tabs->tabText(tabs->currentIndex()), first);
    if (!memory)
        return;
    QVERIFY2(tab.memory()->loadError().isEmpty(), qPrintable(tab.memory()->loadError()));
    const ts::model::MemoryTimeline *tl = tab.memory()->timeline();
    QVERIFY(tl && !tl->devices().isEmpty());
    for (int d : tl->devices())
        QCOMPARE(tl->device(d)->fromProfiler, profiler);
    tab.showView(QStringLiteral("memory"));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(tab.memory()));
}

void TestDocumentTab::operatorsTab()
{
    // The Operators tab over the timeline's data: ready with the document, its Shift-drag range
    // followed, and a double click selecting the row's longest slice on the Timeline tab.
    // The bundled sample: four profiler steps of CPU operators and GPU kernels.
    const QString path =
        QStringLiteral(TRACESCOPE_BINARY_DIR "/share/tracescope/samples/sample.pt.trace.json.gz");
    QTemporaryDir cache;
    ImportService imports(cache.path(),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    DocumentTab tab(path, QString(), &imports);
    tab.resize(1280, 800);
    tab.show();
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 120000);
    ts::views::OperatorsView *ops = tab.operators();
    QVERIFY(ops && ops->isReady());
    QVERIFY(tab.showView(QStringLiteral("operators")));
    QCOMPARE(tab.currentViewName(), QStringLiteral("Operators"));
    const auto &rows = ops->tableModel()->rows();
    QVERIFY(!rows.isEmpty());
    qint64 slices = 0;
    for (const auto &r : rows)
        slices += r.count;
    QCOMPARE(quint64(slices), tab.timeline()->data()->sliceCount());

    const ts::model::OperatorStats top = rows.first(); // the table shows it first (total)
    const QModelIndex first = ops->table()->model()->index(0, 0);
    emit ops->table()->doubleClicked(first);
    QCOMPARE(tab.currentViewName(), QStringLiteral("Timeline"));
    const ts::model::SliceRef selected = tab.timeline()->canvas()->selectedSlice();
    QVERIFY(selected.isValid());
    const ts::model::TimelineSlice &s = tab.timeline()->data()->slice(selected);
    QCOMPARE(tab.timeline()->data()->name(s.name), top.name);
    QCOMPARE(qint64(s.dur), top.maxNs);

    // A Shift-drag over the first half: with the range scope, fewer slices are counted.
    ops->setScope(ts::views::OperatorsView::TimelineRange);
    const auto *data = tab.timeline()->data();
    emit tab.timeline()->canvas()->rangeSelected(data->start(),
                                                 data->start() + (data->end() - data->start()) / 2);
    QTRY_VERIFY(ops->isReady());
    qint64 inRange = 0;
    for (const auto &r : ops->tableModel()->rows())
        inRange += r.count;
    QVERIFY2(inRange > 0 && inRange < slices,
             qPrintable(QStringLiteral("%1 of %2").arg(inRange).arg(slices)));
}

void TestDocumentTab::summaryTab()
{
    // The bundled sample has four ProfilerStep#N: the Summary tab shows them, they are drawn on
    // the timeline, and a double click frames a step there.
    const QString path =
        QStringLiteral(TRACESCOPE_BINARY_DIR "/share/tracescope/samples/sample.pt.trace.json.gz");
    QTemporaryDir cache;
    ImportService imports(cache.path(),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    DocumentTab tab(path, QString(), &imports);
    tab.resize(1280, 800);
    tab.show();
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 120000);
    ts::views::SummaryView *summary = tab.summary();
    QVERIFY(summary && summary->isReady());
    QAbstractItemModelTester tester(summary->tableModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(tab.showView(QStringLiteral("summary")));
    QCOMPARE(tab.currentViewName(), QStringLiteral("Summary"));
    const ts::model::StepSummary &s = summary->summary();
    // The sample's one process drives GPU 0 and GPU 1: a row per step and GPU.
    QCOMPARE(s.ranks.size(), 2);
    QCOMPARE(s.ranks[1].label, QStringLiteral("Rank 0 · GPU 1"));
    QCOMPARE(s.rows.size(), 4 * 2);
    for (const ts::model::RankStep &r : s.rows) {
        QVERIFY(r.hasRange);
        QCOMPARE(r.computingNs + r.commNotOverlappedNs + r.freeNs, r.stepNs);
        QVERIFY(r.kernelCount > 0);
        QVERIFY(!r.topKernels.isEmpty());
    }
    // One mark per step and group (the CPU process the two GPUs' rows share, once).
    QSet<int> groups;
    for (const ts::model::SummaryRank &r : s.ranks)
        groups.unite(QSet<int>(r.groups.begin(), r.groups.end()));
    const QVector<ts::views::StepMark> &marks = tab.timeline()->canvas()->stepMarks();
    QCOMPARE(marks.size(), 4 * int(groups.size()));
    QCOMPARE(marks.first().start, s.rows.first().start);
    // The selected row's top kernels are listed below the table.
    QVERIFY(summary->kernelTable()->rowCount() > 0);
    QCOMPARE(summary->kernelTable()->item(0, 0)->text(), s.rows.first().topKernels.first().name);
    // CSV of what is shown: the header and one line per step.
    QCOMPARE(summary->visibleCsv().count('\n'), 1 + 8);

    // Sorted by step time, longest first: a double click frames that step on the timeline.
    summary->table()->sortByColumn(ts::views::StepTableModel::StepTime, Qt::DescendingOrder);
    const ts::model::RankStep *longest = &s.rows.first();
    for (const ts::model::RankStep &r : s.rows)
        longest = r.stepNs > longest->stepNs ? &r : longest;
    emit summary->table()->doubleClicked(summary->table()->model()->index(0, 0));
    QCOMPARE(tab.currentViewName(), QStringLiteral("Timeline"));
    const ts::views::TimelineViewport *viewport = tab.timeline()->viewport();
    QVERIFY(viewport->start() <= longest->start && viewport->end() >= longest->end);
    QVERIFY(viewport->end() - viewport->start() < 2 * (longest->end - longest->start));
    QCOMPARE(tab.timeline()->canvas()->selectedSlice(), longest->stepSlice);
}

void TestDocumentTab::summaryTabHiddenWithoutSteps()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plain.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"traceEvents":[{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2}]})");
    f.close();
    QTemporaryDir cache;
    ImportService imports(cache.path(),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    DocumentTab tab(path, QString(), &imports);
    tab.show();
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 120000);
    QVERIFY2(!tab.hasFailed(), qPrintable(tab.errorText()));
    QVERIFY(tab.summary() && tab.summary()->summary().isEmpty());
    QVERIFY(!tab.showView(QStringLiteral("summary")));
    QVERIFY(tab.timeline()->canvas()->stepMarks().isEmpty());
}

void TestDocumentTab::ascendMemoryWhenShown()
{
    // A cluster opens on its timeline; the Memory tab reads every rank's records and operator
    // allocations only when it is first shown (the timeline's first frame does not wait for
    // them), and then shows all of them.
    const QString path = QStringLiteral(TRACESCOPE_SHARED_DIR
                                        "/samples/ascend/msinsight/test/data/pytorch/text/level1");
    if (!QFile::exists(path))
        QSKIP("the Ascend samples are not there");
    QTemporaryDir cache;
    ImportService imports(cache.path(),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    DocumentTab tab(path, QString(), &imports);
    tab.resize(1280, 800);
    tab.show();
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 120000);
    QVERIFY2(!tab.hasFailed(), qPrintable(tab.errorText()));
    QCOMPARE(tab.currentViewName(), QStringLiteral("Timeline"));
    // The Overview reads its caches once the timeline has loaded, and the tab waits for it.
    auto *overview = tab.findChild<ts::views::OverviewPage *>();
    QVERIFY(overview && overview->isLoaded());
    ts::views::MemoryView *memory = tab.memory();
    QVERIFY(memory);
    QVERIFY(!memory->isLoadStarted());
    QVERIFY(!memory->isLoaded());

    QVERIFY(tab.showView(QStringLiteral("memory")));
    QVERIFY(memory->isLoadStarted());
    QVERIFY(!tab.isReady()); // a screenshot of the Memory tab waits for it
    QTRY_VERIFY_WITH_TIMEOUT(tab.isReady(), 120000);
    QVERIFY2(memory->loadError().isEmpty(), qPrintable(memory->loadError()));
    const ts::model::MemoryTimeline *tl = memory->timeline();
    QVERIFY(tl);

    // Every rank's operator allocations are bands, and every rank has its devices.
    qint64 expectedOps = 0;
    for (const RankOutcome &rank : tab.outcome().ranks) {
        for (const QString &c : rank.caches) {
            ts::model::Database db;
            QVERIFY(db.openReadOnly(c, nullptr));
            expectedOps += qint64(ts::model::opMemoryRows(db).size());
        }
    }
    QVERIFY(expectedOps > 0);
    qint64 bands = 0;
    QSet<QString> ranks;
    for (int d : tl->devices()) {
        bands += qint64(tl->device(d)->allocations.size());
        ranks << tl->device(d)->label.section(QStringLiteral(" · "), 0, 0);
    }
    QCOMPARE(bands, expectedOps);
    QCOMPARE(ranks.size(), tab.outcome().ranks.size());
}

QTEST_MAIN(TestDocumentTab)
#include "tst_documenttab.moc"

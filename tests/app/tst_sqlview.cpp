// The SQL tab: the schema beside the editor, results handed over from the worker and shown page
// by page, the row and time limits, Cancel while the GUI thread keeps running, refusals shown,
// and the history kept in QSettings across tabs.
#include "../model/cachebuilder.h"
#include "sql/queryhistory.h"
#include "sql/sqlresultmodel.h"
#include "sql/sqlview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ts;

namespace {

const QString kRunaway = QStringLiteral(
    "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r");

model::QueryOutcome waitForResult(views::SqlView &view, int timeoutMs = 30000)
{
    QSignalSpy finished(&view, &views::SqlView::queryFinished);
    if (!finished.wait(timeoutMs))
        return {};
    return finished.first().first().value<model::QueryOutcome>();
}

} // namespace

class TestSqlView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init() { views::QueryHistory::clear(); }
    void schemaAndResult();
    void pagesAndRowLimit();
    void cancelKeepsGuiResponsive();
    void timeLimit();
    void refusalShown();
    void historyPersists();
    void ranksInSchema();
    void copyAndExport();
    void headerClickSortsWholeResult();

private:
    std::unique_ptr<views::SqlView> makeView(const QList<model::SqlSource> &sources);
    QTemporaryDir m_dir;
    QString m_cache;
    qint64 m_slices = 0;
};

void TestSqlView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings away from the user's own
    QCoreApplication::setOrganizationName(QStringLiteral("TraceScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_sqlview"));
    testing::StreamBuilder b;
    m_slices = qint64(testing::randomSlices(b, 2, 200, 5).size());
    b.result();
    m_cache = m_dir.filePath(QStringLiteral("a.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), m_cache));
}

std::unique_ptr<views::SqlView> TestSqlView::makeView(const QList<model::SqlSource> &sources)
{
    auto view = std::make_unique<views::SqlView>([sources] { return sources; });
    view->resize(1200, 800);
    return view;
}

void TestSqlView::schemaAndResult()
{
    auto view = makeView({{QStringLiteral("main"), m_cache, QStringLiteral("a.json")}});
    QSignalSpy loaded(view.get(), &views::SqlView::schemaLoaded);
    QVERIFY(loaded.wait(10000));
    QVERIFY(view->schemaTables().contains(QStringLiteral("main.slice")));
    QVERIFY(view->schemaTables().contains(QStringLiteral("main.string")));
    QAbstractItemModelTester tester(const_cast<views::SqlResultModel *>(view->resultModel()));

    view->runQuery(QStringLiteral("SELECT count(*) AS n, 'x,y' AS t FROM slice"));
    const model::QueryOutcome out = waitForResult(*view);
    QVERIFY2(out.ok, qPrintable(out.error));
    const auto *model = view->resultModel();
    QCOMPARE(model->columnCount(), 2);
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("n"));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->data(model->index(0, 0)).toString(), QString::number(m_slices));
    QCOMPARE(model->data(model->index(0, 1)).toString(), QStringLiteral("x,y"));
    QVERIFY2(view->statusText().startsWith(QLatin1String("1 row in ")),
             qPrintable(view->statusText()));
    QVERIFY(!view->isBusy());
    // Beside the timeline in a 1200-pixel window (--screenshot's size in the tests), the tab
    // must not make the window wider than that.
    QVERIFY2(view->minimumSizeHint().width() < 1000,
             qPrintable(QString::number(view->minimumSizeHint().width())));
}

void TestSqlView::pagesAndRowLimit()
{
    auto view = makeView({{QStringLiteral("main"), m_cache, {}}});
    view->setLimits(5000, 30);
    // Asked for before the caches are open: it runs once they are.
    view->runQuery(QStringLiteral("WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                  "FROM r WHERE i < 20000) SELECT i, i * 2 FROM r"));
    const model::QueryOutcome out = waitForResult(*view);
    QVERIFY2(out.ok, qPrintable(out.error));
    QVERIFY(out.truncated);
    auto *model = const_cast<views::SqlResultModel *>(view->resultModel());
    QCOMPARE(model->receivedRows(), 5000);
    // Only the first page is shown until the view asks for more.
    QCOMPARE(model->rowCount(), views::SqlResultModel::kPageRows);
    QVERIFY(model->canFetchMore({}));
    model->fetchMore({});
    QCOMPARE(model->rowCount(), 2 * views::SqlResultModel::kPageRows);
    QCOMPARE(model->data(model->index(1999, 1)).toString(), QStringLiteral("4000"));
    while (model->canFetchMore({}))
        model->fetchMore({});
    QCOMPARE(model->rowCount(), 5000);
    QVERIFY2(view->statusText().contains(QLatin1String("row limit")),
             qPrintable(view->statusText()));
}

void TestSqlView::cancelKeepsGuiResponsive()
{
    auto view = makeView({{QStringLiteral("main"), m_cache, {}}});
    QSignalSpy loaded(view.get(), &views::SqlView::schemaLoaded);
    QVERIFY(loaded.wait(10000));
    QSignalSpy finished(view.get(), &views::SqlView::queryFinished);
    view->runQuery(kRunaway);
    QVERIFY(view->isBusy());
    // The query runs on the worker: the GUI thread's timer keeps firing meanwhile.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, longestGap = 0;
    QTimer tick;
    connect(&tick, &QTimer::timeout, this, [&] {
        longestGap = std::max(longestGap, clock.elapsed() - last);
        last = clock.elapsed();
    });
    tick.start(10);
    QTest::qWait(500);
    QVERIFY(view->isBusy());
    QCOMPARE(finished.count(), 0);
    QVERIFY2(longestGap < 250, qPrintable(QString::number(longestGap)));
    view->cancel();
    QVERIFY(finished.wait(5000));
    const auto out = finished.first().first().value<model::QueryOutcome>();
    QVERIFY(out.stopped);
    QVERIFY2(view->statusText().startsWith(QLatin1String("cancelled")),
             qPrintable(view->statusText()));
    QVERIFY(!view->isBusy());
}

void TestSqlView::timeLimit()
{
    auto view = makeView({{QStringLiteral("main"), m_cache, {}}});
    view->setLimits(100, 1);
    QElapsedTimer clock;
    clock.start();
    view->runQuery(kRunaway);
    const model::QueryOutcome out = waitForResult(*view, 15000);
    QVERIFY(out.stopped);
    QVERIFY(clock.elapsed() >= 1000);
    QVERIFY2(view->statusText().contains(QLatin1String("time limit of 1 s")),
             qPrintable(view->statusText()));
}

void TestSqlView::refusalShown()
{
    auto view = makeView({{QStringLiteral("main"), m_cache, {}}});
    view->runQuery(QStringLiteral("DELETE FROM slice"));
    const model::QueryOutcome out = waitForResult(*view);
    QVERIFY(out.refused);
    QCOMPARE(view->statusText(),
             QStringLiteral("refused: DELETE from slice would write; SQL over the cache is "
                            "read-only"));
    QCOMPARE(view->resultModel()->rowCount(), 0);
}

void TestSqlView::historyPersists()
{
    {
        auto view = makeView({{QStringLiteral("main"), m_cache, {}}});
        view->runQuery(QStringLiteral("SELECT 1"));
        waitForResult(*view);
        view->runQuery(QStringLiteral("SELECT 2"));
        waitForResult(*view);
        view->runQuery(QStringLiteral("SELECT 1")); // again: moves to the front
        waitForResult(*view);
    }
    QCOMPARE(views::QueryHistory::load(), (QStringList{"SELECT 1", "SELECT 2"}));
    // Another tab, later, offers them.
    auto view = makeView({{QStringLiteral("main"), m_cache, {}}});
    auto *history = view->findChild<QComboBox *>(QStringLiteral("sqlHistory"));
    QVERIFY(history);
    QCOMPARE(history->count(), 3); // "History…" and the two
    QCOMPARE(history->itemData(1).toString(), QStringLiteral("SELECT 1"));
    QCOMPARE(history->itemData(2).toString(), QStringLiteral("SELECT 2"));
    // Picking one puts it into the editor.
    QSignalSpy loaded(view.get(), &views::SqlView::schemaLoaded);
    QVERIFY(loaded.wait(10000));
    emit history->activated(2);
    QCOMPARE(view->editorText(), QStringLiteral("SELECT 2"));
}

void TestSqlView::ranksInSchema()
{
    testing::StreamBuilder b;
    testing::randomSlices(b, 1, 10, 9);
    b.result();
    const QString other = m_dir.filePath(QStringLiteral("b.tscache"));
    QVERIFY(testing::buildCache(b.bytes(), other));
    auto view = makeView({{QStringLiteral("rank0"), m_cache, QStringLiteral("Rank 0")},
                          {QStringLiteral("rank1"), other, QStringLiteral("Rank 1")}});
    view->runQuery(QStringLiteral("SELECT (SELECT count(*) FROM rank0.slice), "
                                  "(SELECT count(*) FROM rank1.slice)"));
    const model::QueryOutcome out = waitForResult(*view);
    QVERIFY2(out.ok, qPrintable(out.error));
    QVERIFY(view->schemaTables().contains(QStringLiteral("rank1.slice")));
    QVERIFY(!view->schemaTables().contains(QStringLiteral("main.slice")));
    const auto *model = view->resultModel();
    QCOMPARE(model->data(model->index(0, 0)).toLongLong(), m_slices);
    QCOMPARE(model->data(model->index(0, 1)).toLongLong(), 10);
}

// The result leaves the tab as the CSV --sql prints: all rows received to a file, the rows of
// the selected cells to the clipboard; both checked against text written out here.
void TestSqlView::copyAndExport()
{
    auto view = makeView({{QStringLiteral("main"), m_cache, {}}});
    view->runQuery(QStringLiteral("SELECT 1 AS a, 'x,\"y\"' AS b, NULL AS c UNION ALL "
                                  "SELECT 2, 'plain', 2.5 UNION ALL SELECT 3, 'line\nbreak', 0"));
    const model::QueryOutcome out = waitForResult(*view);
    QVERIFY2(out.ok, qPrintable(out.error));
    const QByteArray all = "a,b,c\n1,\"x,\"\"y\"\"\",\n2,plain,2.5\n3,\"line\nbreak\",0\n";
    const QString file = m_dir.filePath(QStringLiteral("result.csv"));
    QString error;
    QVERIFY2(view->exportResult(file, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), all);

    auto *table = view->findChild<QTableView *>(QStringLiteral("sqlResult"));
    QVERIFY(table);
    table->selectionModel()->select(table->model()->index(2, 1), QItemSelectionModel::Select);
    table->selectionModel()->select(table->model()->index(2, 0), QItemSelectionModel::Select);
    view->copyResult();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("a,b,c\n3,\"line\nbreak\",0\n"));
    table->clearSelection();
    view->copyResult();
    QCOMPARE(QApplication::clipboard()->text().toUtf8(), all);
}

void TestSqlView::headerClickSortsWholeResult()
{
    auto view = makeView({{QStringLiteral("main"), m_cache, {}}});
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    view->setLimits(3, 30);
    // 1..50 in a scrambled order; the row limit keeps 3 rows of 50.
    const QString query = QStringLiteral(
        "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 50) SELECT "
        "(i * 37) % 50 + 1 AS v, 'x' || i AS t FROM r; -- trailing comment");
    view->runQuery(query);
    QVERIFY2(waitForResult(*view).ok, qPrintable(view->statusText()));
    auto *table = view->findChild<QTableView *>(QStringLiteral("sqlResult"));
    QVERIFY(table);
    const auto *model = view->resultModel();
    const auto clickHeader = [&](int column) {
        QHeaderView *header = table->horizontalHeader();
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    QSignalSpy finished(view.get(), &views::SqlView::queryFinished);
    clickHeader(0);
    QVERIFY(finished.wait(30000));
    // Sorted by SQLite over all 50 rows, then cut: the smallest three, not three sorted.
    QCOMPARE(model->data(model->index(0, 0)).toString(), QStringLiteral("1"));
    QCOMPARE(model->data(model->index(2, 0)).toString(), QStringLiteral("3"));
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("v"));
    QVERIFY2(view->statusText().contains(QLatin1String("sorted by v")),
             qPrintable(view->statusText()));
    QVERIFY(table->horizontalHeader()->isSortIndicatorShown());
    clickHeader(0); // again: the other way
    QVERIFY(finished.wait(30000));
    QCOMPARE(model->data(model->index(0, 0)).toString(), QStringLiteral("50"));
    QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    // A sort is not a new query: the history holds the one query once.
    QCOMPARE(views::QueryHistory::load().count(query), 1);
    // A PRAGMA's result cannot be a subquery: the sort says so instead of failing silently.
    view->runQuery(QStringLiteral("PRAGMA table_info(slice)"));
    QVERIFY(waitForResult(*view).ok);
    clickHeader(1);
    QVERIFY(finished.wait(30000));
    QVERIFY2(view->statusText().contains(QLatin1String("cannot be sorted")),
             qPrintable(view->statusText()));
}

QTEST_MAIN(TestSqlView)
#include "tst_sqlview.moc"

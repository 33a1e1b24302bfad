// The Memory view over real snapshots imported by the real app: it loads, names the peaks,
// lists what is live at the peak (largest first, sizes adding up to the allocated curve there),
// shows a stack with noise frames folded unless asked for, and follows a clicked moment.
#include "timelinefixture.h"

#include "memory/allocationbands.h"
#include "memory/allocatorstateview.h"
#include "memory/bytesaxis.h"
#include "memory/memorychart.h"
#include "memory/memoryview.h"
#include "memory/memscopeeventsview.h"
#include "memory/ownerbreakdown.h"
#include "memory/stackfilter.h"

#include "memory/allocationtable.h"
#include "timeline/timelineviewport.h"
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using namespace ts::testing;
using ts::views::MemoryView;

class TestMemoryView : public QObject
{
    Q_OBJECT
private slots:
    void byteSteps_data();
    void byteSteps();
    void noiseFrames_data();
    void noiseFrames();
    void realSnapshot_data();
    void realSnapshot();
    void bandsHoverClickZoom();
    void allocatorStateFollowsTheMoment();
    void profilerMemoryCurves();
    void untimedTraceUsesEventOrder();
    void snapshotWithoutTrace();
    void memscopeDump();
    void memscopeEvents_data();
    void memscopeEvents();
    void memscopeEventSelectsItsBlock();
    void memscopeInefficientBlocks();

private:
    // A shared sample imported by the real app and opened in a view at a usual window size;
    // null with *error when the import fails, null with no error when ../shared is absent.
    std::unique_ptr<MemoryView> open(const QString &input, QString *error);

    AppSandboxHome m_home;
};

std::unique_ptr<MemoryView> TestMemoryView::open(const QString &input, QString *error)
{
    if (!QFileInfo::exists(input))
        return nullptr;
    const QStringList caches = importToCache(m_home, input, error);
    if (caches.size() != 1)
        return nullptr;
    auto view = std::make_unique<MemoryView>(caches.first());
    view->resize(1400, 900);
    view->show();
    return view;
}

void TestMemoryView::byteSteps_data()
{
    QTest::addColumn<double>("minBytes");
    QTest::addColumn<double>("top");
    QTest::addColumn<double>("step");
    const double KiB = 1024, MiB = KiB * KiB, GiB = MiB * KiB;
    QTest::newRow("bytes") << 30.0 << 300.0 << 50.0;
    QTest::newRow("a KiB axis steps in KiB") << 400.0 << 3.9 * KiB << 0.5 * KiB;
    QTest::newRow("MiB") << 9.0 * MiB << 120.0 * MiB << 10.0 * MiB;
    QTest::newRow("GiB, not 500 MiB") << 0.45 * GiB << 3.5 * GiB << 0.5 * GiB;
    QTest::newRow("fine steps on a GiB axis") << 3.0 * MiB << 1.5 * GiB << 0.01 * GiB;
    QTest::newRow("at least a byte") << 0.0 << 0.0 << 1.0;
}

void TestMemoryView::byteSteps()
{
    QFETCH(double, minBytes);
    QFETCH(double, top);
    QFETCH(double, step);
    QCOMPARE(ts::views::byteStep(minBytes, top), step);
}

void TestMemoryView::noiseFrames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("noise");
    QTest::newRow("user code") << "forward"
                               << "/home/me/model.py" << false;
    QTest::newRow("torch op") << "at::native::empty_cuda"
                              << "aten/src/ATen/native/cuda/x.cpp" << false;
    QTest::newRow("unwinder") << "torch::unwind::unwind()"
                              << "" << true;
    QTest::newRow("interpreter") << "_PyEval_EvalFrameDefault"
                                 << "Python/ceval.c" << true;
    QTest::newRow("C API") << "PyObject_Call"
                           << "" << true;
    QTest::newRow("unknown") << "??"
                             << "" << true;
    QTest::newRow("snapshot recorder") << "torch::cuda::(anonymous namespace)::gather_with_cpp()"
                                       << "memory_snapshot.cpp" << true;
}

void TestMemoryView::noiseFrames()
{
    QFETCH(QString, name);
    QFETCH(QString, file);
    QFETCH(bool, noise);
    QCOMPARE(ts::views::isNoiseFrame({name, file, 1}), noise);
}

void TestMemoryView::realSnapshot_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("eor_nn (times, stacks)") << "pytorch/memsnap-eor_nn/snapshot.pickle";
    QTest::newRow("kkaitlyn_a2 (19k events)")
        << "pytorch/memsnap-kkaitlyn_a2/memory_files/memory_ctx128_fullstep.pickle";
    QTest::newRow("silmont_a2") << "pytorch/memsnap-silmont_a2/mem_snapshot.pickle";
}

void TestMemoryView::realSnapshot()
{
    QFETCH(QString, input);
    QString error;
    const auto opened = open(sharedSample(input.toUtf8().constData()), &error);
    if (!opened && error.isEmpty())
        QSKIP("../shared/samples is absent (a user's own clone)");
    QVERIFY2(opened, qPrintable(error));
    MemoryView &view = *opened;
    QSignalSpy loaded(&view, &MemoryView::loaded);
    if (!view.isLoaded())
        QVERIFY(loaded.wait(60000));
    QVERIFY2(view.timeline(), qPrintable(view.loadError()));
    QVERIFY(view.summary()->text().contains(QStringLiteral("Peak allocated")));

    // At the peak, the live allocations add up to the allocated total there, largest first.
    const int device = view.timeline()->devices().first();
    const auto axis = ts::model::MemoryAxis::Time;
    const auto peak = view.timeline()->peakAllocated(device, axis);
    view.showMoment(peak.x);
    ts::views::AllocationTable *live = view.liveTable();
    QVERIFY(live->rowCount() > 0);
    qint64 sum = 0, previous = std::numeric_limits<qint64>::max();
    for (int r = 0; r < live->rowCount(); ++r) {
        const qint64 size = live->bytesAt(r);
        QVERIFY(size <= previous);
        previous = size;
        sum += size;
    }
    QCOMPARE(sum, peak.bytes);

    // Never freed: every one of them, largest first, each flagged so.
    ts::views::AllocationTable *never = view.neverFreedTable();
    QCOMPARE(size_t(never->rowCount()), view.timeline()->neverFreed(device).size());
    for (int r = 0; r < never->rowCount(); ++r) {
        QVERIFY(never->text(r, 5).contains(QStringLiteral("never freed")));
        if (r > 0)
            QVERIFY(never->bytesAt(r) <= never->bytesAt(r - 1));
    }

    // The selected allocation's stack: folding hides frames, never adds any.
    QVERIFY(view.stackList()->count() > 0);
    const int folded = view.stackList()->count();
    view.findChild<QCheckBox *>()->setChecked(true);
    QVERIFY(view.stackList()->count() >= folded);

    // A click on the chart picks that moment.
    auto *chart = view.findChild<ts::views::MemoryChart *>();
    QVERIFY(chart);
    const QPoint at(chart->width() / 3, chart->height() / 2);
    QSignalSpy picked(chart, &ts::views::MemoryChart::momentPicked);
    QTest::mouseClick(chart, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(picked.count(), 1);
    const int64_t x = picked.first().first().toLongLong();
    qint64 liveBytes = 0;
    for (int r = 0; r < live->rowCount(); ++r)
        liveBytes += live->bytesAt(r);
    QCOMPARE(liveBytes, view.timeline()->allocatedAt(device, axis, x));
}

// The stacked bands of a real snapshot: what is drawn at a point is what hovering there names
// and what a click there selects; wheel, Ctrl+wheel, keys and double-click zoom and reset.
void TestMemoryView::bandsHoverClickZoom()
{
    QString error;
    const auto opened = open(sharedSample("pytorch/memsnap-eor_nn/snapshot.pickle"), &error);
    if (!opened && error.isEmpty())
        QSKIP("../shared/samples is absent (a user's own clone)");
    QVERIFY2(opened, qPrintable(error));
    MemoryView &view = *opened;
    QTRY_VERIFY_WITH_TIMEOUT(view.isReady(), 60000);
    ts::views::MemoryChart *chart = view.chart();
    const auto &allocations = view.timeline()->allocations(view.timeline()->devices().first());

    // Walk the plot for bands at least 8 px tall and check each against the pixels drawn there.
    const QImage shot = chart->grab().toImage();
    const QRect r = chart->plotRect();
    const double low = chart->bytesLow(), high = chart->bytesHigh();
    auto yOf = [&](double b) {
        return r.top() + r.height() - (b - low) / (high - low) * r.height();
    };
    int checked = 0;
    std::optional<QPoint> clickAt;
    uint32_t clicked = 0;
    for (int x = r.left() + 3; x < r.right() && checked < 40; x += 37) {
        for (int y = r.bottom() - 3; y > r.top(); y -= 9) {
            const auto hit = chart->allocationAt(QPoint(x, y));
            if (!hit)
                break; // above the stack at this column
            const auto &a = allocations[hit->allocation];
            const double top = yOf(double(hit->base + a.size)), bottom = yOf(double(hit->base));
            if (bottom - top < 8)
                continue;
            const QPoint mid(x, int((top + bottom) / 2));
            const auto again = chart->allocationAt(mid);
            QVERIFY(again && again->allocation == hit->allocation);
            const QRgb drawn = shot.pixel(mid);
            QVERIFY2(drawn == ts::views::allocationColor(hit->allocation).rgb() ||
                         qGray(drawn) < 60, // the selected allocation is drawn dark
                     qPrintable(QStringLiteral("pixel %1,%2").arg(mid.x()).arg(mid.y())));
            const QString tip = chart->describeAt(mid);
            QVERIFY2(tip.contains(QStringLiteral("0x%1").arg(a.address, 0, 16)), qPrintable(tip));
            ++checked;
            if (!clickAt && qGray(drawn) >= 60) {
                clickAt = mid;
                clicked = hit->allocation;
            }
            y = int(top); // next band up
        }
    }
    QVERIFY2(checked >= 10, qPrintable(QString::number(checked)));
    QVERIFY(clickAt);

    // A click selects that allocation: in the table, with its stack, drawn highlighted.
    QSignalSpy picked(chart, &ts::views::MemoryChart::allocationPicked);
    QTest::mouseClick(chart, Qt::LeftButton, Qt::NoModifier, *clickAt);
    QCOMPARE(picked.count(), 1);
    QCOMPARE(picked.first().first().value<uint32_t>(), clicked);
    const int row = view.liveTable()->currentRow();
    QVERIFY(row >= 0);
    QCOMPARE(view.liveTable()->text(row, 1),
             QStringLiteral("0x%1").arg(allocations[clicked].address, 0, 16));
    QVERIFY(view.stackList()->count() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(chart->bandsReady(), 30000);
    QVERIFY(qGray(chart->grab().toImage().pixel(*clickAt)) < 60);

    // Zoom: the wheel narrows time around the cursor, Ctrl+wheel narrows bytes, keys and a
    // double-click go back.
    const int64_t fullWidth = chart->viewport()->width();
    auto wheel = [&](Qt::KeyboardModifiers mods) {
        QWheelEvent e(QPointF(r.center()), chart->mapToGlobal(QPointF(r.center())), QPoint(),
                      QPoint(0, 120), Qt::NoButton, mods, Qt::NoScrollPhase, false);
        QApplication::sendEvent(chart, &e);
    };
    wheel(Qt::NoModifier);
    QVERIFY(chart->viewport()->width() < fullWidth);
    const double fullHigh = chart->bytesHigh();
    wheel(Qt::ControlModifier);
    QVERIFY(chart->bytesHigh() - chart->bytesLow() < fullHigh);
    QTRY_VERIFY_WITH_TIMEOUT(chart->bandsReady(), 30000);
    QTest::mouseDClick(chart, Qt::LeftButton, Qt::NoModifier, r.center());
    QCOMPARE(chart->viewport()->width(), fullWidth);
    QCOMPARE(chart->bytesLow(), 0.0);
    chart->setFocus();
    QTest::keyClick(chart, Qt::Key_W);
    QVERIFY(chart->viewport()->width() < fullWidth);
    QTest::keyClick(chart, Qt::Key_0);
    QCOMPARE(chart->viewport()->width(), fullWidth);
}

// The allocator state tab shows the moment the chart shows — after a click, and as the arrow keys
// step through events, the chart's marker and the live table following.
void TestMemoryView::allocatorStateFollowsTheMoment()
{
    QString error;
    const auto opened = open(sharedSample("pytorch/memsnap-eor_nn/snapshot.pickle"), &error);
    if (!opened && error.isEmpty())
        QSKIP("../shared/samples is absent (a user's own clone)");
    QVERIFY2(opened, qPrintable(error));
    MemoryView &view = *opened;
    QTRY_VERIFY_WITH_TIMEOUT(view.isAllocatorStateLoaded(), 60000);
    const ts::model::MemoryTimeline *tl = view.timeline();
    const int device = tl->devices().first();
    ts::views::AllocatorStateView *state = view.allocatorState();
    ts::views::MemoryChart *chart = view.chart();
    QVERIFY(state->isEnabled());
    using ts::model::MemoryAxis;

    // What the state counts as allocated is what the curve says at that event.
    auto allocatedMatches = [&] {
        const auto &t = state->currentMoment().totals;
        const int64_t curve = tl->allocatedAt(device, MemoryAxis::Sequence, state->moment());
        if (t.allocated + t.pendingFree != curve)
            qWarning() << "moment" << state->moment() << "allocated" << t.allocated << "pending"
                       << t.pendingFree << "curve" << curve;
        return t.allocated + t.pendingFree == curve;
    };
    // It opens where the chart is: the peak.
    const int64_t peakSeq = state->moment();
    QVERIFY(peakSeq >= 0);
    QVERIFY(allocatedMatches());
    QCOMPARE(tl->allocatedAt(device, MemoryAxis::Time, *chart->moment()),
             tl->peakAllocated(device, MemoryAxis::Time).bytes);

    // Arrow keys step one event; the chart's marker and the live table follow.
    view.tabs()->setCurrentWidget(state);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(state->moment(), peakSeq + 1);
    QVERIFY(allocatedMatches());
    QTest::keyClick(chart, Qt::Key_Left); // from the chart too
    QTest::keyClick(chart, Qt::Key_Left);
    QCOMPARE(state->moment(), peakSeq - 1);
    QVERIFY(allocatedMatches());
    const int64_t x = *chart->moment();
    qint64 liveBytes = 0;
    for (int r = 0; r < view.liveTable()->rowCount(); ++r)
        liveBytes += view.liveTable()->bytesAt(r);
    QCOMPARE(liveBytes, tl->allocatedAt(device, MemoryAxis::Time, x));
    QTest::keyClick(&view, Qt::Key_PageDown);
    QCOMPARE(state->moment(), peakSeq + 99);

    // A click on the chart moves the state to the event in force there.
    const QRect r = chart->plotRect();
    QTest::mouseClick(chart, Qt::LeftButton, Qt::NoModifier,
                      QPoint(r.left() + r.width() / 5, r.bottom() - 2));
    const int64_t clicked = *chart->moment();
    QVERIFY(state->moment() != peakSeq + 99);
    // The state shows the last event at or before the clicked time: allocations begun by then
    // are before it, the others after.
    for (const auto &a : tl->allocations(device)) {
        if (a.flags & ts::model::kAllocBeforeTrace)
            continue;
        QCOMPARE(a.allocSeq <= state->moment(), a.allocTime <= clicked);
    }
    QVERIFY(allocatedMatches());
    view.tabs()->setCurrentWidget(state);
    if (!qEnvironmentVariableIsEmpty("TRACESCOPE_TEST_SHOTS"))
        view.grab().save(qEnvironmentVariable("TRACESCOPE_TEST_SHOTS") + "/allocator-state.png");
}

// A profiler trace's [memory] series: curves per device, named as the trace names them, no
// allocation lists; the view is ready without bands.
void TestMemoryView::profilerMemoryCurves()
{
    QString error;
    const auto opened = open(
        sharedSample("pytorch/hta/tests/data/df_index_resolver/df_index_resolver.json.gz"), &error);
    if (!opened && error.isEmpty())
        QSKIP("../shared/samples is absent (a user's own clone)");
    QVERIFY2(opened, qPrintable(error));
    MemoryView &view = *opened;
    QTRY_VERIFY_WITH_TIMEOUT(view.isReady(), 60000);
    QVERIFY2(view.timeline(), qPrintable(view.loadError()));
    const int device = view.timeline()->devices().first();
    const auto *d = view.timeline()->device(device);
    QVERIFY(d->fromProfiler);
    QVERIFY(view.summary()->text().contains(QStringLiteral("[memory]")));
    QVERIFY(view.tabs()->isHidden());
    auto *box = view.findChild<QComboBox *>(QStringLiteral("memoryDevice"));
    QCOMPARE(box->itemText(0), d->label);
    // The chart shows the peak and names the totals under the cursor.
    const auto peak = view.timeline()->peakAllocated(device, ts::model::MemoryAxis::Time);
    QVERIFY(peak.bytes > 0);
    QCOMPARE(*view.chart()->moment(), peak.x);
    const QRect r = view.chart()->plotRect();
    QVERIFY(view.chart()->describeAt(r.center()).contains(QStringLiteral("allocated")));
    QVERIFY(!view.chart()->allocationAt(r.center()));
    // The summary of a profiler trace is long; it wraps rather than widening the window past
    // the 1200 pixels screenshots use (it made them 1404 wide).
    QVERIFY2(view.minimumSizeHint().width() < 1200,
             qPrintable(QString::number(view.minimumSizeHint().width())));
}

// A trace without time_us (PyTorch before 2.1): the axis is the event order, the Time choice
// is off, and the tables count events rather than print them as times.
void TestMemoryView::untimedTraceUsesEventOrder()
{
    QString error;
    const auto opened = open(
        QStringLiteral(TRACESCOPE_TEST_DATA "/pickle/valid/snapshot-untimed-p4.pickle"), &error);
    QVERIFY2(opened, qPrintable(error));
    MemoryView &view = *opened;
    QTRY_VERIFY_WITH_TIMEOUT(view.isReady(), 60000);
    auto *axis = view.findChild<QComboBox *>(QStringLiteral("memoryAxis"));
    QCOMPARE(axis->currentData().toInt(), int(ts::model::MemoryAxis::Sequence));
    QVERIFY(!axis->isEnabled());
    QVERIFY(view.summary()->text().contains(QStringLiteral("at event ")));
    // Its oom entry is marked along the top, and named there.
    const auto *d = view.timeline()->device(view.timeline()->devices().first());
    QCOMPARE(d->ooms.size(), size_t(1));
    QCOMPARE(d->ooms.front().bytes, uint64_t(8) << 30);
    const QRect plot = view.chart()->plotRect();
    const QPoint mark(
        view.chart()->pixelOf(d->ooms.front().x[int(ts::model::MemoryAxis::Sequence)]),
        plot.top() - 8);
    QVERIFY2(view.chart()->describeAt(mark).contains(QStringLiteral("Out of memory")),
             qPrintable(view.chart()->describeAt(mark)));
    QVERIFY(view.summary()->text().contains(QStringLiteral("1 out-of-memory event")));
    QVERIFY(view.liveTable()->rowCount() > 0);
    for (int r = 0; r < view.liveTable()->rowCount(); ++r) {
        const QString allocated = view.liveTable()->text(r, 3);
        bool number = false;
        allocated.toLongLong(&number);
        QVERIFY2(number || allocated == QStringLiteral("before the trace"), qPrintable(allocated));
    }
}

// A snapshot whose trace recorded nothing (an OOM dump): the dump's blocks, every one listed
// and drawn, the allocator state at the dump, and a summary that says what is missing.
void TestMemoryView::snapshotWithoutTrace()
{
    QString error;
    const auto opened =
        open(sharedSample("pytorch/memsnap-llm_inference/oom_snapshot.pickle"), &error);
    if (!opened && error.isEmpty())
        QSKIP("../shared/samples is absent (a user's own clone)");
    QVERIFY2(opened, qPrintable(error));
    MemoryView &view = *opened;
    QTRY_VERIFY_WITH_TIMEOUT(view.isAllocatorStateLoaded(), 60000);
    const int device = view.timeline()->devices().first();
    QVERIFY(view.timeline()->device(device)->dumpOnly);
    QVERIFY2(view.summary()->text().contains(QStringLiteral("No allocator trace")),
             qPrintable(view.summary()->text()));
    const auto &all = view.timeline()->allocations(device);
    QVERIFY(!all.empty());
    QCOMPARE(size_t(view.liveTable()->rowCount()), all.size());
    QCOMPARE(size_t(view.neverFreedTable()->rowCount()), all.size());
    // The allocator state is the dump's: its allocated bytes are the blocks'.
    const auto &totals = view.allocatorState()->currentMoment().totals;
    int64_t sum = 0;
    for (const auto &a : all)
        sum += int64_t(a.size);
    QCOMPARE(totals.allocated + totals.pendingFree, sum);
    QVERIFY(totals.segments > 0);
    // Every block is a band: the middle of the chart names one.
    const QRect r = view.chart()->plotRect();
    QTRY_VERIFY_WITH_TIMEOUT(view.chart()->bandsReady(), 30000);
    QVERIFY(view.chart()->allocationAt(QPoint(r.center().x(), r.bottom() - 2)));
}

// An msMemScope dump: a device per (device, allocator), blocks as bands, the leaks tab largest
// first with their total, and a block's stack naming its call stacks.
void TestMemoryView::memscopeDump()
{
    const QString input =
        sharedSample("ascend/msinsight/server/src/test/test_data/memscope/host_pinned/"
                     "memscope_dump_20260527062213.db");
    if (!QFileInfo::exists(input))
        QSKIP("../shared/samples is absent (a user's own clone)");
    QString error;
    const QStringList caches = importToCache(m_home, input, &error);
    QVERIFY2(caches.size() == 1, qPrintable(error));
    MemoryView view(ts::model::MemScopeSources{caches});
    view.resize(1400, 900);
    view.show();
    QTRY_VERIFY_WITH_TIMEOUT(view.isReady(), 60000);
    QVERIFY2(view.timeline(), qPrintable(view.loadError()));
    auto *box = view.findChild<QComboBox *>(QStringLiteral("memoryDevice"));
    QCOMPARE(box->itemText(0), QStringLiteral("Host · HOST_PINNED"));
    const int device = view.timeline()->devices().first();
    const auto *d = view.timeline()->device(device);
    QCOMPARE(d->allocations.size(), size_t(6)); // the dump's MALLOCs
    QVERIFY(!d->neverFreed.empty());
    // The leaks: largest first, their count and total in the tab's title; no allocator state.
    const std::vector<uint32_t> &leaks = view.neverFreedTable()->allocations();
    QCOMPARE(leaks.size(), d->neverFreed.size());
    uint64_t total = 0;
    for (size_t i = 0; i < leaks.size(); ++i) {
        total += d->allocations[leaks[i]].size;
        if (i)
            QVERIFY(d->allocations[leaks[i - 1]].size >= d->allocations[leaks[i]].size);
    }
    const QString title = view.tabs()->tabText(view.tabs()->indexOf(view.neverFreedTable()));
    QVERIFY2(title.startsWith(QStringLiteral("Leaks (%1, ").arg(leaks.size())), qPrintable(title));
    QVERIFY(view.tabs()->indexOf(view.allocatorState()) < 0);
    // The bands add up to the curve at the peak; the stack of a block names its Python frame.
    const auto peak = view.timeline()->peakAllocated(device, ts::model::MemoryAxis::Time);
    uint64_t live = 0;
    for (uint32_t i : view.timeline()->liveAt(device, ts::model::MemoryAxis::Time, peak.x))
        live += d->allocations[i].size;
    QCOMPARE(int64_t(live), peak.bytes);
    // The breakdown at that moment: every live block under the root, by owner.
    QTreeWidget *tree = view.breakdown();
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItem(0)->text(2).toULongLong(),
             view.timeline()->liveAt(device, ts::model::MemoryAxis::Time, peak.x).size());
    QVERIFY(tree->topLevelItem(0)->childCount() >= 1);
    view.showAllocation(peak.x, leaks.front());
    QStringList frames;
    for (int i = 0; i < view.stackList()->count(); ++i)
        frames << view.stackList()->item(i)->text();
    QVERIFY2(frames.join('\n').contains(QStringLiteral("__torch_dispatch__")),
             qPrintable(frames.join('\n')));
}

namespace {

// A dump of two devices and every kind of row the Events table filters by, with known answers.
const char kEventsDump[] =
    "ID,Event,Event Type,Name,Timestamp(ns),Process Id,Thread Id,Device Id,Ptr,Attr,"
    "Call Stack(Python),Call Stack(C)\n"
    "1,SYSTEM,ACL_INIT,N/A,1764753366000000000,7,7,N/A,N/A,,,\n"
    "2,MALLOC,PTA,N/A,1764753366000001000,7,7,0,0x1000,\"{size:4096,owner:PTA@model@layer1}\",,\n"
    "3,OP_LAUNCH,ATEN_START,aten::matmul,1764753366000002000,7,8,0,N/A,,,\n"
    "4,MALLOC,PTA,N/A,1764753366000003000,7,7,0,0x3000,"
    "\"{size:8192,owner:PTA@model@layer2,inefficient:early_allocation}\",,\n"
    "5,MALLOC,HAL,N/A,1764753366000003500,7,7,1,0x9000,\"{size:65536}\",,\n"
    "6,FREE,PTA,N/A,1764753366000004000,7,7,0,0x1000,\"{size:4096}\",,\n"
    "7,MSTX,Mark,step 1,1764753366000005000,7,7,0,N/A,,,\n";

// The Memory view of kEventsDump, loaded; null with *error when the import fails.
std::unique_ptr<MemoryView> openEventsDump(const AppSandboxHome &home, QTemporaryDir &dir,
                                           QString *error)
{
    const QString input = dir.filePath(QStringLiteral("memscope_dump_20251203.csv"));
    QFile f(input);
    if (!f.open(QIODevice::WriteOnly) || f.write(kEventsDump) < 0)
        return nullptr;
    f.close();
    const QStringList caches = importToCache(home, input, error);
    if (caches.size() != 1)
        return nullptr;
    auto view = std::make_unique<MemoryView>(ts::model::MemScopeSources{caches});
    view->resize(1400, 900);
    view->show();
    return view;
}

// The file's ID column of every row the Events table lists.
QStringList listedIds(ts::views::MemScopeEventsView *events)
{
    QStringList ids;
    const auto *m = events->model();
    for (int r = 0; r < m->rowCount(); ++r)
        ids << m->index(r, ts::model::MemScopeEventModel::Id).data().toString();
    return ids;
}

} // namespace

void TestMemoryView::memscopeEvents_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("ids");
    QTest::newRow("everything") << QString() << -1 << "1,2,3,4,5,6,7";
    QTest::newRow("MALLOC") << QString() << 1 << "2,4,5";
    QTest::newRow("FREE") << QString() << 2 << "6";
    QTest::newRow("an owner, any case") << "LAYER2" << -1 << "4";
    QTest::newRow("an allocator") << "pta" << -1 << "2,4,6";
    QTest::newRow("a name of one kind") << "matmul" << 4 << "3";
    QTest::newRow("a name of another kind") << "matmul" << 1 << "";
    QTest::newRow("an address") << "0x9000" << -1 << "5";
    QTest::newRow("an MSTX label") << "step" << 6 << "7";
    QTest::newRow("SYSTEM") << QString() << 7 << "1";
}

// The Events tab lists every row of the dump with its cells as written, and filters by text
// and by kind.
void TestMemoryView::memscopeEvents()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, ids);
    QTemporaryDir dir;
    QString error;
    auto view = openEventsDump(m_home, dir, &error);
    QVERIFY2(view, qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(view->isReady(), 60000);
    ts::views::MemScopeEventsView *events = view->events();
    QVERIFY(events);
    QVERIFY(view->tabs()->indexOf(events) >= 0);
    using C = ts::model::MemScopeEventModel;
    QCOMPARE(events->model()->totalCount(), 7);
    // The cells of one row as the file has them.
    const auto cell = [&](int row, int column) {
        return events->model()->index(row, column).data().toString();
    };
    QCOMPARE(cell(1, C::Event), QStringLiteral("MALLOC"));
    QCOMPARE(cell(1, C::Type), QStringLiteral("PTA"));
    QCOMPARE(cell(1, C::Device), QStringLiteral("0"));
    QCOMPARE(cell(2, C::Thread), QStringLiteral("8"));
    QCOMPARE(cell(1, C::Timestamp), QStringLiteral("1764753366000001000"));
    QCOMPARE(cell(1, C::Ptr), QStringLiteral("0x0000000000001000"));
    QCOMPARE(cell(1, C::Size), QStringLiteral("4096"));
    QCOMPARE(cell(1, C::Owner), QStringLiteral("PTA@model@layer1"));
    QCOMPARE(cell(2, C::Name), QStringLiteral("aten::matmul"));
    QCOMPARE(cell(0, C::Device), QStringLiteral("N/A"));
    QAbstractItemModelTester tester(events->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy done(events, &ts::views::MemScopeEventsView::filtered);
    events->setFilter(text, kind);
    QTRY_VERIFY(!events->isFiltering());
    QCOMPARE(done.count(), 1);
    QCOMPARE(listedIds(events).join(','), ids);
}

// Picking a MALLOC or FREE row selects its block on its device in the chart and the tables;
// picking a block selects its MALLOC row.
void TestMemoryView::memscopeEventSelectsItsBlock()
{
    QTemporaryDir dir;
    QString error;
    auto view = openEventsDump(m_home, dir, &error);
    QVERIFY2(view, qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(view->isReady(), 60000);
    ts::views::MemScopeEventsView *events = view->events();
    view->tabs()->setCurrentWidget(events);
    const auto selectedAddress = [&]() -> qint64 {
        const std::optional<uint32_t> a = view->chart()->selectedAllocation();
        return a ? qint64(view->timeline()->allocations(view->currentDevice())[*a].address) : -1;
    };
    const auto deviceLabel = [&] { return view->timeline()->device(view->currentDevice())->label; };
    const auto pick = [&](int row) {
        events->table()->selectionModel()->setCurrentIndex(events->model()->index(row, 0),
                                                           QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
    };
    pick(4); // ID 5: the HAL block of device 1
    QCOMPARE(deviceLabel(), QStringLiteral("NPU 1 · HAL"));
    QCOMPARE(selectedAddress(), 0x9000);
    QCOMPARE(view->tabs()->currentWidget(), events); // the table stays in view
    QCOMPARE(events->table()->currentIndex().row(), 4);
    pick(5); // ID 6: the FREE of the block at 0x1000 on device 0
    QCOMPARE(deviceLabel(), QStringLiteral("NPU 0 · PTA"));
    QCOMPARE(selectedAddress(), 0x1000);
    QCOMPARE(events->table()->currentIndex().row(), 5); // the FREE row stays picked
    pick(2);                                            // OP_LAUNCH: no block, nothing moves
    QCOMPARE(selectedAddress(), 0x1000);
    // The other way: the block at 0x3000 picked in the charts selects its MALLOC, ID 4.
    const auto &all = view->timeline()->allocations(view->currentDevice());
    const auto it =
        std::find_if(all.begin(), all.end(), [](const auto &a) { return a.address == 0x3000; });
    QVERIFY(it != all.end());
    view->showAllocation(it->allocTime, uint32_t(it - all.begin()));
    QCOMPARE(events->table()->currentIndex().row(), 3);
    // A filtered-out MALLOC selects nothing in the table and keeps the filter.
    events->setFilter(QStringLiteral("layer1"), -1);
    QTRY_VERIFY(!events->isFiltering());
    QCOMPARE(listedIds(events), QStringList{QStringLiteral("2")});
    view->showAllocation(it->allocTime, uint32_t(it - all.begin()));
    QCOMPARE(listedIds(events), QStringList{QStringLiteral("2")});
}

// The block whose MALLOC says `inefficient` is listed in its tab, with the reason atop its stack;
// the others are not.
void TestMemoryView::memscopeInefficientBlocks()
{
    QTemporaryDir dir;
    QString error;
    auto view = openEventsDump(m_home, dir, &error);
    QVERIFY2(view, qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(view->isReady(), 60000);
    QVERIFY2(view->timeline(), qPrintable(view->loadError()));
    ts::views::AllocationTable *table = view->inefficientTable();
    QVERIFY(table);
    QCOMPARE(view->timeline()->device(view->currentDevice())->label, QStringLiteral("NPU 0 · PTA"));
    QCOMPARE(table->rowCount(), 1);
    const auto &all = view->timeline()->allocations(view->currentDevice());
    QCOMPARE(all[table->allocations().front()].address, uint64_t(0x3000));
    QCOMPARE(view->tabs()->tabText(view->tabs()->indexOf(table)),
             QStringLiteral("Inefficient (1)"));
    view->tabs()->setCurrentWidget(table);
    table->selectRow(0);
    QVERIFY(view->stackList()->count() > 0);
    QCOMPARE(view->stackList()->item(0)->text(), QStringLiteral("inefficient: early_allocation"));
    // The HAL device has none.
    auto *box = view->findChild<QComboBox *>(QStringLiteral("memoryDevice"));
    box->setCurrentIndex(box->findText(QStringLiteral("NPU 1 · HAL")));
    QCOMPARE(table->rowCount(), 0);
}

QTEST_MAIN(TestMemoryView)
#include "tst_memoryview.moc"

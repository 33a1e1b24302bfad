// The Memory view over real snapshots imported by the real app: it loads, names the peaks,
// lists what is live at the peak (largest first, sizes adding up to the allocated curve there),
// shows a stack with noise frames folded unless asked for, and follows a clicked moment.
#include "timelinefixture.h"

#include "memory/memorychart.h"
#include "memory/memoryview.h"
#include "memory/stackfilter.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace ts::testing;
using ts::views::MemoryView;

class TestMemoryView : public QObject
{
    Q_OBJECT
private slots:
    void noiseFrames_data();
    void noiseFrames();
    void realSnapshot_data();
    void realSnapshot();

private:
    AppSandboxHome m_home;
};

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
    QTest::newRow("eor_nn (times, stacks)")
        << sharedSample("pytorch/memsnap-eor_nn/snapshot.pickle");
    QTest::newRow("kkaitlyn_a2 (19k events)")
        << sharedSample("pytorch/memsnap-kkaitlyn_a2/memory_files/memory_ctx128_fullstep.pickle");
    QTest::newRow("silmont_a2") << sharedSample("pytorch/memsnap-silmont_a2/mem_snapshot.pickle");
}

void TestMemoryView::realSnapshot()
{
    QFETCH(QString, input);
    if (!QFileInfo::exists(input))
        QSKIP("../shared/samples is absent (a user's own clone)");
    QString error;
    const QStringList caches = importToCache(m_home, input, &error);
    QVERIFY2(caches.size() == 1, qPrintable(error));
    MemoryView view(caches.first());
    view.resize(1400, 900);
    view.show();
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
    QTableWidget *live = view.liveTable();
    QVERIFY(live->rowCount() > 0);
    qint64 sum = 0, previous = std::numeric_limits<qint64>::max();
    for (int r = 0; r < live->rowCount(); ++r) {
        const qint64 size = live->item(r, 0)->data(Qt::UserRole).toLongLong();
        QVERIFY(size <= previous);
        previous = size;
        sum += size;
    }
    if (live->rowCount() < 5000)
        QCOMPARE(sum, peak.bytes);

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
        liveBytes += live->item(r, 0)->data(Qt::UserRole).toLongLong();
    if (live->rowCount() < 5000)
        QCOMPARE(liveBytes, view.timeline()->allocatedAt(device, axis, x));
}

QTEST_MAIN(TestMemoryView)
#include "tst_memoryview.moc"

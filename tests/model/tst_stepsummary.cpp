// The per-step summary (model/summary/) against figures worked out another way: a small trace
// whose unions and overlaps are worked out by hand in the comments below, random traces
// checked against a nanosecond-by-nanosecond count of what is busy, step_time rows (ranges and
// step_trace_time figures) and the CSV text.
#include "cachebuilder.h"
#include "records/ascendrecords.h"
#include "summary/stepsummary.h"
#include "summary/summarycsv.h"
#include "summary/summaryinput.h"
#include "timeline/timelinedata.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace ts;
using ts::testing::StreamBuilder;

namespace {

// Strings of the hand-written trace.
enum : uint32_t {
    kPython = 1,
    kCpu,
    kGpu,
    kMain,
    kStream7,
    kStream8,
    kStep1,
    kStep2,
    kLaunch,
    kGemm,
    kRelu,
    kNccl,
    kAnnotationCat,
    kRuntimeCat,
    kEventWait,
    kStringCount
};

// Process 1 (CPU, rank `rank`) with thread track 1; process 2 (GPU 0) with streams 7 and 8
// (tracks 2 and 3).
StreamBuilder traceHeader(int rank)
{
    StreamBuilder b;
    const char *text[] = {"",
                          "python",
                          "CPU",
                          "GPU 0",
                          "main",
                          "stream 7",
                          "stream 8",
                          "ProfilerStep#1",
                          "ProfilerStep#2",
                          "cudaLaunchKernel",
                          "gemm",
                          "relu",
                          "ncclKernel_AllReduce",
                          "gpu_user_annotation",
                          "cuda_runtime",
                          "EVENT_WAIT"};
    for (uint32_t i = 1; i < kStringCount; ++i)
        b.add(rec::StringRec{i, text[i]});
    b.add(rec::ProcessRec{1, 100, kPython, kCpu, 0, rank});
    b.add(rec::ProcessRec{2, 101, kPython, kGpu, 1, rank});
    b.add(rec::ThreadRec{1, 1, 7, kMain, 0});
    b.add(rec::ThreadRec{2, 2, 7, kStream7, 0});
    b.add(rec::ThreadRec{3, 2, 8, kStream8, 1});
    for (uint32_t t = 1; t <= 3; ++t)
        b.add(rec::TrackRec{t, rec::TrackKind::Thread, 0, t == 1 ? 1u : 2u, t, 0});
    return b;
}

struct Busy
{
    int64_t compute = 0, comm = 0, both = 0;
};

} // namespace

class TestStepSummary : public QObject
{
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void intervals();
    void handWrittenTrace();
    void clusterSlowestAndSpread();
    void twoDevicesOneTrace();
    void randomAgainstBruteForce_data();
    void randomAgainstBruteForce();
    void stepTimeRows();
    void csvText();

private:
    QString build(const StreamBuilder &b, const char *name)
    {
        const QString file = m_dir->filePath(QString::fromLatin1(name));
        QString error;
        if (!testing::buildCache(b.bytes(), file, &error))
            qWarning("%s", qPrintable(error));
        return file;
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStepSummary::intervals()
{
    std::vector<model::Interval> a{{5, 10}, {0, 3}, {2, 4}, {10, 12}, {20, 20}};
    QCOMPARE(model::mergeIntervals(a), int64_t(4 + 7)); // [0,4) [5,12)
    QCOMPARE(a.size(), size_t(2));
    std::vector<model::Interval> b{{3, 6}, {11, 30}};
    QCOMPARE(model::mergeIntervals(b), int64_t(3 + 19));
    QCOMPARE(model::intersectionLength(a, b), int64_t(1 + 1 + 1)); // [3,4) [5,6) [11,12)
}

void TestStepSummary::handWrittenTrace()
{
    StreamBuilder b = traceHeader(0);
    // Host: step 1 [0,1000) with launches [10,20) and [30,50); step 2 [1000,2000) with one
    // launch [1100,1130) holding a nested launch-named call [1105,1110) (the thread's union: 30).
    b.add(rec::SliceRec{1, 0, 1000, kStep1, 0, {}});
    b.add(rec::SliceRec{1, 10, 10, kLaunch, kRuntimeCat, {}});
    b.add(rec::SliceRec{1, 30, 20, kLaunch, kRuntimeCat, {}});
    b.add(rec::SliceRec{1, 1000, 1000, kStep2, 0, {}});
    b.add(rec::SliceRec{1, 1100, 30, kLaunch, kRuntimeCat, {}});
    b.add(rec::SliceRec{1, 1105, 5, kLaunch, kRuntimeCat, {}});
    // Stream 7: the GPU copy of the step annotation [90,900) (not work), gemm [100,400),
    // relu [450,500), an event wait [500,800) (not work), gemm [1900,2100) across the boundary.
    b.add(rec::SliceRec{2, 90, 810, kStep1, kAnnotationCat, {}});
    b.add(rec::SliceRec{2, 100, 300, kGemm, 0, {}});
    b.add(rec::SliceRec{2, 450, 50, kRelu, 0, {}});
    b.add(rec::SliceRec{2, 500, 300, kEventWait, 0, {}});
    b.add(rec::SliceRec{2, 1900, 200, kGemm, 0, {}});
    // Stream 8: NCCL [300,700).
    b.add(rec::SliceRec{3, 300, 400, kNccl, 0, {}});
    b.add(rec::StringRec{kStringCount, "chrome-trace"}).add(rec::ResultRec{kStringCount, 0});
    const QString file = build(b, "hand.tscache");
    model::TimelineData data;
    QVERIFY(data.load({file}, nullptr));
    model::SummaryInput input;
    QString error;
    QVERIFY2(model::loadSummaryInput(data, {}, &input, &error), qPrintable(error));
    QCOMPARE(input.ranks.size(), 1);
    QCOMPARE(input.ranks[0].number, 0);
    QCOMPARE(input.ranks[0].label, QStringLiteral("Rank 0"));
    const model::StepSummary s = model::computeStepSummary(data, input);
    QCOMPARE(s.rows.size(), 2);

    const model::RankStep &one = s.rows[0];
    QCOMPARE(one.step, int64_t(1));
    QCOMPARE(one.source, model::FigureSource::Kernels);
    QCOMPARE(one.stepNs, int64_t(1000));
    // Computing: [100,400) ∪ [450,500) = 350. Communication: [300,700) = 400. Overlapped:
    // [300,400) + [450,500) = 150, so 250 not overlapped. Free: 1000 − (350 + 250) = 400.
    QCOMPARE(one.computingNs, int64_t(350));
    QCOMPARE(one.communicationNs, int64_t(400));
    QCOMPARE(one.overlappedNs, int64_t(150));
    QCOMPARE(one.commNotOverlappedNs, int64_t(250));
    QCOMPARE(one.freeNs, int64_t(400));
    QCOMPARE(one.kernelNs, int64_t(300 + 50 + 400));
    QCOMPARE(one.kernelCount, qint64(3));
    QCOMPARE(one.launchNs, int64_t(10 + 20));
    QCOMPARE(one.topKernels.size(), 3);
    QCOMPARE(one.topKernels[0].name, QStringLiteral("ncclKernel_AllReduce"));
    QCOMPARE(one.topKernels[0].totalNs, int64_t(400));
    QCOMPARE(one.topKernels[1].name, QStringLiteral("gemm"));
    QCOMPARE(one.topKernels[2].name, QStringLiteral("relu"));
    QCOMPARE(data.slice(one.topKernels[1].longest).ts, int64_t(100));
    QVERIFY(one.stepSlice.isValid());
    QCOMPARE(data.slice(one.stepSlice).ts, int64_t(0));

    const model::RankStep &two = s.rows[1];
    QCOMPARE(two.step, int64_t(2));
    // Only the part of gemm [1900,2100) inside the step: 100.
    QCOMPARE(two.computingNs, int64_t(100));
    QCOMPARE(two.communicationNs, int64_t(0));
    QCOMPARE(two.freeNs, int64_t(900));
    QCOMPARE(two.launchNs, int64_t(30));
    QCOMPARE(two.kernelNs, int64_t(100));
    QCOMPARE(two.slowestRank, 0);
    QCOMPARE(two.spreadNs, int64_t(0));
}

void TestStepSummary::clusterSlowestAndSpread()
{
    // Two rank files: rank 0's step 1 lasts 1000 ns, rank 1's 1300 ns; step 2 only rank 0.
    QStringList files;
    for (int rank = 0; rank < 2; ++rank) {
        StreamBuilder b = traceHeader(rank);
        b.add(rec::SliceRec{1, 0, rank == 0 ? 1000 : 1300, kStep1, 0, {}});
        if (rank == 0)
            b.add(rec::SliceRec{1, 2000, 500, kStep2, 0, {}});
        b.add(rec::SliceRec{2, 100, 100, kGemm, 0, {}});
        b.add(rec::StringRec{kStringCount, "chrome-trace"}).add(rec::ResultRec{kStringCount, 0});
        // Rank 1 first: the summary orders ranks by number, not by file.
        files.prepend(build(b, rank == 0 ? "r0.tscache" : "r1.tscache"));
    }
    model::TimelineData data;
    QVERIFY(data.load(files, nullptr));
    model::SummaryInput input;
    QString error;
    QVERIFY(model::loadSummaryInput(data, {}, &input, &error));
    QCOMPARE(input.ranks.size(), 2);
    QCOMPARE(input.ranks[0].label, QStringLiteral("Rank 0"));
    QCOMPARE(input.ranks[1].label, QStringLiteral("Rank 1"));
    const model::StepSummary s = model::computeStepSummary(data, input);
    QCOMPARE(s.rows.size(), 3);
    QCOMPARE(s.rows[0].step, int64_t(1));
    QCOMPARE(s.rows[0].rank, 0);
    QCOMPARE(s.rows[1].rank, 1);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(s.rows[i].slowestRank, 1);
        QCOMPARE(s.rows[i].spreadNs, int64_t(300));
    }
    QCOMPARE(s.rows[2].step, int64_t(2));
    QCOMPARE(s.rows[2].slowestRank, 0);
    QCOMPARE(s.rows[2].spreadNs, int64_t(0));
}

void TestStepSummary::twoDevicesOneTrace()
{
    // One process drives GPU 0 (stream 7: gemm [100,400)) and GPU 1 (stream 8, moved to a
    // process labelled GPU 1: gemm [300,900)): each GPU is its own row, not their union.
    StreamBuilder b = traceHeader(0);
    b.add(rec::StringRec{kStringCount, "GPU 1"});
    b.add(rec::ProcessRec{3, 102, kPython, kStringCount, 2, 0});
    b.add(rec::ThreadRec{4, 3, 9, kStream8, 0});
    b.add(rec::TrackRec{4, rec::TrackKind::Thread, 0, 3, 4, 0});
    b.add(rec::SliceRec{1, 0, 1000, kStep1, 0, {}});
    b.add(rec::SliceRec{2, 100, 300, kGemm, 0, {}});
    b.add(rec::SliceRec{4, 300, 600, kGemm, 0, {}});
    b.add(rec::StringRec{kStringCount + 1, "chrome-trace"})
        .add(rec::ResultRec{kStringCount + 1, 0});
    model::TimelineData data;
    QVERIFY(data.load({build(b, "two.tscache")}, nullptr));
    model::SummaryInput input;
    QString error;
    QVERIFY(model::loadSummaryInput(data, {}, &input, &error));
    QCOMPARE(input.ranks.size(), 2);
    QVERIFY2(input.ranks[0].label.endsWith(QStringLiteral("GPU 0")),
             qPrintable(input.ranks[0].label));
    QVERIFY2(input.ranks[1].label.endsWith(QStringLiteral("GPU 1")),
             qPrintable(input.ranks[1].label));
    const model::StepSummary s = model::computeStepSummary(data, input);
    QCOMPARE(s.rows.size(), 2);
    QCOMPARE(s.rows[0].computingNs, int64_t(300));
    QCOMPARE(s.rows[0].freeNs, int64_t(700));
    QCOMPARE(s.rows[1].computingNs, int64_t(600));
    QCOMPARE(s.rows[1].freeNs, int64_t(400));
    QCOMPARE(s.rows[0].slowestRank, 0); // equal step times: the first
    QCOMPARE(s.rows[0].spreadNs, int64_t(0));
}

void TestStepSummary::randomAgainstBruteForce_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 7u, 42u, 1234u})
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

void TestStepSummary::randomAgainstBruteForce()
{
    QFETCH(quint32, seed);
    QRandomGenerator rng(seed);
    constexpr int64_t kSpan = 4000;
    StreamBuilder b = traceHeader(0);
    const int64_t stepStart = rng.bounded(200), stepEnd = kSpan - rng.bounded(200);
    b.add(rec::SliceRec{1, stepStart, stepEnd - stepStart, kStep1, 0, {}});
    // Per ns: is some compute / communication slice running? Counted the slow way.
    std::vector<uint8_t> busy(size_t(kSpan), 0);
    for (uint32_t track : {2u, 3u}) {
        int64_t t = 0;
        while (true) {
            t += rng.bounded(120);
            const int64_t dur = 1 + rng.bounded(150);
            if (t + dur > kSpan)
                break;
            const bool nccl = rng.bounded(3) == 0;
            b.add(rec::SliceRec{track, t, dur, nccl ? kNccl : kGemm, 0, {}});
            for (int64_t i = t; i < t + dur; ++i)
                busy[size_t(i)] |= nccl ? 2 : 1;
            t += dur;
        }
    }
    b.add(rec::StringRec{kStringCount, "chrome-trace"}).add(rec::ResultRec{kStringCount, 0});
    model::TimelineData data;
    QVERIFY(data.load({build(b, "random.tscache")}, nullptr));
    const model::StepSummary s = model::computeStepSummary(data, model::summaryInputOf(data));
    QCOMPARE(s.rows.size(), 1);
    Busy e;
    int64_t idle = 0;
    for (int64_t i = stepStart; i < stepEnd; ++i) {
        e.compute += (busy[size_t(i)] & 1) ? 1 : 0;
        e.comm += (busy[size_t(i)] & 2) ? 1 : 0;
        e.both += busy[size_t(i)] == 3 ? 1 : 0;
        idle += busy[size_t(i)] == 0 ? 1 : 0;
    }
    const model::RankStep &r = s.rows[0];
    QCOMPARE(r.stepNs, stepEnd - stepStart);
    QCOMPARE(r.computingNs, e.compute);
    QCOMPARE(r.communicationNs, e.comm);
    QCOMPARE(r.overlappedNs, e.both);
    QCOMPARE(r.commNotOverlappedNs, e.comm - e.both);
    QCOMPARE(r.freeNs, idle);
}

void TestStepSummary::stepTimeRows()
{
    // An Ascend-like rank: step 3 has a STEP_TIME range and no figures, step 4 has
    // step_trace_time figures and no range, step 5 has neither (left out).
    StreamBuilder b = traceHeader(-1);
    b.add(rec::SliceRec{2, 150, 100, kGemm, 0, {}});
    b.add(rec::StepRec{3, 0, 100, 400, {}});
    b.add(rec::StepRec{4, 0, -1, -1,
                       R"j({"Computing":5000,"Communication(Not Overlapped)":2000,)j"
                       R"j("Overlapped":700,"Communication":2700,"Free":1000,"Stage":8000})j"});
    b.add(rec::StepRec{5, 0, -1, -1, {}});
    b.add(rec::StringRec{kStringCount, "chrome-trace"}).add(rec::ResultRec{kStringCount, 0});
    model::TimelineData data;
    QVERIFY(data.load({build(b, "ascend.tscache")}, nullptr));
    model::SummaryInput input;
    QString error;
    QVERIFY(model::loadSummaryInput(data, {}, &input, &error));
    const model::StepSummary s = model::computeStepSummary(data, input);
    QCOMPARE(s.rows.size(), 2);
    QCOMPARE(s.rows[0].step, int64_t(3));
    QVERIFY(s.rows[0].hasRange);
    QCOMPARE(s.rows[0].stepNs, int64_t(300));
    QCOMPARE(s.rows[0].computingNs, int64_t(100));
    QCOMPARE(s.rows[0].freeNs, int64_t(200));
    QCOMPARE(s.rows[1].step, int64_t(4));
    QCOMPARE(s.rows[1].source, model::FigureSource::StepTrace);
    QCOMPARE(s.rows[1].stepNs, int64_t(8000));
    QCOMPARE(s.rows[1].computingNs, int64_t(5000));
    QCOMPARE(s.rows[1].commNotOverlappedNs, int64_t(2000));
    QCOMPARE(s.rows[1].overlappedNs, int64_t(700));
    QCOMPARE(s.rows[1].communicationNs, int64_t(2700));
    QCOMPARE(s.rows[1].freeNs, int64_t(1000));
    QCOMPARE(s.rows[1].kernelNs, int64_t(-1));
}

void TestStepSummary::csvText()
{
    model::StepSummary s;
    s.ranks.append(model::SummaryRank{QStringLiteral("Rank 0, NPU 1"), true, 0, {}, {}, {}});
    model::RankStep r;
    r.step = 7;
    r.hasRange = true;
    r.stepNs = 1234567;
    r.computingNs = 1000;
    r.commNotOverlappedNs = 2;
    r.overlappedNs = 3;
    r.communicationNs = 5;
    r.freeNs = 1233565;
    r.kernelNs = 999;
    r.launchNs = 10;
    r.kernelCount = 4;
    r.slowestRank = 0;
    r.spreadNs = 0;
    s.rows.append(r);
    r.step = -1;
    r.hasRange = false;
    r.kernelNs = r.launchNs = -1;
    r.source = model::FigureSource::StepTrace;
    s.rows.append(r);
    QCOMPARE(model::summaryCsv(s),
             QByteArray("step,rank,step_us,computing_us,communication_not_overlapped_us,"
                        "overlapped_us,communication_us,free_us,kernel_us,launch_us,kernels,"
                        "source,slowest_rank,spread_us\n"
                        "7,\"Rank 0, NPU 1\",1234.567,1.000,0.002,0.003,0.005,1233.565,0.999,"
                        "0.010,4,kernels,\"Rank 0, NPU 1\",0.000\n"
                        ",\"Rank 0, NPU 1\",1234.567,1.000,0.002,0.003,0.005,1233.565,,,,"
                        "step_trace_time,\"Rank 0, NPU 1\",0.000\n"));
}

QTEST_GUILESS_MAIN(TestStepSummary)
#include "tst_stepsummary.moc"

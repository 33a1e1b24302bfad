// `tracescope --stats summary PATH`, run as the real binary: the per-step CSV against figures
// worked out here from the input's own files — a generated trace whose busy nanoseconds the test
// counts one by one, a real Kineto trace whose kernels the test clips and unites itself, and an
// Ascend cluster whose step_trace_time.csv the test reads.
#include "../model/csvsplit.h"
#include "apprunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include <zlib.h>

using namespace ts::testing;

namespace {

const QStringList kHeader{"step",
                          "rank",
                          "step_us",
                          "computing_us",
                          "communication_not_overlapped_us",
                          "overlapped_us",
                          "communication_us",
                          "free_us",
                          "kernel_us",
                          "launch_us",
                          "kernels",
                          "source",
                          "slowest_rank",
                          "spread_us"};

QString micros(qint64 ns)
{
    return QString::asprintf("%s%lld.%03lld", ns < 0 ? "-" : "", qAbs(ns) / 1000, qAbs(ns) % 1000);
}

// µs → ns without the loss of multiplying an epoch-µs double by 1000 (past 2^53).
qint64 toNs(double us)
{
    const double whole = std::floor(us);
    return qint64(whole) * 1000 + qRound64((us - whole) * 1000);
}

QList<QStringList> parseCsv(const QByteArray &text)
{
    return splitCsv(QString::fromUtf8(text));
}

// Length of the union of [start, end) intervals, worked out by sorting and sweeping.
qint64 unionLength(std::vector<std::pair<qint64, qint64>> v)
{
    std::sort(v.begin(), v.end());
    qint64 total = 0, reach = std::numeric_limits<qint64>::lowest();
    for (const auto &[a, b] : v) {
        const qint64 from = std::max(a, reach);
        if (b > from)
            total += b - from;
        reach = std::max(reach, b);
    }
    return total;
}

} // namespace

class TestHeadlessSummary : public QObject
{
    Q_OBJECT
private slots:
    void generatedTrace();
    void realKinetoTrace();
    void ascendStepTraceTime();
    void noSteps();
};

void TestHeadlessSummary::generatedTrace()
{
    // Three steps on the CPU thread; kernels on "stream 7", NCCL kernels on "stream 8", random
    // lengths in whole ns; launches on the CPU thread. Every busy ns is counted here.
    QRandomGenerator rng(11);
    QJsonArray events;
    auto us = [](qint64 ns) { return double(ns) / 1000.0; };
    events.append(QJsonObject{{"ph", "M"},
                              {"name", "thread_name"},
                              {"pid", 1},
                              {"tid", 7},
                              {"args", QJsonObject{{"name", "stream 7"}}}});
    events.append(QJsonObject{{"ph", "M"},
                              {"name", "thread_name"},
                              {"pid", 1},
                              {"tid", 8},
                              {"args", QJsonObject{{"name", "stream 8"}}}});
    const qint64 kStep = 300000, kBase = 1000000;
    std::vector<uint8_t> busy(size_t(3 * kStep + 100000), 0); // index: ns - kBase
    qint64 launches[3] = {0, 0, 0};
    for (int s = 0; s < 3; ++s) {
        const qint64 start = kBase + s * kStep;
        events.append(QJsonObject{{"ph", "X"},
                                  {"name", QStringLiteral("ProfilerStep#%1").arg(s + 4)},
                                  {"pid", 1},
                                  {"tid", 1},
                                  {"ts", us(start)},
                                  {"dur", us(kStep - 17)},
                                  {"cat", "user_annotation"}});
        for (int l = 0; l < 5; ++l) {
            const qint64 at = start + 1000 + l * 20000, len = 1000 + rng.bounded(5000);
            events.append(QJsonObject{{"ph", "X"},
                                      {"name", "cudaLaunchKernel"},
                                      {"pid", 1},
                                      {"tid", 1},
                                      {"ts", us(at)},
                                      {"dur", us(len)},
                                      {"cat", "cuda_runtime"}});
            launches[s] += len;
        }
    }
    for (int tid : {7, 8}) {
        qint64 t = kBase;
        while (true) {
            t += 1 + rng.bounded(9000);
            const qint64 dur = 1 + rng.bounded(12000);
            if (t + dur > kBase + 3 * kStep + 50000)
                break;
            events.append(QJsonObject{{"ph", "X"},
                                      {"name", tid == 8 ? "ncclKernel_AllReduce" : "gemm"},
                                      {"pid", 1},
                                      {"tid", tid},
                                      {"ts", us(t)},
                                      {"dur", us(dur)},
                                      {"cat", "kernel"}});
            for (qint64 i = t; i < t + dur; ++i)
                busy[size_t(i - kBase)] |= tid == 8 ? 2 : 1;
            t += dur;
        }
    }
    AppSandboxHome home;
    const QString trace = home.path() + QStringLiteral("/steps.json");
    QFile f(trace);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{"traceEvents", events}}).toJson(QJsonDocument::Compact));
    f.close();
    const AppRun run = runApp(home, rootFlag() + QStringList{"--stats", "summary", trace});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = parseCsv(run.out);
    QCOMPARE(rows.value(0), kHeader);
    QCOMPARE(rows.size(), 4);
    for (int s = 0; s < 3; ++s) {
        const QStringList &r = rows[s + 1];
        const qint64 start = s * kStep, end = start + kStep - 17;
        qint64 compute = 0, comm = 0, both = 0, idle = 0;
        for (qint64 i = start; i < end; ++i) {
            const uint8_t b = busy[size_t(i)];
            compute += b & 1;
            comm += (b >> 1) & 1;
            both += b == 3;
            idle += b == 0;
        }
        QCOMPARE(r[0], QString::number(s + 4));
        QCOMPARE(r[2], micros(end - start));
        QCOMPARE(r[3], micros(compute));
        QCOMPARE(r[4], micros(comm - both));
        QCOMPARE(r[5], micros(both));
        QCOMPARE(r[6], micros(comm));
        QCOMPARE(r[7], micros(idle));
        QCOMPARE(r[9], micros(launches[s]));
        QCOMPARE(r[11], QStringLiteral("kernels"));
    }
}

void TestHeadlessSummary::realKinetoTrace()
{
    const QString trace =
        QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/pytorch/kineto/tb_plugin/"
                                             "samples/resnet50_num_workers_0/"
                                             "worker0.1623143089861.pt.trace.json.gz");
    if (!QFileInfo::exists(trace))
        QSKIP("../shared/samples is not here (a user's own clone); CI has it");
    gzFile gz = gzopen(QFile::encodeName(trace).constData(), "rb");
    QVERIFY(gz);
    QByteArray json;
    char buffer[1 << 16];
    for (int n; (n = gzread(gz, buffer, sizeof buffer)) > 0;)
        json.append(buffer, n);
    gzclose(gz);
    const QJsonArray events = QJsonDocument::fromJson(json).object()["traceEvents"].toArray();
    // The trace's steps and its device work (kernels, copies, sets), in ns.
    std::map<qint64, std::pair<qint64, qint64>> steps;
    std::vector<std::pair<qint64, qint64>> work;
    for (const auto &v : events) {
        const QJsonObject e = v.toObject();
        if (e["ph"].toString() != QLatin1String("X"))
            continue;
        const qint64 ts = toNs(e["ts"].toDouble());
        const qint64 end = ts + toNs(e["dur"].toDouble());
        // This 2021 trace's categories: Kernel, Memcpy, Memset on the GPU streams.
        const QString name = e["name"].toString(), cat = e["cat"].toString().toLower();
        if (name.startsWith(QLatin1String("ProfilerStep#")) && cat != "gpu_user_annotation")
            steps[name.mid(13).toLongLong()] = {ts, end};
        else if (cat == "kernel" || cat == "memcpy" || cat == "memset")
            work.push_back({ts, end});
    }
    QVERIFY(steps.size() >= 5);

    AppSandboxHome home;
    const AppRun run = runApp(home, rootFlag() + QStringList{"--stats", "summary", trace}, 300000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = parseCsv(run.out);
    QCOMPARE(size_t(rows.size() - 1), steps.size());
    int i = 1;
    for (const auto &[n, range] : steps) {
        const QStringList &r = rows[i++];
        std::vector<std::pair<qint64, qint64>> inside;
        qint64 sum = 0;
        for (const auto &[a, b] : work) {
            const qint64 lo = std::max(a, range.first), hi = std::min(b, range.second);
            if (hi > lo) {
                inside.push_back({lo, hi});
                sum += hi - lo;
            }
        }
        const qint64 computing = unionLength(inside);
        QCOMPARE(r[0], QString::number(n));
        QCOMPARE(r[2], micros(range.second - range.first));
        QCOMPARE(r[3], micros(computing));
        QCOMPARE(r[6], micros(0)); // no communication in this single-GPU run
        QCOMPARE(r[7], micros(range.second - range.first - computing));
        QCOMPARE(r[8], micros(sum));
    }
}

void TestHeadlessSummary::ascendStepTraceTime()
{
    const QString folder =
        QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/ascend/msinsight/test/st/level2");
    if (!QFileInfo::exists(folder))
        QSKIP("../shared/samples is not here (a user's own clone); CI has it");
    // Each rank's step_trace_time.csv, read here by column name: µs → ns.
    std::map<int, QStringList> expected; // by rank folder number
    for (int rank = 0; rank < 4; ++rank) {
        QFile csv(QStringLiteral("%1/rank_%2_ascend_pt/ASCEND_PROFILER_OUTPUT/step_trace_time.csv")
                      .arg(folder)
                      .arg(rank));
        QVERIFY2(csv.open(QIODevice::ReadOnly), qPrintable(csv.fileName()));
        const QList<QStringList> table = splitCsv(QString::fromUtf8(csv.readAll()));
        const QStringList &head = table[0];
        const QStringList &row = table[1];
        auto ns = [&](const char *column) {
            const int c = head.indexOf(QString::fromLatin1(column));
            return c < 0 ? qint64(-1) : qRound64(row[c].trimmed().toDouble() * 1000);
        };
        expected[rank] = {row[head.indexOf("Step")].trimmed(),
                          micros(ns("Stage")),
                          micros(ns("Computing")),
                          micros(ns("Communication(Not Overlapped)")),
                          micros(ns("Overlapped")),
                          micros(ns("Communication")),
                          micros(ns("Free"))};
    }
    AppSandboxHome home;
    const AppRun run = runApp(home, rootFlag() + QStringList{"--stats", "summary", folder}, 300000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QStringList> rows = parseCsv(run.out);
    QCOMPARE(rows.size(), 5);
    QString slowest;
    qint64 longest = -1, shortest = std::numeric_limits<qint64>::max();
    for (int i = 1; i < rows.size(); ++i) {
        const QStringList &r = rows[i];
        // "Rank N · NPU d": the rank id from profiler_info, which these folders name alike.
        const int rank = r[1].section(QLatin1Char(' '), 1, 1).toInt();
        QVERIFY2(expected.count(rank), qPrintable(r[1]));
        QCOMPARE((QStringList{r[0], r[2], r[3], r[4], r[5], r[6], r[7]}), expected[rank]);
        QCOMPARE(r[11], QStringLiteral("step_trace_time"));
        const qint64 stepNs = qRound64(r[2].toDouble() * 1000);
        if (stepNs > longest) {
            longest = stepNs;
            slowest = r[1];
        }
        shortest = std::min(shortest, stepNs);
    }
    for (int i = 1; i < rows.size(); ++i) {
        QCOMPARE(rows[i][12], slowest);
        QCOMPARE(rows[i][13], micros(longest - shortest));
    }
}

void TestHeadlessSummary::noSteps()
{
    // A trace without ProfilerStep#N: the header alone, and a note that says why.
    AppSandboxHome home;
    const QString trace = home.path() + QStringLiteral("/plain.json");
    QFile f(trace);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"traceEvents":[{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":2}]})");
    f.close();
    const AppRun run = runApp(home, rootFlag() + QStringList{"--stats", "summary", trace});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(parseCsv(run.out), QList<QStringList>{kHeader});
    QVERIFY2(run.err.contains("has no steps"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestHeadlessSummary)
#include "tst_headlesssummary.moc"

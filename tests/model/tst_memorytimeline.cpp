// MemoryTimeline over caches written through the real path (record stream → RecordValidator →
// CacheWriter/MemoryWriter): alloc/free matching and its flags on hand-written traces, every
// query against brute force on random traces, and the real snapshot samples imported by the app.
#include "cachebuilder.h"
#include "memory/memorytimeline.h"
#include "streambuilder.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace ts;
using model::MemoryAxis;
using model::MemoryTimeline;
using ts::testing::StreamBuilder;

namespace {

constexpr MemoryAxis kAxes[] = {MemoryAxis::Time, MemoryAxis::Sequence};

// Strings "forward", "model.py"; frames 1 (line 12) and 2 (line 40); stack 1 = [2, 1].
StreamBuilder basics(std::string &storage)
{
    StreamBuilder b;
    b.add(rec::StringRec{1, "forward"}).add(rec::StringRec{2, "model.py"});
    b.add(rec::StackFrameRec{1, 1, 2, 12}).add(rec::StackFrameRec{2, 1, 2, 40});
    rec::StackRec s;
    s.id = 1;
    s.setFrames({2, 1}, storage);
    b.add(s);
    return b;
}

// One device-trace entry; seq and time are filled in by Trace::add.
struct Ev
{
    rec::MemAction action;
    uint64_t addr;
    uint64_t size;
    bool beforeTrace = false;
};

// A trace of device 0 as a stream, times 1000 + step (or none).
struct Trace
{
    std::string storage;
    StreamBuilder b = basics(storage);
    uint64_t seq = 0;
    int64_t time = 1000;
    bool timed = true;

    void add(const Ev &e, int64_t step = 10)
    {
        rec::MemEventRec r;
        r.action = e.action;
        r.addr = e.addr;
        r.size = e.size;
        r.flags = e.beforeTrace ? rec::kMemBeforeTrace : 0;
        r.sequence = seq++;
        time += step;
        r.timeNs = timed ? time : -1;
        r.stack = 1;
        r.stream = 7;
        b.add(r);
    }
    bool load(MemoryTimeline &tl, QTemporaryDir &dir, QString *error)
    {
        const QString path = dir.filePath(QStringLiteral("mem.db"));
        return ts::testing::buildCache(b.bytes(), path, error) && tl.load(path, error);
    }
};

// "a 16 100; r 16; c 16; b 32 50": alloc, free_requested, free_completed, a free flagged before
// the trace (size from the event), sa/sf segment alloc/free, m/u map/unmap, o oom.
void parse(Trace &t, const QString &spec)
{
    for (const QString &item : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList f = item.trimmed().split(u' ');
        const QString op = f.value(0);
        const uint64_t addr = f.value(1).toULongLong();
        const uint64_t size = f.value(2).toULongLong();
        using A = rec::MemAction;
        const A action = op == "a"    ? A::Alloc
                         : op == "r"  ? A::FreeRequested
                         : op == "sa" ? A::SegmentAlloc
                         : op == "sf" ? A::SegmentFree
                         : op == "m"  ? A::SegmentMap
                         : op == "u"  ? A::SegmentUnmap
                         : op == "o"  ? A::Oom
                                      : A::FreeCompleted;
        t.add(Ev{action, addr, size, op == "b"});
    }
}

QString describe(const MemoryTimeline &tl)
{
    QStringList out;
    for (const model::MemoryAllocation &a : tl.allocations(0))
        out << QStringLiteral("%1-%2:%3:%4")
                   .arg(a.allocSeq)
                   .arg(a.freeSeq)
                   .arg(a.size)
                   .arg(a.flags);
    return out.join(u',');
}

int64_t bruteAllocated(const MemoryTimeline &tl, MemoryAxis axis, int64_t x)
{
    int64_t sum = 0;
    for (const model::MemoryAllocation &a : tl.allocations(0))
        sum += a.isLiveAt(axis, x) ? int64_t(a.size) : 0;
    return sum;
}

// Every x where the allocated total can change, plus the range's edges.
std::vector<int64_t> interestingX(const MemoryTimeline &tl, MemoryAxis axis)
{
    std::vector<int64_t> xs{tl.start(0, axis) - 1, tl.end(0, axis), tl.end(0, axis) + 1};
    for (const model::MemoryAllocation &a : tl.allocations(0)) {
        for (int64_t d : {-1, 0, 1}) {
            xs.push_back(a.start(axis) + d);
            xs.push_back(a.end(axis) + d);
        }
    }
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    return xs;
}

} // namespace

class TestMemoryTimeline : public QObject
{
    Q_OBJECT

private slots:
    void matching_data();
    void matching();
    void reserved_data();
    void reserved();
    void stacks();
    void againstBruteForce_data();
    void againstBruteForce();
    void realSamples_data();
    void realSamples();
};

void TestMemoryTimeline::matching_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("timed");
    // allocSeq-freeSeq:size:flags per allocation, in the order the allocations began;
    // flags 1 never freed, 2 before the trace, 4 free requested only.
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("neverFreed");
    // freeRequestedSeq of the first allocation: its free_requested, else its free.
    QTest::addColumn<int>("firstRequested");

    QTest::newRow("alloc, completed") << "a 16 100; c 16 100" << true << "0-1:100:0" << 0 << 1;
    QTest::newRow("requested then completed")
        << "a 16 100; r 16 100; a 32 8; c 16 100" << true << "0-3:100:0,2-4:8:1" << 1 << 1;
    QTest::newRow("requested only")
        << "a 16 100; r 16 100; a 32 8; c 32 8" << true << "0-1:100:4,2-3:8:0" << 0 << 1;
    QTest::newRow("never freed") << "a 16 100; a 32 5; c 32 5" << true << "0-3:100:1,1-2:5:0" << 1 << 3;
    QTest::newRow("before trace") << "a 16 100; b 48 70; c 16 100" << true << "0-2:100:0,0-1:70:2"
                                  << 0 << 2;
    QTest::newRow("unflagged orphan reads as before trace")
        << "a 16 100; c 48 70" << true << "0-2:100:1,0-1:70:2" << 1 << 2;
    QTest::newRow("address reuse matches in order")
        << "a 16 100; c 16 100; a 16 200; c 16 200; a 16 300" << true
        << "0-1:100:0,2-3:200:0,4-5:300:1" << 1 << 1;
    QTest::newRow("no times: sequence everywhere")
        << "a 16 100; a 32 4; c 16 100" << false << "0-2:100:0,1-3:4:1" << 1 << 2;
    QTest::newRow("oom is a marker") << "a 16 100; o 0 0; c 16 100" << true << "0-2:100:0" << 0 << 2;
}

void TestMemoryTimeline::matching()
{
    QFETCH(QString, spec);
    QFETCH(bool, timed);
    QFETCH(QString, expected);
    QFETCH(int, neverFreed);
    QFETCH(int, firstRequested);
    Trace t;
    t.timed = timed;
    parse(t, spec);
    QTemporaryDir dir;
    MemoryTimeline tl;
    QString error;
    QVERIFY2(t.load(tl, dir, &error), qPrintable(error));
    QCOMPARE(tl.devices(), QVector<int>{0});
    QCOMPARE(describe(tl), expected);
    QCOMPARE(int(tl.neverFreed(0).size()), neverFreed);
    for (uint32_t i : tl.neverFreed(0))
        QVERIFY(tl.allocations(0)[i].flags & model::kAllocNeverFreed);
    QCOMPARE(tl.device(0)->hasTime, timed);
    const auto &first = tl.allocations(0).front();
    QCOMPARE(first.stream, uint64_t(7));
    QCOMPARE(first.stackId, qint64(1));
    QCOMPARE(first.freeRequestedSeq, int64_t(firstRequested));
    for (const auto &a : tl.allocations(0))
        QVERIFY(a.freeRequestedSeq <= a.freeSeq);
    if (timed) {
        QCOMPARE(tl.start(0, MemoryAxis::Time), int64_t(1010));
        // Times follow the sequence here: 1010 + 10 · seq, the end one past the last event.
        for (const auto &a : tl.allocations(0)) {
            QCOMPARE(a.allocTime, 1010 + 10 * a.allocSeq);
            if (a.flags & model::kAllocNeverFreed)
                QCOMPARE(a.freeTime, tl.end(0, MemoryAxis::Time));
            else
                QCOMPARE(a.freeTime, 1010 + 10 * a.freeSeq);
        }
    } else {
        for (const auto &a : tl.allocations(0)) {
            QCOMPARE(a.allocTime, a.allocSeq);
            QCOMPARE(a.freeTime, a.freeSeq);
        }
    }
}

void TestMemoryTimeline::reserved_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected"); // reservedAt(seq) for seq = 0, 1, …
    QTest::addColumn<qint64>("peak");
    QTest::addColumn<qint64>("peakSeq");

    QTest::newRow("alloc, map, unmap, free") << "sa 4096 1000; m 8192 500; u 8192 500; sf 4096 1000"
                                             << "1000,1500,1000,0" << qint64(1500) << qint64(1);
    QTest::newRow("freed segment from before the trace") << "sa 4096 300; bsf 8192 1000"
                                                         << "1000,0" << qint64(1000) << qint64(0);
}

void TestMemoryTimeline::reserved()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    QFETCH(qint64, peak);
    QFETCH(qint64, peakSeq);
    Trace t;
    for (const QString &item : spec.split(u';')) {
        const QStringList f = item.trimmed().split(u' ');
        using A = rec::MemAction;
        const QString op = f[0];
        const A a = op == "sa"  ? A::SegmentAlloc
                    : op == "m" ? A::SegmentMap
                    : op == "u" ? A::SegmentUnmap
                                : A::SegmentFree;
        t.add(Ev{a, f[1].toULongLong(), f[2].toULongLong(), op == "bsf"});
    }
    QTemporaryDir dir;
    MemoryTimeline tl;
    QString error;
    QVERIFY2(t.load(tl, dir, &error), qPrintable(error));
    QStringList got;
    for (int64_t s = 0; s < tl.end(0, MemoryAxis::Sequence); ++s)
        got << QString::number(tl.reservedAt(0, MemoryAxis::Sequence, s));
    QCOMPARE(got.join(u','), expected);
    QCOMPARE(tl.peakReserved(0, MemoryAxis::Sequence).bytes, peak);
    QCOMPARE(tl.peakReserved(0, MemoryAxis::Sequence).x, peakSeq);
    QCOMPARE(tl.peakAllocated(0, MemoryAxis::Sequence).bytes, int64_t(0));
}

void TestMemoryTimeline::stacks()
{
    Trace t;
    parse(t, "a 16 100");
    QTemporaryDir dir;
    MemoryTimeline tl;
    QString error;
    QVERIFY2(t.load(tl, dir, &error), qPrintable(error));
    const QVector<model::MemoryFrame> frames = tl.stack(1);
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[0].name, QStringLiteral("forward"));
    QCOMPARE(frames[0].file, QStringLiteral("model.py"));
    QCOMPARE(frames[0].line, 40); // innermost first
    QCOMPARE(frames[1].line, 12);
    QVERIFY(tl.stack(2).isEmpty());
    QVERIFY(tl.device(1) == nullptr);
    QCOMPARE(tl.allocatedAt(1, MemoryAxis::Time, 5), int64_t(0));

    // A cache without memory tables' content is refused with a reason.
    StreamBuilder empty;
    empty.add(rec::StringRec{1, "p"});
    const QString path = dir.filePath(QStringLiteral("empty.db"));
    QVERIFY(ts::testing::buildCache(empty.bytes(), path, &error));
    QVERIFY(!tl.load(path, &error));
    QVERIFY(!error.isEmpty());
}

void TestMemoryTimeline::againstBruteForce_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("maxStep"); // time between events: 0 makes equal times common
    QTest::addColumn<bool>("timed");
    QTest::newRow("small, distinct times") << 1u << 60 << 20 << true;
    QTest::newRow("equal times common") << 2u << 400 << 2 << true;
    QTest::newRow("no times") << 3u << 400 << 5 << false;
    QTest::newRow("larger") << 4u << 3000 << 50 << true;
}

void TestMemoryTimeline::againstBruteForce()
{
    QFETCH(quint32, seed);
    QFETCH(int, events);
    QFETCH(int, maxStep);
    QFETCH(bool, timed);
    QRandomGenerator rng(seed);
    Trace t;
    t.timed = timed;
    std::vector<std::pair<uint64_t, uint64_t>> live; // address, size
    std::vector<uint64_t> requested;                 // addresses with a request pending
    uint64_t nextAddr = 0x1000, nextOld = 0x900000;
    for (int i = 0; i < events; ++i) {
        const int64_t step = rng.bounded(maxStep + 1);
        const int pick = rng.bounded(20);
        if (pick < 9 || live.empty()) {
            const uint64_t size = 1 + rng.bounded(1 << 20);
            t.add(Ev{rec::MemAction::Alloc, nextAddr, size}, step);
            live.push_back({nextAddr, size});
            nextAddr += 0x100;
        } else if (pick < 16) {
            const size_t k = rng.bounded(int(live.size()));
            const auto [addr, size] = live[k];
            if (rng.bounded(2)) {
                t.add(Ev{rec::MemAction::FreeRequested, addr, size}, step);
                if (rng.bounded(4) == 0) { // completed later, or never
                    live.erase(live.begin() + qsizetype(k));
                    continue;
                }
            }
            t.add(Ev{rec::MemAction::FreeCompleted, addr, size}, step);
            live.erase(live.begin() + qsizetype(k));
        } else if (pick < 18) {
            t.add(Ev{rec::MemAction::FreeCompleted, nextOld, uint64_t(1 + rng.bounded(4096)), true},
                  step);
            nextOld += 0x100;
        } else {
            t.add(Ev{rec::MemAction::SegmentAlloc, 0x10000000 + uint64_t(i), 1 << 21}, step);
        }
    }
    QTemporaryDir dir;
    MemoryTimeline tl;
    QString error;
    QVERIFY2(t.load(tl, dir, &error), qPrintable(error));

    for (MemoryAxis axis : kAxes) {
        const char *name = axis == MemoryAxis::Time ? "time" : "seq";
        const std::vector<int64_t> xs = interestingX(tl, axis);
        int64_t bruteMax = 0, bruteMaxX = 0;
        for (int64_t x : xs) {
            const int64_t want = bruteAllocated(tl, axis, x);
            if (tl.allocatedAt(0, axis, x) != want)
                QFAIL(qPrintable(QStringLiteral("%1: allocatedAt(%2) = %3, brute force %4")
                                     .arg(name)
                                     .arg(x)
                                     .arg(tl.allocatedAt(0, axis, x))
                                     .arg(want)));
            if (want > bruteMax) {
                bruteMax = want;
                bruteMaxX = x;
            }
        }
        QCOMPARE(tl.peakAllocated(0, axis).bytes, bruteMax);
        QCOMPARE(tl.peakAllocated(0, axis).x, bruteMaxX);

        // Envelopes of windows of every scale, including ones narrower than their columns.
        const int64_t s = tl.start(0, axis), e = tl.end(0, axis);
        for (int w = 0; w < 40; ++w) {
            const int64_t x0 = s - 2 + rng.bounded(int(e - s + 4));
            const int64_t x1 = x0 + 1 + rng.bounded(int(e - x0 + 3));
            const int columns = 1 + rng.bounded(300);
            const auto env = tl.envelope(0, axis, x0, x1, columns);
            QCOMPARE(int(env.size()), columns);
            int64_t wantMax = bruteAllocated(tl, axis, x0), wantMin = wantMax;
            for (int64_t x : xs) {
                if (x > x0 && x < x1) {
                    wantMax = std::max(wantMax, bruteAllocated(tl, axis, x));
                    wantMin = std::min(wantMin, bruteAllocated(tl, axis, x));
                }
            }
            int64_t gotMax = env[0].max, gotMin = env[0].min;
            for (int c = 0; c < columns; ++c) {
                gotMax = std::max(gotMax, env[size_t(c)].max);
                gotMin = std::min(gotMin, env[size_t(c)].min);
                const int64_t at = x0 + (x1 - x0) * c / columns;
                const int64_t v = tl.allocatedAt(0, axis, at);
                QVERIFY(env[size_t(c)].min <= v && v <= env[size_t(c)].max);
            }
            QCOMPARE(gotMax, wantMax);
            QCOMPARE(gotMin, wantMin);
        }

        // liveAt: exactly the live ones, largest first.
        for (int k = 0; k < 30; ++k) {
            const int64_t x = xs[size_t(rng.bounded(int(xs.size())))];
            const std::vector<uint32_t> live = tl.liveAt(0, axis, x);
            int64_t sum = 0;
            for (size_t i = 0; i < live.size(); ++i) {
                QVERIFY(tl.allocations(0)[live[i]].isLiveAt(axis, x));
                if (i)
                    QVERIFY(tl.allocations(0)[live[i - 1]].size >= tl.allocations(0)[live[i]].size);
                sum += int64_t(tl.allocations(0)[live[i]].size);
            }
            QCOMPARE(sum, bruteAllocated(tl, axis, x));
        }
    }

    // Every allocation is flagged consistently, and the reserved curve only grows here.
    for (const auto &a : tl.allocations(0)) {
        QVERIFY(a.allocSeq <= a.freeSeq);
        QVERIFY(a.allocTime <= a.freeTime);
        if (a.flags & model::kAllocBeforeTrace)
            QCOMPARE(a.allocSeq, tl.start(0, MemoryAxis::Sequence));
        if (a.flags & model::kAllocNeverFreed)
            QCOMPARE(a.freeSeq, tl.end(0, MemoryAxis::Sequence));
    }
    const int64_t segs = tl.reservedAt(0, MemoryAxis::Sequence, tl.end(0, MemoryAxis::Sequence));
    QCOMPARE(tl.peakReserved(0, MemoryAxis::Sequence).bytes, segs);
}

void TestMemoryTimeline::realSamples_data()
{
    QTest::addColumn<QString>("pickle");
    const QString root = QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/pytorch");
    QDirIterator it(root, {QStringLiteral("*.pickle")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList found;
    while (it.hasNext()) {
        const QString p = it.next();
        if (p.contains(QStringLiteral("/memsnap-")))
            found << p;
    }
    found.sort();
    if (found.isEmpty())
        QTest::newRow("no samples") << QString();
    for (const QString &p : found)
        QTest::newRow(qPrintable(QDir(root).relativeFilePath(p))) << p;
}

void TestMemoryTimeline::realSamples()
{
    QFETCH(QString, pickle);
    if (pickle.isEmpty())
        QSKIP("no memsnap samples under " TRACESCOPE_SHARED_DIR);
    // The app binary: this build's, else TRACESCOPE_APP (a GUI-less build has none).
    QString app = QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope");
    if (!QFileInfo(app).isExecutable())
        app = qEnvironmentVariable("TRACESCOPE_APP");
    if (app.isEmpty() || !QFileInfo(app).isExecutable())
        QSKIP("no tracescope binary (build with TRACESCOPE_WITH_GUI or set TRACESCOPE_APP)");

    QTemporaryDir home;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(app, {QStringLiteral("--allow-root"), QStringLiteral("--import"), pickle,
                  QStringLiteral("--cache-dir"), home.filePath(QStringLiteral("c"))});
    QVERIFY(p.waitForFinished(300000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QByteArray last = p.readAllStandardOutput().trimmed().split('\n').last();
    const QJsonValue v = QJsonDocument::fromJson(last).object().value("cache");
    const QString cache = v.isArray() ? v.toArray().first().toString() : v.toString();
    QVERIFY2(!cache.isEmpty(), last.constData());

    MemoryTimeline tl;
    QString error;
    QVERIFY2(tl.load(cache, &error), qPrintable(error));
    if (tl.devices().isEmpty())
        QSKIP("the snapshot records no device trace");
    for (int d : tl.devices()) {
        for (MemoryAxis axis : kAxes) {
            const model::MemoryPeak peak = tl.peakAllocated(d, axis);
            QVERIFY(peak.bytes >= 0);
            QVERIFY(peak.x >= tl.start(d, axis) && peak.x <= tl.end(d, axis));
            QCOMPARE(tl.allocatedAt(d, axis, peak.x), peak.bytes);
            QVERIFY(tl.peakReserved(d, axis).bytes >= 0);
            // No allocation larger than the peak; the envelope finds the peak.
            for (const auto &a : tl.allocations(d))
                QVERIFY(a.start(axis) == a.end(axis) || int64_t(a.size) <= peak.bytes);
            const auto env = tl.envelope(d, axis, tl.start(d, axis), tl.end(d, axis), 800);
            int64_t mx = 0;
            for (const auto &c : env)
                mx = std::max(mx, c.max);
            QCOMPARE(mx, peak.bytes);
        }
        qInfo("%s device %d: %zu allocations, peak allocated %lld, reserved %lld",
              qPrintable(QFileInfo(pickle).fileName()), d, tl.allocations(d).size(),
              qlonglong(tl.peakAllocated(d, MemoryAxis::Time).bytes),
              qlonglong(tl.peakReserved(d, MemoryAxis::Time).bytes));
    }
}

QTEST_GUILESS_MAIN(TestMemoryTimeline)
#include "tst_memorytimeline.moc"

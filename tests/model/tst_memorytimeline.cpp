// MemoryTimeline over caches written through the real path (record stream → RecordValidator →
// CacheWriter/MemoryWriter): alloc/free matching and its flags on hand-written traces, every
// query against brute force on random traces, and the real snapshot samples imported by the app.
#include "appimport.h"
#include "cache/sqlite.h"
#include "cachebuilder.h"
#include "memory/memoryevent.h"
#include "memory/memorytimeline.h"
#include "streambuilder.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
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
    std::vector<rec::MemEventRec> sent; // what add() streamed, for checks by brute force

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
        sent.push_back(r);
    }
    QString build(QTemporaryDir &dir, QString *error)
    {
        const QString path = dir.filePath(QStringLiteral("mem.db"));
        return ts::testing::buildCache(b.bytes(), path, error) ? path : QString();
    }
    bool load(MemoryTimeline &tl, QTemporaryDir &dir, QString *error)
    {
        const QString path = build(dir, error);
        return !path.isEmpty() && tl.load(path, error);
    }
};

// A random but reproducible trace: allocs, frees (some only requested, some of allocations from
// before the trace) and segment allocs. Each event's time moves by 0 … maxStep, or, with
// backwards, by -maxStep/2 … maxStep/2.
void randomTrace(Trace &t, quint32 seed, int events, int maxStep, bool backwards = false)
{
    QRandomGenerator rng(seed);
    std::vector<std::pair<uint64_t, uint64_t>> live; // address, size
    uint64_t nextAddr = 0x1000, nextOld = 0x900000;
    for (int i = 0; i < events; ++i) {
        const int64_t step = rng.bounded(maxStep + 1) - (backwards ? maxStep / 2 : 0);
        const int pick = rng.bounded(20);
        if (pick < 9 || live.empty()) {
            const uint64_t size = 1 + rng.bounded(1 << 20);
            // Addresses come back after their free, as the caching allocator's do.
            const uint64_t addr = rng.bounded(4) == 0 ? 0x1000 + 0x100 * rng.bounded(64) : nextAddr;
            t.add(Ev{rec::MemAction::Alloc, addr, size}, step);
            live.push_back({addr, size});
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
}

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

// The allocated curve by its definition: each allocation adds its size at its start and takes
// it away at its end. (Where times go backwards an end may come before its start.)
int64_t bruteAllocated(const MemoryTimeline &tl, MemoryAxis axis, int64_t x)
{
    int64_t sum = 0;
    for (const model::MemoryAllocation &a : tl.allocations(0))
        sum += int64_t(a.size) * ((a.start(axis) <= x) - (a.end(axis) <= x));
    return sum;
}

int64_t bruteLive(const MemoryTimeline &tl, MemoryAxis axis, int64_t x)
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

// Runs SQL on a cache file, as someone editing it outside the app would.
bool execSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    const bool ok = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE,
                                    nullptr) == SQLITE_OK &&
                    sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

int64_t scalarOf(const QString &path, const char *sql)
{
    model::Database db;
    QString error;
    if (!db.openReadOnly(path, &error))
        return -1;
    model::Statement s(db, sql);
    return s.ok() && s.step() ? s.int64(0) : -1;
}

// Everything a timeline holds, one line per item, to compare two loads of one trace.
QStringList everything(const MemoryTimeline &tl)
{
    QStringList out;
    auto curve = [&out](const char *name, const model::MemoryCurve &c) {
        for (size_t i = 0; i < c.x.size(); ++i)
            out << QStringLiteral("%1 %2 %3").arg(name).arg(c.x[i]).arg(c.value[i]);
    };
    for (int device : tl.devices()) {
        const model::MemoryDevice &d = *tl.device(device);
        out << QStringLiteral("device %1 %2 time %3-%4 seq %5-%6")
                   .arg(device)
                   .arg(d.hasTime)
                   .arg(d.start[0])
                   .arg(d.end[0])
                   .arg(d.start[1])
                   .arg(d.end[1]);
        for (const model::MemoryAllocation &a : d.allocations)
            out << QStringLiteral("alloc %1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11")
                       .arg(a.allocTime)
                       .arg(a.freeTime)
                       .arg(a.allocSeq)
                       .arg(a.freeSeq)
                       .arg(a.freeRequestedTime)
                       .arg(a.freeRequestedSeq)
                       .arg(a.address)
                       .arg(a.size)
                       .arg(a.stream)
                       .arg(a.stackId)
                       .arg(a.flags);
        for (uint32_t i : d.neverFreed)
            out << QStringLiteral("never %1").arg(i);
        for (int axis : {0, 1}) {
            curve("allocated", d.allocated[axis]);
            curve("reserved", d.reserved[axis]);
            out << QStringLiteral("peaks %1 %2 %3 %4")
                       .arg(d.peakAllocated[axis].bytes)
                       .arg(d.peakAllocated[axis].x)
                       .arg(d.peakReserved[axis].bytes)
                       .arg(d.peakReserved[axis].x);
        }
    }
    return out;
}

void compareLines(const QStringList &got, const QStringList &want)
{
    for (qsizetype i = 0; i < std::min(got.size(), want.size()); ++i)
        QCOMPARE(got[i], want[i]);
    QCOMPARE(got.size(), want.size());
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
    void packedMatchesRows_data();
    void packedMatchesRows();
    void damagedPacks_data();
    void damagedPacks();
    void annotations_data();
    void annotations();
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
    QTest::newRow("never freed") << "a 16 100; a 32 5; c 32 5" << true << "0-3:100:1,1-2:5:0" << 1
                                 << 3;
    QTest::newRow("before trace") << "a 16 100; b 48 70; c 16 100" << true << "0-2:100:0,0-1:70:2"
                                  << 0 << 2;
    QTest::newRow("unflagged orphan reads as before trace")
        << "a 16 100; c 48 70" << true << "0-2:100:1,0-1:70:2" << 1 << 2;
    QTest::newRow("address reuse matches in order")
        << "a 16 100; c 16 100; a 16 200; c 16 200; a 16 300" << true
        << "0-1:100:0,2-3:200:0,4-5:300:1" << 1 << 1;
    QTest::newRow("no times: sequence everywhere")
        << "a 16 100; a 32 4; c 16 100" << false << "0-2:100:0,1-3:4:1" << 1 << 2;
    QTest::newRow("oom is a marker")
        << "a 16 100; o 0 0; c 16 100" << true << "0-2:100:0" << 0 << 2;
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
    QTest::addColumn<bool>("backwards"); // times go back now and then (the Time curve is sorted)
    QTest::newRow("small, distinct times") << 1u << 60 << 20 << true << false;
    QTest::newRow("equal times common") << 2u << 400 << 2 << true << false;
    QTest::newRow("no times") << 3u << 400 << 5 << false << false;
    QTest::newRow("larger") << 4u << 3000 << 50 << true << false;
    QTest::newRow("times go backwards") << 5u << 600 << 40 << true << true;
}

void TestMemoryTimeline::againstBruteForce()
{
    QFETCH(quint32, seed);
    QFETCH(int, events);
    QFETCH(int, maxStep);
    QFETCH(bool, timed);
    QFETCH(bool, backwards);
    QRandomGenerator rng(seed + 1000);
    Trace t;
    t.timed = timed;
    randomTrace(t, seed, events, maxStep, backwards);
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
            QCOMPARE(sum, bruteLive(tl, axis, x));
        }
    }

    // Every allocation is flagged consistently, and the reserved curve only grows here.
    for (const auto &a : tl.allocations(0)) {
        QVERIFY(a.allocSeq <= a.freeSeq);
        QVERIFY(backwards || a.allocTime <= a.freeTime);
        if (a.flags & model::kAllocBeforeTrace)
            QCOMPARE(a.allocSeq, tl.start(0, MemoryAxis::Sequence));
        if (a.flags & model::kAllocNeverFreed)
            QCOMPARE(a.freeSeq, tl.end(0, MemoryAxis::Sequence));
    }
    const int64_t segs = tl.reservedAt(0, MemoryAxis::Sequence, tl.end(0, MemoryAxis::Sequence));
    QCOMPARE(tl.peakReserved(0, MemoryAxis::Sequence).bytes, segs);
}

void TestMemoryTimeline::packedMatchesRows_data()
{
    // What is left of mem_event_pack before loading again; every row of mem_event stays.
    QTest::addColumn<QString>("keep");
    QTest::newRow("no packs: a cache of an older writer") << "DELETE FROM mem_event_pack";
    QTest::newRow("first pack only: a long tail")
        << "DELETE FROM mem_event_pack WHERE first_id > (SELECT min(first_id) FROM mem_event_pack)";
    QTest::newRow("last pack gone") << "DELETE FROM mem_event_pack WHERE first_id = "
                                       "(SELECT max(first_id) FROM mem_event_pack)";
}

void TestMemoryTimeline::packedMatchesRows()
{
    QFETCH(QString, keep);
    // More events than two packs hold, with oom markers among them (packed, then left out).
    Trace t;
    randomTrace(t, 11, int(2 * model::kMaxPackedEvents + 3000), 30);
    for (int i = 0; i < 5; ++i)
        t.add(Ev{rec::MemAction::Oom, 0, 0});
    randomTrace(t, 12, 500, 30);
    QTemporaryDir dir;
    QString error;
    const QString path = t.build(dir, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    QVERIFY2(scalarOf(path, "SELECT count(*) FROM mem_event_pack") >= 2,
             "the writer packed nothing: the packed path would go untested");
    // Every event is packed, the last partial pack too (written when the stream ended).
    QCOMPARE(scalarOf(path, "SELECT coalesce(sum(count), 0) FROM mem_event_pack"),
             scalarOf(path, "SELECT count(*) FROM mem_event"));

    MemoryTimeline packed, rows;
    QVERIFY2(packed.load(path, &error), qPrintable(error));
    packed.stack(0); // the stacks' reader is done with the file before we write to it
    QVERIFY(execSql(path, keep.toUtf8().constData()));
    QVERIFY2(rows.load(path, &error), qPrintable(error));
    QVERIFY(!packed.allocations(0).empty());
    compareLines(everything(packed), everything(rows));
}

void TestMemoryTimeline::damagedPacks_data()
{
    QTest::addColumn<QString>("damage");
    const char *first = "(SELECT min(first_id) FROM mem_event_pack)";
    auto onFirst = [first](const char *set) {
        return QStringLiteral("UPDATE mem_event_pack SET %1 WHERE first_id = %2").arg(set, first);
    };
    QTest::newRow("blob one byte short")
        << onFirst("events = substr(events, 1, length(events) - 1)");
    QTest::newRow("count beyond the blob") << onFirst("count = count + 1");
    QTest::newRow("count 0") << onFirst("count = 0, events = x''");
    QTest::newRow("count above a pack's limit")
        << onFirst("count = 20000, events = zeroblob(20000 * 48)");
    QTest::newRow("text instead of a blob") << onFirst("events = 'not a blob'");
    QTest::newRow("unknown action") << onFirst("events = substr(events, 1, 44) || x'0A' || "
                                               "substr(events, 46)");
    QTest::newRow("action 0") << onFirst("events = substr(events, 1, 44) || x'00' || "
                                         "substr(events, 46)");
    QTest::newRow("unknown flag") << onFirst("events = substr(events, 1, 45) || x'04' || "
                                             "substr(events, 47)");
    QTest::newRow("padding not zero") << onFirst("events = substr(events, 1, 46) || x'01' || "
                                                 "substr(events, 48)");
    QTest::newRow("device out of range") << onFirst("device = 100000");
    QTest::newRow("a gap between packs")
        << "UPDATE mem_event_pack SET first_id = first_id + 1 WHERE first_id = "
           "(SELECT max(first_id) FROM mem_event_pack)";
    QTest::newRow("packs of rows that are gone")
        << "DELETE FROM mem_event WHERE id > (SELECT min(id) + 100 FROM mem_event)";
}

void TestMemoryTimeline::damagedPacks()
{
    QFETCH(QString, damage);
    Trace t;
    randomTrace(t, 21, int(model::kMaxPackedEvents + 100), 10);
    QTemporaryDir dir;
    QString error;
    const QString path = t.build(dir, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    MemoryTimeline tl;
    QVERIFY2(tl.load(path, &error), qPrintable(error));
    tl.stack(0); // the stacks' reader is done with the file before we write to it
    QVERIFY(execSql(path, damage.toUtf8().constData()));
    error.clear();
    QVERIFY(!tl.load(path, &error));
    QVERIFY2(error.contains(QStringLiteral("not a usable cache")), qPrintable(error));
    QVERIFY(tl.devices().isEmpty());
}

void TestMemoryTimeline::annotations_data()
{
    QTest::addColumn<bool>("timed");
    // Events come at 1010, 1020, … (1000 + 10 · (seq + 1)); annotations "ts:stage:device", in
    // stream order (not time order).
    QTest::addColumn<QString>("notes");
    QTest::newRow("before, at, between, after the events")
        << true << "1055:2:0;1003:1:0;1030:1:0;2000:2:0;1055:1:0";
    QTest::newRow("another device's and untimed ones are left out")
        << true << "1040:1:1;-1:1:0;1040:2:0";
    QTest::newRow("an untimed trace places none") << false << "1040:1:0;1050:2:0";
}

void TestMemoryTimeline::annotations()
{
    QFETCH(bool, timed);
    QFETCH(QString, notes);
    Trace t;
    t.timed = timed;
    parse(t, "a 16 100; a 32 50; o 0 0; c 16 100; a 48 7; c 32 50; c 48 7");
    t.b.add(rec::StringRec{3, "Optimizer.step#AdamW.step"});
    struct Note
    {
        int64_t ts;
        bool start;
        int device;
    };
    std::vector<Note> sent;
    for (const QString &n : notes.split(u';')) {
        const QStringList f = n.split(u':');
        sent.push_back({f[0].toLongLong(), f[1] == "1", f[2].toInt()});
        t.b.add(rec::MemAnnotationRec{sent.back().device,
                                      sent.back().start ? rec::AnnotationStage::Start
                                                        : rec::AnnotationStage::End,
                                      sent.back().ts, 3});
    }
    QTemporaryDir dir;
    MemoryTimeline tl;
    QString error;
    QVERIFY2(t.load(tl, dir, &error), qPrintable(error));

    // What the device should hold, by brute force over what was streamed: its timed notes by
    // time (stream order among equal times), each at the first non-marker event at or after it.
    std::vector<Note> want;
    for (const Note &n : sent)
        if (timed && n.device == 0 && n.ts != -1)
            want.push_back(n);
    std::stable_sort(want.begin(), want.end(),
                     [](const Note &a, const Note &b) { return a.ts < b.ts; });
    const auto &got = tl.device(0)->annotations;
    QCOMPARE(int(got.size()), int(want.size()));
    for (size_t i = 0; i < want.size(); ++i) {
        int64_t seq = tl.end(0, MemoryAxis::Sequence);
        for (const rec::MemEventRec &e : t.sent) {
            if (e.action != rec::MemAction::Oom && e.timeNs >= want[i].ts) {
                seq = int64_t(e.sequence);
                break;
            }
        }
        QCOMPARE(got[i].x[int(MemoryAxis::Time)], want[i].ts);
        QCOMPARE(got[i].x[int(MemoryAxis::Sequence)], seq);
        QCOMPARE(got[i].start, want[i].start);
        QCOMPARE(got[i].name, QStringLiteral("Optimizer.step#AdamW.step"));
    }
}

void TestMemoryTimeline::realSamples_data()
{
    ts::testing::addMemsnapRows();
}

void TestMemoryTimeline::realSamples()
{
    QFETCH(QString, pickle);
    if (pickle.isEmpty())
        QSKIP("no memsnap samples under " TRACESCOPE_SHARED_DIR);
    const QString app = ts::testing::appBinary();
    if (app.isEmpty())
        QSKIP("no tracescope binary (build with TRACESCOPE_WITH_GUI or set TRACESCOPE_APP)");
    QTemporaryDir home;
    QString error;
    const QString cache = ts::testing::importWithApp(app, pickle, home, &error);
    QVERIFY2(!cache.isEmpty(), qPrintable(error));

    MemoryTimeline tl;
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
        // Annotations against the cache, read here with SQL of our own.
        const auto &notes = tl.device(d)->annotations;
        model::Database db;
        QVERIFY2(db.openReadOnly(cache, &error), qPrintable(error));
        model::Statement count(db, "SELECT count(*) FROM mem_annotation WHERE device = ?1 AND "
                                   "ts IS NOT NULL");
        count.bind(1, int64_t(d));
        QVERIFY(count.step());
        QCOMPARE(qint64(notes.size()), count.int64(0));
        model::Statement first(db, "SELECT min(seq) FROM mem_event WHERE device = ?1 AND "
                                   "action BETWEEN 1 AND 7 AND ts >= ?2");
        for (size_t i = 0; i < notes.size(); ++i) {
            if (i)
                QVERIFY(notes[i - 1].x[0] <= notes[i].x[0]);
            first.reset();
            first.bind(1, int64_t(d)).bind(2, notes[i].x[0]);
            QVERIFY(first.step());
            QCOMPARE(notes[i].x[1],
                     first.isNull(0) ? tl.end(d, MemoryAxis::Sequence) : first.int64(0));
            QVERIFY(!notes[i].name.isEmpty());
        }
        qInfo("%s device %d: %zu allocations, %zu annotations, peak allocated %lld, reserved %lld",
              qPrintable(QFileInfo(pickle).fileName()), d, tl.allocations(d).size(), notes.size(),
              qlonglong(tl.peakAllocated(d, MemoryAxis::Time).bytes),
              qlonglong(tl.peakReserved(d, MemoryAxis::Time).bytes));
    }
}

QTEST_GUILESS_MAIN(TestMemoryTimeline)
#include "tst_memorytimeline.moc"

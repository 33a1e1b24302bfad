// AllocatorState over caches written through the real path (record stream → RecordValidator →
// CacheWriter/MemoryWriter): a hand-written snapshot checked block by block at every moment, one
// that contradicts itself, and the real snapshot samples imported by the app — their totals
// against MemoryTimeline's curves at every moment, and the last moment against the dump.
#include "allocatordescribe.h"
#include "appimport.h"
#include "cache/cachereader.h"
#include "memory/allocatorstate.h"
#include "memory/memorytimeline.h"
#include "snapshotbuilder.h"
#include "timelinefixture.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <tuple>

using namespace ts;
using model::AllocatorBlock;
using model::AllocatorBlockState;
using model::AllocatorMoment;
using model::AllocatorState;
using model::MemoryAxis;
using model::MemoryTimeline;
using ts::testing::describeBlock;
using ts::testing::describeSegments;
using ts::testing::describeTotals;
using ts::testing::kConsistent;
using ts::testing::kInconsistent;
using ts::testing::Snapshot;

namespace {

// The allocation sizes the timeline's allocated curve counts at k: every traced block alive,
// except one whose free was requested but never completed (the curve ends it at the request).
int64_t tracedLikeTheCurve(const MemoryTimeline &tl, int device, const AllocatorMoment &m)
{
    int64_t sum = 0;
    const auto &all = tl.allocations(device);
    for (const auto &s : m.segments) {
        for (const AllocatorBlock &b : s.blocks) {
            if (b.allocation < 0)
                continue;
            const model::MemoryAllocation &a = all[size_t(b.allocation)];
            if (b.state == AllocatorBlockState::PendingFree &&
                (a.flags & model::kAllocFreeRequestedOnly))
                continue;
            sum += int64_t(a.size);
        }
    }
    return sum;
}

using Item = std::tuple<uint64_t, uint64_t, uint64_t, int>; // address, size, requested, state

// Empty when equal, else the first item that differs (a requested size of ~0 matches any).
QString firstDifference(const std::vector<Item> &got, const std::vector<Item> &want)
{
    auto text = [](const Item &i) {
        return QStringLiteral("%1:%2/%3 state %4")
            .arg(std::get<0>(i), 0, 16)
            .arg(std::get<1>(i))
            .arg(std::get<2>(i))
            .arg(std::get<3>(i));
    };
    for (size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
        if (i >= got.size())
            return QStringLiteral("missing ") + text(want[i]);
        if (i >= want.size())
            return QStringLiteral("extra ") + text(got[i]);
        Item w = want[i];
        if (std::get<2>(w) == ~0ull)
            std::get<2>(w) = std::get<2>(got[i]);
        if (got[i] != w)
            return text(got[i]) + QStringLiteral(", the dump has ") + text(want[i]);
    }
    return QString();
}

} // namespace

class TestAllocatorState : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyMoment_data();
    void everyMoment();
    void events();
    void navigation();
    void inconsistent();
    void realSamples_data();
    void realSamples();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<MemoryTimeline> m_timeline;
    AllocatorState m_state;
};

void TestAllocatorState::initTestCase()
{
    QString error;
    Snapshot s(QString::fromLatin1(kConsistent));
    QVERIFY2(s.load(m_dir, m_timeline, m_state, &error), qPrintable(error));
}

void TestAllocatorState::everyMoment_data()
{
    QTest::addColumn<int>("k");
    QTest::addColumn<QString>("segments");
    QTest::addColumn<QString>("totals");
    const QString s1 = QStringLiteral("100000+2097152@-1b");
    const QString x = QStringLiteral("a100000:1024/1000");
    auto row = [](int k, const QString &segments, const char *totals) {
        QTest::addRow("k=%d", k) << k << segments << QString::fromLatin1(totals);
    };
    row(-1, s1 + "{" + x + " a100400:2048/2000~ f100c00:2094080}",
        "alloc 3000 pend 0 waste 72/48 res 2097152 free 2094080 big 2094080");
    const QString s1c = s1 + "{" + x + " a100400:2048/2000~ f100c00:2094080} | ";
    row(0, s1c + "300000+1048576@0{f300000:1048576}",
        "alloc 3000 pend 0 waste 72/48 res 3145728 free 3142656 big 2094080");
    row(1, s1c + "300000+1048576@0{a300000:1024/1000~ f300400:1047552}",
        "alloc 4000 pend 0 waste 96/72 res 3145728 free 3141632 big 2094080");
    row(2, s1c + "300000+1048576@0{a300000:1024/1000~ a300400:512/512~ f300600:1047040}",
        "alloc 4512 pend 0 waste 96/72 res 3145728 free 3141120 big 2094080");
    row(3, s1c + "300000+1048576@0{p300000:1024/1000~ a300400:512/512~ f300600:1047040}",
        "alloc 3512 pend 1000 waste 96/72 res 3145728 free 3141120 big 2094080");
    row(4, s1c + "300000+1048576@0{f300000:1024 a300400:512/512~ f300600:1047040}",
        "alloc 3512 pend 0 waste 72/48 res 3145728 free 3142144 big 2094080");
    // C, allocated before the trace, is freed at 5.
    const QString s1x = s1 + "{" + x + " f100400:2096128} | ";
    const QString s2b = QStringLiteral("300000+1048576@0{f300000:1024 a300400:512/512~ "
                                       "f300600:1047040}");
    row(5, s1x + s2b, "alloc 1512 pend 0 waste 24/0 res 3145728 free 3144192 big 2096128");
    row(6, s1x + s2b + " | 500000+2097152@6e{f500000:2097152}",
        "alloc 1512 pend 0 waste 24/0 res 5242880 free 5241344 big 2097152");
    row(7, s1x + s2b + " | 500000+4194304@6e{f500000:4194304}",
        "alloc 1512 pend 0 waste 24/0 res 7340032 free 7338496 big 4194304");
    const QString e8 = QStringLiteral(" | 500000+4194304@6e{a500000:3145728/3145728~ "
                                      "f800000:1048576}");
    row(8, s1x + s2b + e8, "alloc 3147240 pend 0 waste 24/0 res 7340032 free 4192768 big 2096128");
    row(9, s1x + "300000+1048576@0{f300000:1024 p300400:512/512~ f300600:1047040}" + e8,
        "alloc 3146728 pend 512 waste 24/0 res 7340032 free 4192768 big 2096128");
    row(10, s1x + "300000+1048576@0{f300000:1048576}" + e8,
        "alloc 3146728 pend 0 waste 24/0 res 7340032 free 4193280 big 2096128");
    const QString s1alone = s1 + "{" + x + " f100400:2096128}";
    row(11, s1alone + e8, "alloc 3146728 pend 0 waste 24/0 res 6291456 free 3144704 big 2096128");
    row(12, s1alone + " | 500000+4194304@6e{p500000:3145728/3145728~ f800000:1048576}",
        "alloc 1000 pend 3145728 waste 24/0 res 6291456 free 3144704 big 2096128");
    row(13, s1alone + " | 500000+4194304@6e{f500000:4194304}",
        "alloc 1000 pend 0 waste 24/0 res 6291456 free 6290432 big 4194304");
    row(14, s1alone + " | 500000+2097152@6e{f500000:2097152}",
        "alloc 1000 pend 0 waste 24/0 res 4194304 free 4193280 big 2097152");
    // F: allocated at 15 and still in the dump, so its size is exact.
    const QString last = s1 + "{" + x + " a100400:512/100 f100600:2095616}" +
                         " | 500000+2097152@6e{f500000:2097152}";
    row(15, last, "alloc 1100 pend 0 waste 436/0 res 4194304 free 4192768 big 2097152");
    row(16, last, "alloc 1100 pend 0 waste 436/0 res 4194304 free 4192768 big 2097152");
}

void TestAllocatorState::everyMoment()
{
    QFETCH(int, k);
    QFETCH(QString, segments);
    QFETCH(QString, totals);
    const AllocatorMoment m = m_state.at(0, k);
    QCOMPARE(m.seq, int64_t(k));
    QCOMPARE(describeSegments(m), segments);
    QCOMPARE(describeTotals(m.totals), totals);
    QCOMPARE(m.totals.unknownBlocks, 0);
    QCOMPARE(m.totals.overlappingBlocks, 0);
    // Known segments are tiled exactly: every byte reserved is in one block.
    QCOMPARE(m.totals.allocated + m.totals.pendingFree + m.totals.waste + m.totals.free,
             m.totals.reserved);
    // Traced blocks carry their allocation (for the stack) and agree with the curve.
    const auto &all = m_timeline->allocations(0);
    for (const auto &s : m.segments) {
        for (const AllocatorBlock &b : s.blocks) {
            if (b.allocation >= 0) {
                QCOMPARE(all[size_t(b.allocation)].address, b.address);
                QCOMPARE(b.stackId, qint64(1));
                QCOMPARE(b.stream, uint64_t(7));
            }
        }
    }
    // The curves cover the events they count: [0, 16), the oom at 16 being a marker.
    if (k >= 0 && k < m_timeline->end(0, MemoryAxis::Sequence)) {
        QCOMPARE(tracedLikeTheCurve(*m_timeline, 0, m),
                 m_timeline->allocatedAt(0, MemoryAxis::Sequence, k));
        QCOMPARE(m.totals.reserved, m_timeline->reservedAt(0, MemoryAxis::Sequence, k));
    }
}

void TestAllocatorState::events()
{
    QCOMPARE(m_state.devices(), QVector<int>{0});
    QCOMPARE(m_state.eventCount(0), int64_t(17));
    QCOMPARE(m_state.lastSeq(0), int64_t(16));
    QVERIFY(m_state.hasTime(0));
    QCOMPARE(m_state.firstTime(0), int64_t(1010));
    using Row = std::tuple<int64_t, int, uint64_t, uint64_t>; // seq, action, address, size
    for (const auto &[seq, action, address, size] :
         {Row{0, 4, 0x300000, 1048576}, Row{1, 1, 0x300000, 1000}, Row{3, 2, 0x300000, 1000},
          Row{5, 3, 0x100400, 2000}, Row{7, 6, 0x700000, 2097152}, Row{14, 7, 0x700000, 2097152},
          Row{15, 1, 0x100400, 100}, Row{16, 8, 0, 0}}) {
        const model::AllocatorEvent e = m_state.event(0, seq);
        QCOMPARE(e.seq, seq);
        QCOMPARE(e.action, action);
        QCOMPARE(e.address, address);
        QCOMPARE(e.size, size);
        QCOMPARE(e.time, 1000 + 10 * (seq + 1));
        // A block's event names its allocation; the moment after it shows that block.
        if (action <= 3) {
            QVERIFY(e.allocation >= 0);
            QCOMPARE(m_timeline->allocations(0)[size_t(e.allocation)].address, address);
        } else {
            QCOMPARE(e.allocation, -1);
        }
    }
    // Times are 1010 + 10 · seq.
    QCOMPARE(m_state.seqAtTime(0, 1040), int64_t(3));
    QCOMPARE(m_state.seqAtTime(0, 1049), int64_t(3));
    QCOMPARE(m_state.seqAtTime(0, 1010), int64_t(0));
    QCOMPARE(m_state.seqAtTime(0, 1009), int64_t(-1));
    QCOMPARE(m_state.seqAtTime(0, 999999), int64_t(16));
    QCOMPARE(m_state.seqAtTime(7, 1040), int64_t(-1));
    QCOMPARE(m_state.event(0, -1).seq, int64_t(-1));
    QCOMPARE(m_state.event(0, 17).seq, int64_t(-1));
    QCOMPARE(m_state.event(3, 0).seq, int64_t(-1));
    const model::AllocatorRepairs r = m_state.repairs(0);
    QCOMPARE(r.segmentsWithoutAlloc + r.segmentsWithoutFree + r.blocksMissingFromDump +
                 r.blocksWithoutAlloc + r.stateMismatches,
             0);
}

void TestAllocatorState::navigation()
{
    QCOMPARE(m_state.step(0, -1, 1), int64_t(0));
    QCOMPARE(m_state.step(0, 5, -100), int64_t(-1));
    QCOMPARE(m_state.step(0, 5, 100), int64_t(16));
    QCOMPARE(m_state.step(0, 16, 1), int64_t(16));
    QCOMPARE(m_state.step(0, 3, INT64_MAX), int64_t(16));
    QCOMPARE(m_state.step(0, 3, INT64_MIN), int64_t(-1));
    QCOMPARE(m_state.step(0, 1000, -1), int64_t(15));
    // Beyond either end reads as the end; an unknown device has only the empty moment.
    QCOMPARE(describeSegments(m_state.at(0, 1000)), describeSegments(m_state.at(0, 16)));
    QCOMPARE(m_state.at(0, -50).seq, int64_t(-1));
    QVERIFY(m_state.at(5, 0).segments.empty());
    QCOMPARE(m_state.lastSeq(5), int64_t(-1));
}

void TestAllocatorState::inconsistent()
{
    QTemporaryDir dir;
    std::shared_ptr<MemoryTimeline> timeline;
    AllocatorState state;
    QString error;
    Snapshot s(QString::fromLatin1(kInconsistent));
    QVERIFY2(s.load(dir, timeline, state, &error), qPrintable(error));
    const AllocatorMoment m = state.at(0, 5);
    QCOMPARE(describeSegments(m),
             QStringLiteral("100000+2097152@-1b{a100000:1024/1000o a100200:1024/600~o f100600:512 "
                            "a100800:512/100 f100a00:2094336 a2fff00:1024/1024~>} | "
                            "900000+4096@-1?{a900000:4096/4096~} | "
                            "a00000+2097152@4{fa00000:2097152}"));
    QCOMPARE(
        describeTotals(m.totals),
        QStringLiteral("alloc 6820 pend 0 waste 860/424 res 4194304 free 4192000 big 2097152"));
    QCOMPARE(m.totals.overlappingBlocks, 2);
    QCOMPARE(m.totals.unknownBlocks, 1);
    const model::AllocatorRepairs r = state.repairs(0);
    QCOMPARE(r.segmentsWithoutAlloc, 0);
    QCOMPARE(r.segmentsWithoutFree, 1);
    QCOMPARE(r.blocksMissingFromDump, 3);
    // The dump's block at an address the trace freed: the timeline already holds it as an
    // allocation begun at that free (dumpblocks.h), so nothing is left to repair here.
    QCOMPARE(r.blocksWithoutAlloc, 0);
    QCOMPARE(r.stateMismatches, 0);
    // Before the free at 5 the dump's block there is not yet alive, the freed one is (derived).
    QStringList before;
    for (const auto &seg : state.at(0, 4).segments)
        for (const AllocatorBlock &b : seg.blocks)
            before << describeBlock(b);
    QVERIFY2(before.contains(QStringLiteral("a100800:512/100~")), qPrintable(before.join(' ')));
    QVERIFY(!before.contains(QStringLiteral("a100800:512/100")));
    // The free of nothing at 2 was a block alive before the trace.
    QVERIFY(describeSegments(state.at(0, 1)).contains(QStringLiteral("a200000:512/512~")));
    QVERIFY(!describeSegments(state.at(0, 2)).contains(QStringLiteral("a200000")));
}

void TestAllocatorState::realSamples_data()
{
    ts::testing::addMemsnapRows();
}

void TestAllocatorState::realSamples()
{
    QFETCH(QString, pickle);
    if (pickle.isEmpty())
        QSKIP("no memsnap samples under " TRACESCOPE_SHARED_DIR);
    if (!QFileInfo(ts::testing::tracescopeBinary()).isExecutable())
        QSKIP("no tracescope binary (a build without TRACESCOPE_WITH_GUI)");
    ts::testing::AppSandboxHome home;
    QString error;
    const QStringList caches = ts::testing::importToCache(home, pickle, &error);
    QVERIFY2(caches.size() == 1, qPrintable(error));
    auto timeline = std::make_shared<MemoryTimeline>();
    QVERIFY2(timeline->load(caches[0], &error), qPrintable(error));
    AllocatorState state;
    QVERIFY2(state.load(caches[0], timeline, &error), qPrintable(error));
    QVERIFY(!state.devices().isEmpty());

    model::CacheReader reader;
    QVERIFY2(reader.open(caches[0], &error), qPrintable(error));
    for (int d : state.devices()) {
        const model::AllocatorRepairs r = state.repairs(d);
        const bool consistent = r.segmentsWithoutAlloc + r.segmentsWithoutFree +
                                    r.blocksMissingFromDump + r.blocksWithoutAlloc ==
                                0;
        const int64_t last = state.lastSeq(d);
        // The curves cover [start, end): from the first to one past the last block or segment
        // event (markers such as snapshot or oom fall outside).
        const int64_t start = timeline->start(d, MemoryAxis::Sequence);
        const int64_t end = timeline->end(d, MemoryAxis::Sequence);
        QElapsedTimer clock;
        clock.start();
        for (int64_t k = -1; k <= last; ++k) {
            const AllocatorMoment m = state.at(d, k);
            const model::AllocatorTotals &t = m.totals;
            if (t.overlappingBlocks == 0 && t.unknownBlocks == 0)
                QCOMPARE(t.allocated + t.pendingFree + t.waste + t.free, t.reserved);
            if (k >= start && k < end) {
                if (tracedLikeTheCurve(*timeline, d, m) !=
                    timeline->allocatedAt(d, MemoryAxis::Sequence, k))
                    QFAIL(qPrintable(QStringLiteral("device %1 at %2: traced blocks %3, curve %4")
                                         .arg(d)
                                         .arg(k)
                                         .arg(tracedLikeTheCurve(*timeline, d, m))
                                         .arg(timeline->allocatedAt(d, MemoryAxis::Sequence, k))));
                if (consistent)
                    QCOMPARE(t.reserved, timeline->reservedAt(d, MemoryAxis::Sequence, k));
            }
        }
        const double perMoment = double(clock.nsecsElapsed()) / 1e6 / double(last + 2);
        qInfo("%s device %d: %lld events, repairs %d/%d/%d/%d/%d, %.3f ms a moment",
              qPrintable(QFileInfo(pickle).fileName()), d, qlonglong(state.eventCount(d)),
              r.segmentsWithoutAlloc, r.segmentsWithoutFree, r.blocksMissingFromDump,
              r.blocksWithoutAlloc, r.stateMismatches, perMoment);
        if (!consistent)
            continue;

        // The last moment is the dump: its segments, its active blocks, its free blocks.
        std::vector<Item> wantSegments, wantBlocks, gotSegments, gotBlocks;
        model::Statement segs(reader.database(), "SELECT address, total_size FROM mem_segment "
                                                 "WHERE device = ?1 ORDER BY address");
        segs.bind(1, int64_t(d));
        while (segs.step())
            wantSegments.emplace_back(uint64_t(segs.int64(0)), uint64_t(segs.int64(1)), 0, 0);
        model::Statement blocks(reader.database(),
                                "SELECT b.address, b.size, b.requested_size, b.state, s.id "
                                "FROM mem_block b JOIN mem_segment s ON s.id = b.segment_id "
                                "WHERE s.device = ?1 ORDER BY s.id, b.address");
        blocks.bind(1, int64_t(d));
        int64_t lastSegment = -1;
        while (blocks.step()) {
            const int st = int(blocks.int64(3));
            const uint64_t addr = uint64_t(blocks.int64(0)), size = uint64_t(blocks.int64(1));
            const bool sameSegment = blocks.int64(4) == lastSegment;
            lastSegment = blocks.int64(4);
            if (st == 3 && sameSegment && std::get<3>(wantBlocks.back()) == 3 &&
                std::get<0>(wantBlocks.back()) + std::get<1>(wantBlocks.back()) == addr) {
                std::get<1>(wantBlocks.back()) += size; // the allocator merges free neighbours
                continue;
            }
            // PyTorch 2.0 dumps have no requested size: ours is then the block's or the trace's.
            const uint64_t requested = uint64_t(blocks.int64(2));
            wantBlocks.emplace_back(addr, size, st == 3 ? 0 : requested ? requested : ~0ull, st);
        }
        const AllocatorMoment m = state.at(d, last);
        for (const auto &s : m.segments) {
            QVERIFY(!(s.flags & model::kSegmentUnknown));
            gotSegments.emplace_back(s.address, s.size, 0, 0);
            for (const AllocatorBlock &b : s.blocks)
                gotBlocks.emplace_back(b.address, b.size, b.requestedSize, int(b.state));
        }
        std::sort(wantSegments.begin(), wantSegments.end());
        std::sort(gotBlocks.begin(), gotBlocks.end());
        std::sort(wantBlocks.begin(), wantBlocks.end());
        QCOMPARE(firstDifference(gotSegments, wantSegments), QString());
        QCOMPARE(firstDifference(gotBlocks, wantBlocks), QString());
    }
}

QTEST_GUILESS_MAIN(TestAllocatorState)
#include "tst_allocatorstate.moc"

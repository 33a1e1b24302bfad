// The dump's blocks that no trace event accounts for join the memory timeline as allocations
// never freed: from the trace's start (allocated before it), or from the last free at their
// address; a block an allocation alive at the end stands for is not counted twice. The curve
// and peak include them, and the allocator state agrees with the curve at every event.
#include "snapshotbuilder.h"

#include <QTest>

using namespace ts;
using model::MemoryAxis;
using ts::testing::Snapshot;

class TestDumpBlocks : public QObject
{
    Q_OBJECT
private slots:
    void joinTheTimeline();
};

void TestDumpBlocks::joinTheTimeline()
{
    // seq 0 a 100400, 1 a 200000, 2 c 200000, 3 a 100800, 4 c 100800; the dump still holds
    // 100000 (untouched by the trace), 100400 (the trace's, never freed), 100800 (freed at 4,
    // so allocated again after that without a recorded alloc).
    Snapshot s(QStringLiteral("S 100000 2097152; B 100000 1024 1000 a; B 100400 512 512 a; "
                              "B 100800 512 100 a; a 100400 512; a 200000 64; c 200000 64; "
                              "a 100800 100; c 100800 100"));
    QTemporaryDir dir;
    std::shared_ptr<model::MemoryTimeline> timeline;
    model::AllocatorState state;
    QString error;
    QVERIFY2(s.load(dir, timeline, state, &error), qPrintable(error));
    const auto &all = timeline->allocations(0);
    QCOMPARE(all.size(), size_t(5));
    const model::MemoryAllocation &before = all[3], &reused = all[4];
    QCOMPARE(before.address, uint64_t(0x100000));
    QCOMPARE(before.size, uint64_t(1000)); // requested, as the trace counts
    QCOMPARE(before.flags, uint8_t(model::kAllocNeverFreed | model::kAllocBeforeTrace));
    QCOMPARE(before.allocSeq, int64_t(0));
    QCOMPARE(reused.address, uint64_t(0x100800));
    QCOMPARE(reused.flags, uint8_t(model::kAllocNeverFreed));
    QCOMPARE(reused.allocSeq, int64_t(4));
    QCOMPARE(reused.allocTime, all[2].freeTime);
    QCOMPARE(before.freeSeq, int64_t(5));
    QCOMPARE(timeline->neverFreed(0), (std::vector<uint32_t>{0, 3, 4}));

    const int64_t expected[] = {1512, 1576, 1512, 1612, 1612, 0};
    for (int64_t x = 0; x <= 5; ++x) {
        QCOMPARE(timeline->allocatedAt(0, MemoryAxis::Sequence, x), expected[x]);
        if (x < 5) {
            const auto t = state.at(0, x).totals;
            QCOMPARE(t.allocated + t.pendingFree, expected[x]);
        }
    }
    QCOMPARE(timeline->peakAllocated(0, MemoryAxis::Sequence).bytes, int64_t(1612));
    QCOMPARE(timeline->peakAllocated(0, MemoryAxis::Sequence).x, int64_t(3));
    // Times: 1010 + 10 · seq; the Time curve agrees.
    QCOMPARE(timeline->allocatedAt(0, MemoryAxis::Time, 1010), int64_t(1512));
    QCOMPARE(timeline->allocatedAt(0, MemoryAxis::Time, 1050), int64_t(1612));
}

QTEST_GUILESS_MAIN(TestDumpBlocks)
#include "tst_dumpblocks.moc"

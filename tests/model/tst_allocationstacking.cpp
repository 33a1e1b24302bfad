// AllocationStacking: the stacking order (before-the-trace allocations as the floor, then by
// start), hit testing, the sweep against a per-moment scan on random traces, and column moments
// that never miss a peak.
#include "memory/allocationstacking.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <map>

using namespace ts;
using model::AllocationStacking;
using model::MemoryAllocation;
using model::MemoryAxis;
using model::MemoryDevice;

namespace {

constexpr MemoryAxis kAxes[] = {MemoryAxis::Time, MemoryAxis::Sequence};

// Interval on both axes: time = 100 · seq, so the axes agree on the order.
MemoryAllocation interval(int64_t from, int64_t to, uint64_t size, uint8_t flags = 0)
{
    MemoryAllocation a;
    a.allocSeq = from;
    a.freeSeq = a.freeRequestedSeq = to;
    a.allocTime = 100 * from;
    a.freeTime = a.freeRequestedTime = 100 * to;
    a.size = size;
    a.flags = flags;
    return a;
}

// The allocated curve of the device's allocations, by brute force.
void fillCurves(MemoryDevice &d)
{
    for (MemoryAxis axis : kAxes) {
        std::map<int64_t, int64_t> delta;
        for (const MemoryAllocation &a : d.allocations) {
            if (a.end(axis) <= a.start(axis))
                continue;
            delta[a.start(axis)] += int64_t(a.size);
            delta[a.end(axis)] -= int64_t(a.size);
        }
        model::MemoryCurve &c = d.allocated[int(axis)];
        int64_t total = 0;
        for (const auto &[x, by] : delta) {
            total += by;
            c.x.push_back(x);
            c.value.push_back(total);
        }
        c.buildTree();
    }
}

MemoryDevice randomDevice(QRandomGenerator &rng, int count, int64_t span)
{
    MemoryDevice d;
    for (int i = 0; i < count; ++i) {
        const bool before = rng.bounded(10) == 0;
        const int64_t from = before ? 0 : rng.bounded(qint64(span));
        const int64_t to = from + rng.bounded(qint64(span / 4 + 1));
        d.allocations.push_back(interval(from, std::min(to, span), 1 + rng.bounded(1000),
                                         before ? model::kAllocBeforeTrace : 0));
    }
    // Allocations come in the order their alloc was seen: by start, those from before the trace
    // where their free was seen (mixed in, as the timeline builds them).
    std::stable_sort(d.allocations.begin(), d.allocations.end(),
                     [](const MemoryAllocation &a, const MemoryAllocation &b) {
                         const int64_t ka =
                             (a.flags & model::kAllocBeforeTrace) ? a.freeSeq : a.allocSeq;
                         const int64_t kb =
                             (b.flags & model::kAllocBeforeTrace) ? b.freeSeq : b.allocSeq;
                         return ka < kb;
                     });
    d.start[0] = d.start[1] = 0;
    d.end[1] = span;
    d.end[0] = 100 * span;
    fillCurves(d);
    return d;
}

} // namespace

class TestAllocationStacking : public QObject
{
    Q_OBJECT
private slots:
    void floorThenStartOrder();
    void freeLetsBandsAboveDrop();
    void sweepMatchesScan();
    void columnMomentsKeepPeaks();
};

void TestAllocationStacking::floorThenStartOrder()
{
    MemoryDevice d;
    d.allocations = {interval(1, 9, 10), interval(0, 5, 7, model::kAllocBeforeTrace),
                     interval(2, 9, 3), interval(0, 9, 5, model::kAllocBeforeTrace)};
    fillCurves(d);
    for (MemoryAxis axis : kAxes) {
        AllocationStacking s(d, axis);
        const int64_t at = axis == MemoryAxis::Time ? 300 : 3;
        QCOMPARE(s.stackAt(at), (std::vector<uint32_t>{1, 3, 0, 2}));
        // Bands: [0,7) #1, [7,12) #3, [12,22) #0, [22,25) #2.
        QCOMPARE(s.hitAt(at, 0)->allocation, 1u);
        QCOMPARE(s.hitAt(at, 6)->allocation, 1u);
        QCOMPARE(s.hitAt(at, 7)->allocation, 3u);
        QCOMPARE(s.hitAt(at, 12)->base, 12u);
        QCOMPARE(s.hitAt(at, 24)->allocation, 2u);
        QVERIFY(!s.hitAt(at, 25));
    }
}

void TestAllocationStacking::freeLetsBandsAboveDrop()
{
    MemoryDevice d;
    d.allocations = {interval(0, 2, 10), interval(1, 5, 20)};
    fillCurves(d);
    AllocationStacking s(d, MemoryAxis::Sequence);
    QCOMPARE(s.hitAt(1, 15)->allocation, 1u);
    QCOMPARE(s.hitAt(1, 15)->base, 10u);
    QCOMPARE(s.hitAt(2, 5)->allocation, 1u); // #0 is freed at 2 (half-open)
    QCOMPARE(s.hitAt(2, 5)->base, 0u);
    QVERIFY(!s.hitAt(5, 0)); // and #1 at 5
}

void TestAllocationStacking::sweepMatchesScan()
{
    QRandomGenerator rng(20261123);
    for (int round = 0; round < 20; ++round) {
        const MemoryDevice d = randomDevice(rng, 1 + int(rng.bounded(300)), 200);
        for (MemoryAxis axis : kAxes) {
            AllocationStacking s(d, axis);
            std::vector<int64_t> moments;
            const int64_t end = d.end[int(axis)];
            for (int i = 0; i < 40; ++i)
                moments.push_back(rng.bounded(qint64(end + 1)));
            std::sort(moments.begin(), moments.end());
            std::vector<uint32_t> previous;
            s.sweep(moments, [&](int column, const AllocationStacking::Column &c, bool changed) {
                // Climb the stack band by band through find(); it must be the scan's stack.
                std::vector<uint32_t> stack;
                uint64_t bytes = 0;
                while (const auto hit = c.find(bytes)) {
                    QCOMPARE(hit->base, bytes);
                    stack.push_back(hit->allocation);
                    bytes += d.allocations[hit->allocation].size;
                }
                QCOMPARE(c.total(), bytes);
                QCOMPARE(stack, s.stackAt(moments[size_t(column)]));
                if (!changed)
                    QCOMPARE(stack, previous);
                previous = stack;
            });
        }
    }
}

void TestAllocationStacking::columnMomentsKeepPeaks()
{
    QRandomGenerator rng(7);
    for (int round = 0; round < 20; ++round) {
        const MemoryDevice d = randomDevice(rng, 1 + int(rng.bounded(400)), 500);
        for (MemoryAxis axis : kAxes) {
            AllocationStacking s(d, axis);
            const model::MemoryCurve &c = d.allocated[int(axis)];
            const int64_t x0 = rng.bounded(qint64(d.end[int(axis)] / 2));
            const int64_t x1 = x0 + 1 + rng.bounded(qint64(d.end[int(axis)]));
            const int columns = 1 + int(rng.bounded(120));
            const auto moments = s.columnMoments(x0, x1, columns);
            QCOMPARE(int(moments.size()), columns);
            for (int col = 0; col < columns; ++col) {
                const int64_t a = x0 + (x1 - x0) * col / columns;
                const int64_t b = std::max(a + 1, x0 + (x1 - x0) * (col + 1) / columns);
                const int64_t m = moments[size_t(col)];
                QVERIFY(m >= a && m < b);
                int64_t highest = c.at(a);
                for (size_t i = 0; i < c.x.size(); ++i) {
                    if (c.x[i] > a && c.x[i] < b)
                        highest = std::max(highest, c.value[i]);
                }
                QCOMPARE(c.at(m), highest);
                // …and the stack drawn there adds up to it.
                int64_t stacked = 0;
                for (uint32_t i : s.stackAt(m))
                    stacked += int64_t(d.allocations[i].size);
                QCOMPARE(stacked, highest);
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestAllocationStacking)
#include "tst_allocationstacking.moc"

// The writer's staging: the external sort (sorted however many runs it spills), and the slice
// placer with its flow binding, which must give the same answer spilled or in memory, and the
// answer the binding rules give when worked out by brute force.

#include "cache/externalsort.h"
#include "cache/flowends.h"
#include "cache/sliceplacer.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <tuple>
#include <vector>

using namespace ts;
using namespace ts::model;

namespace {

struct Item
{
    int64_t key;
    uint32_t arrival;
};
struct ItemBefore
{
    bool operator()(const Item &a, const Item &b) const
    {
        return a.key != b.key ? a.key < b.key : a.arrival < b.arrival;
    }
};

struct Flow
{
    rec::FlowRec rec;
};

struct Placed
{
    std::vector<PlacedSlice> slices;
    std::vector<std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>> flows; // out, in, name, cat
    QString error;
};

// Runs the placer over `slices` and `flows` with sorts of `runBytes` each.
Placed place(const QString &dir, const std::vector<StagedSlice> &slices,
             const std::vector<rec::FlowRec> &flows, size_t runBytes)
{
    Placed out;
    SliceRuns runs(dir, runBytes, runBytes);
    FlowEnds ends(dir, runBytes);
    for (const StagedSlice &s : slices)
        if (!runs.add(s))
            return {{}, {}, runs.error()};
    for (const rec::FlowRec &f : flows)
        if (!ends.add(f))
            return {{}, {}, ends.error()};
    SlicePlacer placer(runs, ends);
    const bool ok = placer.run([] { return SlicePlacer::Batch(); },
                               [&out](SlicePlacer::Batch &&b) {
                                   out.slices.insert(out.slices.end(), b.begin(), b.end());
                                   return true;
                               });
    if (!ok)
        return {{}, {}, placer.error()};
    FlowEnds::Bound b;
    while (ends.nextFlow(&b))
        out.flows.emplace_back(b.out, b.in, b.name, b.category);
    out.error = ends.error();
    return out;
}

int64_t rand64(QRandomGenerator &rng, int64_t below)
{
    return int64_t(rng.bounded(quint64(below)));
}

// Slices on `tracks` tracks: well nested (each a child strictly inside the one before or a
// sibling after it), or, when `messy`, random intervals as well (partial overlaps, equal starts,
// zero lengths). In random arrival order.
std::vector<StagedSlice> makeSlices(QRandomGenerator &rng, uint32_t tracks, int perTrack, bool messy)
{
    std::vector<StagedSlice> out;
    for (uint32_t t = 1; t <= tracks; ++t) {
        std::vector<std::pair<int64_t, int64_t>> open; // ts, end of the enclosing chain
        int64_t cursor = 0;
        for (int i = 0; i < perTrack; ++i) {
            int64_t ts, dur;
            if (messy && rng.bounded(3) == 0) {
                ts = rand64(rng, cursor + 100);
                dur = rng.bounded(4) == 0 ? 0 : rand64(rng, 300);
            } else {
                while (!open.empty() && (open.back().second - cursor < 4 || rng.bounded(3) == 0)) {
                    cursor = open.back().second + rand64(rng, 3);
                    open.pop_back();
                }
                const int64_t room = open.empty() ? 1000 : open.back().second - cursor - 2;
                ts = cursor + 1;
                dur = 1 + rand64(rng, std::max<int64_t>(1, room));
                open.push_back({ts, ts + dur});
                cursor = ts;
            }
            out.push_back({ts, dur, 0, t, 1 + rng.bounded(5u), 0, 0});
        }
    }
    std::shuffle(out.begin(), out.end(), std::mt19937(rng.generate()));
    for (uint32_t i = 0; i < out.size(); ++i)
        out[i].sequence = i;
    return out;
}

rec::FlowEndpoint randomEnd(QRandomGenerator &rng, uint32_t tracks, uint64_t slices, int64_t span)
{
    rec::FlowEndpoint e;
    const int kind = rng.bounded(3);
    e.bind = kind == 0 ? rec::FlowBind::Enclosing : kind == 1 ? rec::FlowBind::Next
                                                               : rec::FlowBind::Sequence;
    e.track = 1 + rng.bounded(tracks + 1); // one past the last: a track with no slice
    e.ts = rand64(rng, span) - 10;
    e.sequence = rng.bounded(10) == 0 ? slices + rng.bounded(5u) : rand64(rng, int64_t(slices));
    return e;
}

std::vector<rec::FlowRec> makeFlows(QRandomGenerator &rng, int count, uint32_t tracks,
                                    uint64_t slices, int64_t span)
{
    std::vector<rec::FlowRec> out;
    for (int i = 0; i < count; ++i)
        out.push_back({randomEnd(rng, tracks, slices, span), randomEnd(rng, tracks, slices, span),
                       1 + rng.bounded(5u), rng.bounded(3u)});
    return out;
}

// The binding rules, worked out slice by slice from the placed result (well-nested input):
// Enclosing: the deepest slice on the track with ts <= t <= end (the later one among equals);
// Next: the first slice on the track starting at or after t; Sequence: that arrival's slice.
uint32_t bruteForce(const rec::FlowEndpoint &e, const std::vector<PlacedSlice> &placed,
                    const std::vector<uint32_t> &idOfSequence)
{
    if (e.bind == rec::FlowBind::Sequence)
        return e.sequence < idOfSequence.size() ? idOfSequence[size_t(e.sequence)] : 0;
    uint32_t best = 0;
    for (uint32_t i = 0; i < placed.size(); ++i) {
        const PlacedSlice &s = placed[i];
        if (s.track != e.track)
            continue;
        if (e.bind == rec::FlowBind::Next) {
            if (s.ts >= e.ts)
                return i + 1;
        } else if (s.ts <= e.ts && e.ts <= s.ts + s.dur &&
                   (best == 0 || s.depth >= placed[best - 1].depth)) {
            best = i + 1;
        }
    }
    return best;
}

} // namespace

class TestSlicePlacer : public QObject
{
    Q_OBJECT
private slots:
    void externalSortSorts_data();
    void externalSortSorts();
    void externalSortReportsIoErrors();
    void spilledIsTheSameAsInMemory_data();
    void spilledIsTheSameAsInMemory();
    void flowsBindByTheRules();
};

void TestSlicePlacer::externalSortSorts_data()
{
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("runItems");
    QTest::newRow("empty") << 0 << 8;
    QTest::newRow("one run, in memory") << 500 << 1000;
    QTest::newRow("runs of one") << 300 << 1;
    QTest::newRow("exact multiple") << 640 << 64;
    QTest::newRow("many runs, a short last") << 20001 << 97;
}

void TestSlicePlacer::externalSortSorts()
{
    QFETCH(int, items);
    QFETCH(int, runItems);
    QTemporaryDir dir;
    QRandomGenerator rng(uint32_t(items * 31 + runItems));
    ExternalSort<Item, ItemBefore> sort(dir.path(), size_t(runItems) * sizeof(Item),
                                        3 * sizeof(Item));
    std::vector<Item> expected;
    for (int i = 0; i < items; ++i) {
        const Item it{rand64(rng, 50) - 25, uint32_t(i)}; // many equal keys
        expected.push_back(it);
        QVERIFY2(sort.add(it), qPrintable(sort.error()));
    }
    std::sort(expected.begin(), expected.end(), ItemBefore());
    QVERIFY2(sort.finish(), qPrintable(sort.error()));
    QCOMPARE(sort.count(), uint64_t(items));
    Item it;
    size_t n = 0;
    while (sort.next(&it)) {
        QVERIFY(n < expected.size());
        QCOMPARE(it.key, expected[n].key);
        QCOMPARE(it.arrival, expected[n].arrival);
        ++n;
    }
    QCOMPARE(n, expected.size());
    QVERIFY(sort.error().isEmpty());
    QVERIFY(!sort.next(&it)); // stays at the end
    // Nothing is left behind in the folder: the spill file never had a name, or lost it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList());
}

void TestSlicePlacer::externalSortReportsIoErrors()
{
    QTemporaryDir dir;
    const QString gone = dir.filePath(QStringLiteral("not-there"));
    ExternalSort<Item, ItemBefore> sort(gone, 4 * sizeof(Item));
    bool added = true;
    for (uint32_t i = 0; i < 10 && added; ++i)
        added = sort.add({int64_t(i), i});
    QVERIFY(!added);
    QVERIFY2(sort.error().contains(gone), qPrintable(sort.error()));
}

void TestSlicePlacer::spilledIsTheSameAsInMemory_data()
{
    QTest::addColumn<bool>("messy");
    QTest::addColumn<int>("runBytes");
    QTest::newRow("nested, tiny runs") << false << 64;
    QTest::newRow("messy, tiny runs") << true << 64;
    QTest::newRow("messy, small runs") << true << 4096;
}

void TestSlicePlacer::spilledIsTheSameAsInMemory()
{
    QFETCH(bool, messy);
    QFETCH(int, runBytes);
    QTemporaryDir dir;
    QRandomGenerator rng(messy ? 5 : 6);
    const std::vector<StagedSlice> slices = makeSlices(rng, 4, 3000, messy);
    const std::vector<rec::FlowRec> flows = makeFlows(rng, 4000, 4, slices.size(), 20000);
    const Placed whole = place(dir.path(), slices, flows, size_t(64) << 20);
    const Placed spilled = place(dir.path(), slices, flows, size_t(runBytes));
    QVERIFY2(whole.error.isEmpty(), qPrintable(whole.error));
    QVERIFY2(spilled.error.isEmpty(), qPrintable(spilled.error));
    QCOMPARE(spilled.slices.size(), slices.size());
    QCOMPARE(whole.slices.size(), slices.size());
    for (size_t i = 0; i < slices.size(); ++i) {
        const PlacedSlice &a = whole.slices[i], &b = spilled.slices[i];
        QVERIFY(std::tie(a.ts, a.dur, a.track, a.name, a.depth, a.parent) ==
                std::tie(b.ts, b.dur, b.track, b.name, b.depth, b.parent));
    }
    QVERIFY(whole.flows.size() > flows.size() / 10); // the test binds flows at all
    QVERIFY(whole.flows.size() < flows.size());      // and leaves some unbound
    QVERIFY(whole.flows == spilled.flows);
}

void TestSlicePlacer::flowsBindByTheRules()
{
    QTemporaryDir dir;
    QRandomGenerator rng(77);
    const std::vector<StagedSlice> slices = makeSlices(rng, 3, 2000, false);
    const std::vector<rec::FlowRec> flows = makeFlows(rng, 3000, 3, slices.size(), 20000);
    const Placed placed = place(dir.path(), slices, flows, 256);
    QVERIFY2(placed.error.isEmpty(), qPrintable(placed.error));

    std::vector<StagedSlice> sorted = slices;
    std::sort(sorted.begin(), sorted.end(), StagedBefore());
    std::vector<uint32_t> idOfSequence(slices.size());
    for (uint32_t i = 0; i < sorted.size(); ++i)
        idOfSequence[sorted[i].sequence] = i + 1;
    decltype(placed.flows) expected;
    for (const rec::FlowRec &f : flows) {
        const uint32_t out = bruteForce(f.out, placed.slices, idOfSequence);
        const uint32_t in = bruteForce(f.in, placed.slices, idOfSequence);
        if (out && in)
            expected.emplace_back(out, in, f.name, f.category);
    }
    QVERIFY(expected.size() > flows.size() / 10);
    QCOMPARE(placed.flows.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(placed.flows[i] == expected[i], qPrintable(QString::number(i)));
}

QTEST_GUILESS_MAIN(TestSlicePlacer)
#include "tst_sliceplacer.moc"

// How long the Memory view's stacked bands take when very many allocations are live at once —
// the case the generated snapshots of snapshot_bench.py do not reach (their allocations are
// short-lived). Builds a synthetic device in memory: --allocations N, each living a random
// span with mean --live L events (so about L are live at any moment), 1 % never freed, sizes
// log-uniform from 512 B to 64 MiB. Times, median of --reps runs: the stacking (two sorts),
// painting the whole trace and a 1 % window at --size WxH, and one hover's hit test.
#include "memory/allocationbands.h"
#include "memory/allocationstacking.h"
#include "viewbench.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

using namespace ts;

namespace {

model::MemoryDevice syntheticDevice(int count, int meanLive)
{
    QRandomGenerator rng(42);
    model::MemoryDevice d;
    d.allocations.reserve(size_t(count));
    std::map<int64_t, int64_t> delta;
    for (int i = 0; i < count; ++i) {
        model::MemoryAllocation a;
        a.allocSeq = i;
        const bool never = rng.bounded(100) == 0;
        const int64_t life = 1 + int64_t(-std::log(1.0 - rng.generateDouble()) * meanLive);
        a.freeSeq = a.freeRequestedSeq = never ? count : std::min<int64_t>(count, i + life);
        a.allocTime = 1000 * a.allocSeq;
        a.freeTime = a.freeRequestedTime = 1000 * a.freeSeq;
        a.size = uint64_t(std::exp(
            std::log(512.0) + rng.generateDouble() * (std::log(64.0 * 1048576) - std::log(512.0))));
        a.flags = never ? model::kAllocNeverFreed : 0;
        delta[a.allocSeq] += int64_t(a.size);
        delta[a.freeSeq] -= int64_t(a.size);
        d.allocations.push_back(a);
    }
    model::MemoryCurve &seq = d.allocated[int(model::MemoryAxis::Sequence)];
    int64_t total = 0;
    for (const auto &[x, by] : delta) {
        total += by;
        seq.x.push_back(x);
        seq.value.push_back(total);
    }
    seq.buildTree();
    d.start[1] = 0;
    d.end[1] = count + 1;
    return d;
}

template <typename F> double medianMs(int reps, F &&f)
{
    std::vector<double> ms;
    for (int i = 0; i < reps; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int count = bench::option(args, "--allocations", "1000000").toInt();
    const int live = bench::option(args, "--live", "20000").toInt();
    const int reps = bench::option(args, "--reps", "5").toInt();
    const QSize size =
        bench::sizeOption(args.contains("--size") ? args : QStringList{"--size", "1800x420"});
    const model::MemoryDevice d = syntheticDevice(count, live);
    const auto axis = model::MemoryAxis::Sequence;
    const int64_t peak =
        *std::max_element(d.allocated[1].value.begin(), d.allocated[1].value.end());

    std::unique_ptr<model::AllocationStacking> stacking;
    const double buildMs =
        medianMs(reps, [&] { stacking = std::make_unique<model::AllocationStacking>(d, axis); });
    views::BandWindow whole{0, d.end[1], 0, double(peak) * 1.06, size, {}};
    size_t livePeak = 0;
    const double wholeMs = medianMs(reps, [&] { paintAllocationBands(*stacking, whole); });
    views::BandWindow zoomed = whole;
    zoomed.x0 = count / 2;
    zoomed.x1 = count / 2 + count / 100;
    const double zoomMs = medianMs(reps, [&] { paintAllocationBands(*stacking, zoomed); });
    const double hitMs = medianMs(reps, [&] { stacking->hitAt(count / 2, uint64_t(peak / 3)); });
    livePeak = stacking->stackAt(count / 2).size();
    std::printf(
        "{\"allocations\":%d,\"live_at_middle\":%zu,\"size\":\"%dx%d\",\"stacking_ms\":%.1f,"
        "\"paint_whole_ms\":%.1f,\"paint_1pct_ms\":%.1f,\"hover_ms\":%.1f,\"peak_rss_mb\":%.0f}\n",
        count, livePeak, size.width(), size.height(), buildMs, wholeMs, zoomMs, hitMs,
        bench::peakRssMb());
    return 0;
}

// The Operators table over a big cache (issue 13: "10 M slices ready ≤ 1 s after the cache
// opens, and recomputed for a range in ≤ 1 s"). Loads the cache into TimelineData as the
// timeline does (timed apart), then, REPS times each and in turn: the floor — one pass summing
// every slice's duration, the least any per-slice statistic can cost — the whole-input table,
// and the table over a range of a tenth of the trace in its middle. Prints one JSON line of
// medians in ms:
//
//   bench_operators CACHE.tscache [--reps 5]
//
// Caches come from bench_make_timeline_cache (BENCHMARKS.md, "Operators table").

#include "timeline/operatorstats.h"
#include "timeline/timelinedata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ts;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_operators CACHE [--reps N]\n");
        return 2;
    }
    const int repsAt = int(args.indexOf(QStringLiteral("--reps")));
    const int reps = repsAt > 0 ? args.value(repsAt + 1).toInt() : 5;
    QElapsedTimer timer;
    timer.start();
    model::TimelineData data;
    QString error;
    if (!data.load({args[1]}, &error)) {
        std::fprintf(stderr, "bench_operators: %s\n", qPrintable(error));
        return 1;
    }
    const double loadMs = double(timer.nsecsElapsed()) / 1e6;
    model::OperatorQuery range;
    range.wholeInput = false;
    const int64_t span = data.end() - data.start();
    range.t0 = data.start() + span * 45 / 100;
    range.t1 = data.start() + span * 55 / 100;
    std::vector<double> floorMs, wholeMs, rangeMs;
    int64_t checksum = 0;
    size_t rows = 0, rangeRows = 0;
    for (int r = 0; r < reps; ++r) {
        timer.restart();
        for (const model::TimelineTrack &t : data.tracks())
            for (const auto &depth : t.depths)
                for (const model::TimelineSlice &s : depth)
                    checksum += s.dur;
        floorMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        rows = size_t(model::operatorStats(data, {}).size());
        wholeMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        rangeRows = size_t(model::operatorStats(data, range).size());
        rangeMs.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("{\"slices\":%llu,\"names\":%zu,\"range_names\":%zu,\"reps\":%d,"
                "\"load_ms\":%.1f,\"floor_sum_ms\":%.1f,\"operators_ms\":%.1f,"
                "\"operators_range_ms\":%.1f,\"checksum\":%lld}\n",
                static_cast<unsigned long long>(data.sliceCount()), rows, rangeRows, reps, loadMs,
                median(floorMs), median(wholeMs), median(rangeMs),
                static_cast<long long>(checksum));
    return 0;
}

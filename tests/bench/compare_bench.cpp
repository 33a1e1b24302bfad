// Compare of two runs (issue 13: "compare of two 1 GB traces ready ≤ 2 s after both imports").
// Times what File ▸ Compare… does once both imports are done — model::compareRuns: both runs'
// slices loaded at the same time, their operators, the comparison — and, as the same go's
// baseline, the same work one run after the other. REPS rounds, the two in turn; prints one JSON
// line of medians in ms:
//
//   bench_compare BASE.tscache NEW.tscache [--reps 5]
//
// Caches come from bench_make_timeline_cache (BENCHMARKS.md, "Compare two runs").

#include "timeline/operatorcompare.h"
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

// The baseline: one run after the other on this thread.
bool sequential(const model::RunCaches &a, const model::RunCaches &b,
                QVector<model::OperatorDelta> *rows, QString *error)
{
    QVector<model::OperatorStats> stats[2];
    const model::RunCaches *runs[2] = {&a, &b};
    for (int i = 0; i < 2; ++i) {
        model::TimelineData data;
        if (!data.load(runs[i]->caches, error))
            return false;
        model::OperatorQuery query;
        query.splitSides = false;
        stats[i] = model::operatorStats(data, query);
    }
    *rows = model::compareOperators(stats[0], stats[1]);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_compare BASE NEW [--reps N]\n");
        return 2;
    }
    const int repsAt = int(args.indexOf(QStringLiteral("--reps")));
    const int reps = repsAt > 0 ? args.value(repsAt + 1).toInt() : 5;
    const model::RunCaches base{args[1], {args[1]}, {}}, next{args[2], {args[2]}, {}};
    std::vector<double> compareMs, sequentialMs;
    qsizetype rows = 0;
    QElapsedTimer timer;
    for (int r = 0; r < reps; ++r) {
        QVector<model::OperatorDelta> a, b;
        QString error;
        timer.start();
        if (!model::compareRuns(base, next, &a, &error)) {
            std::fprintf(stderr, "bench_compare: %s\n", qPrintable(error));
            return 1;
        }
        compareMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        if (!sequential(base, next, &b, &error)) {
            std::fprintf(stderr, "bench_compare: %s\n", qPrintable(error));
            return 1;
        }
        sequentialMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (a.size() != b.size()) {
            std::fprintf(stderr, "bench_compare: the two ways disagree (%lld rows against %lld)\n",
                         static_cast<long long>(a.size()), static_cast<long long>(b.size()));
            return 1;
        }
        rows = a.size();
    }
    std::printf("{\"rows\":%lld,\"reps\":%d,\"compare_ms\":%.1f,\"sequential_ms\":%.1f}\n",
                static_cast<long long>(rows), reps, median(compareMs), median(sequentialMs));
    return 0;
}

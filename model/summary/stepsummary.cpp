#include "stepsummary.h"

#include <QHash>
#include <QMap>

#include <algorithm>
#include <map>

namespace ts::model {

int64_t mergeIntervals(std::vector<Interval> &v)
{
    std::sort(v.begin(), v.end(), [](const Interval &a, const Interval &b) {
        return a.start < b.start || (a.start == b.start && a.end < b.end);
    });
    size_t out = 0;
    for (const Interval &i : v) {
        if (i.end <= i.start)
            continue;
        if (out > 0 && i.start <= v[out - 1].end)
            v[out - 1].end = std::max(v[out - 1].end, i.end);
        else
            v[out++] = i;
    }
    v.resize(out);
    int64_t total = 0;
    for (const Interval &i : v)
        total += i.end - i.start;
    return total;
}

int64_t intersectionLength(const std::vector<Interval> &a, const std::vector<Interval> &b)
{
    int64_t total = 0;
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const int64_t lo = std::max(a[i].start, b[j].start);
        const int64_t hi = std::min(a[i].end, b[j].end);
        if (hi > lo)
            total += hi - lo;
        (a[i].end < b[j].end) ? ++i : ++j;
    }
    return total;
}

QString figureSourceName(FigureSource source)
{
    return source == FigureSource::StepTrace ? QStringLiteral("step_trace_time")
                                             : QStringLiteral("kernels");
}

int64_t profilerStepNumber(const QString &name)
{
    static const QLatin1String prefix("ProfilerStep#");
    if (!name.startsWith(prefix))
        return -1;
    bool ok = false;
    const qlonglong n = QStringView(name).mid(prefix.size()).toLongLong(&ok);
    return ok && n >= 0 ? int64_t(n) : -1;
}

namespace {

// What each name of the name table is, decided once per name rather than per slice.
struct NameKinds
{
    std::vector<int64_t> stepNumber; // ProfilerStep#N → N, else -1
    std::vector<uint8_t> flags;
    enum : uint8_t { kCommunication = 1, kLaunch = 2, kWait = 4 };

    explicit NameKinds(const QStringList &names)
        : stepNumber(size_t(names.size()), -1), flags(size_t(names.size()), 0)
    {
        for (int i = 0; i < names.size(); ++i) {
            const QString &n = names[i];
            stepNumber[size_t(i)] = profilerStepNumber(n);
            static const char *const comm[] = {"nccl", "hccl", "hcom",         "notify",
                                               "sdma", "rdma", "reduce_inline"};
            for (const char *word : comm) {
                if (n.contains(QLatin1String(word), Qt::CaseInsensitive))
                    flags[size_t(i)] |= kCommunication;
            }
            // A stream waiting for an event does nothing meanwhile.
            if (!(flags[size_t(i)] & kCommunication) &&
                n.contains(QLatin1String("wait"), Qt::CaseInsensitive))
                flags[size_t(i)] |= kWait;
            if (n.contains(QLatin1String("Launch")) || n.startsWith(QLatin1String("aclnn")))
                flags[size_t(i)] |= kLaunch;
        }
    }
};

struct RankTracks
{
    QVector<int> host, device;
    QVector<bool> deviceIsComm; // aligned with device: an HCCL track
};

RankTracks tracksOfRank(const TimelineData &data, const SummaryInput &input, int rank)
{
    RankTracks out;
    for (int g : input.ranks[rank].groups) {
        for (int t : data.groups()[g].tracks) {
            const TimelineTrack &track = data.tracks()[size_t(t)];
            if (track.kind != TimelineTrack::Kind::Slices)
                continue;
            // Overlap Analysis is Ascend's own summary of the device (slices named Computing,
            // Free …): derived from the work, not work itself.
            if (track.name.startsWith(QLatin1String("Overlap Analysis")))
                continue;
            if (track.device) {
                out.device.append(t);
                out.deviceIsComm.append(track.name.startsWith(QLatin1String("HCCL")));
            } else {
                out.host.append(t);
            }
        }
    }
    return out;
}

struct StepRange
{
    int64_t start = 0, end = 0;
    SliceRef slice;
};

// Every ProfilerStep#N on the rank's host tracks; for a number seen twice, the longest.
std::map<int64_t, StepRange> profilerSteps(const TimelineData &data, const RankTracks &tracks,
                                           const NameKinds &kinds)
{
    std::map<int64_t, StepRange> steps;
    for (int t : tracks.host) {
        const TimelineTrack &track = data.tracks()[size_t(t)];
        for (size_t d = 0; d < track.depths.size(); ++d) {
            const std::vector<TimelineSlice> &v = track.depths[d];
            for (size_t i = 0; i < v.size(); ++i) {
                const int64_t n = kinds.stepNumber[v[i].name];
                if (n < 0)
                    continue;
                auto it = steps.find(n);
                if (it == steps.end() || v[i].dur > it->second.end - it->second.start)
                    steps[n] = StepRange{v[i].ts, v[i].end(), SliceRef{t, int(d), uint32_t(i)}};
            }
        }
    }
    return steps;
}

bool useStepTrace(const StepTimeRow *row)
{
    return row && row->metric("Computing") >= 0 &&
           row->metric("Communication(Not Overlapped)") >= 0 && row->metric("Free") >= 0;
}

void takeStepTrace(const StepTimeRow &row, RankStep &s)
{
    s.source = FigureSource::StepTrace;
    s.computingNs = row.metric("Computing");
    s.commNotOverlappedNs = row.metric("Communication(Not Overlapped)");
    s.freeNs = row.metric("Free");
    s.overlappedNs = std::max<int64_t>(0, row.metric("Overlapped"));
    const int64_t communication = row.metric("Communication");
    s.communicationNs = communication >= 0 ? communication : s.commNotOverlappedNs + s.overlappedNs;
    const int64_t stage = row.metric("Stage");
    s.stepNs = stage > 0 ? stage : s.computingNs + s.commNotOverlappedNs + s.freeNs;
}

// The figures of [s.start, s.end) from the rank's slices. false when cancelled.
bool measure(const TimelineData &data, const SummaryInput &input, const RankTracks &tracks,
             const NameKinds &kinds, const SummaryQuery &query, RankStep &s, bool figures,
             const std::atomic<bool> *cancel)
{
    const int64_t t0 = s.start, t1 = s.end;
    std::vector<Interval> compute, comm;
    QHash<uint32_t, KernelTotal> byName;
    QHash<uint32_t, int64_t> longestOf;
    s.kernelNs = 0;
    s.kernelCount = 0;
    for (int k = 0; k < tracks.device.size(); ++k) {
        if (cancel && cancel->load())
            return false;
        const int t = tracks.device[k];
        const TimelineTrack &track = data.tracks()[size_t(t)];
        for (size_t d = 0; d < track.depths.size(); ++d) {
            const std::vector<TimelineSlice> &v = track.depths[d];
            for (uint32_t i : data.overlapping(t, int(d), t0, t1)) {
                const TimelineSlice &sl = v[i];
                if (sl.dur <= 0 || kinds.stepNumber[sl.name] >= 0 ||
                    (kinds.flags[sl.name] & NameKinds::kWait) ||
                    input.isAnnotation(track.cacheIndex, sl.rowId))
                    continue;
                const Interval clipped{std::max(sl.ts, t0), std::min(sl.end(), t1)};
                const bool isComm =
                    tracks.deviceIsComm[k] || (kinds.flags[sl.name] & NameKinds::kCommunication);
                (isComm ? comm : compute).push_back(clipped);
                const int64_t len = clipped.end - clipped.start;
                s.kernelNs += len;
                ++s.kernelCount;
                KernelTotal &total = byName[sl.name];
                ++total.count;
                total.totalNs += len;
                int64_t &longest = longestOf[sl.name];
                if (sl.dur > longest) {
                    longest = sl.dur;
                    total.longest = SliceRef{t, int(d), i};
                }
            }
        }
    }
    if (figures) {
        s.source = FigureSource::Kernels;
        s.stepNs = t1 - t0;
        s.computingNs = mergeIntervals(compute);
        s.communicationNs = mergeIntervals(comm);
        s.overlappedNs = intersectionLength(compute, comm);
        s.commNotOverlappedNs = s.communicationNs - s.overlappedNs;
        s.freeNs = s.stepNs - (s.computingNs + s.commNotOverlappedNs);
    }
    // Launch calls: per host thread the union of their intervals, summed over the threads.
    s.launchNs = 0;
    for (int t : tracks.host) {
        const TimelineTrack &track = data.tracks()[size_t(t)];
        std::vector<Interval> launches;
        for (size_t d = 0; d < track.depths.size(); ++d) {
            const std::vector<TimelineSlice> &v = track.depths[d];
            for (uint32_t i : data.overlapping(t, int(d), t0, t1)) {
                if (kinds.flags[v[i].name] & NameKinds::kLaunch)
                    launches.push_back({std::max(v[i].ts, t0), std::min(v[i].end(), t1)});
            }
        }
        s.launchNs += mergeIntervals(launches);
    }
    s.topKernels.clear();
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        it->name = data.name(it.key());
        s.topKernels.append(*it);
    }
    std::sort(s.topKernels.begin(), s.topKernels.end(),
              [](const KernelTotal &a, const KernelTotal &b) {
                  return a.totalNs != b.totalNs ? a.totalNs > b.totalNs : a.name < b.name;
              });
    if (s.topKernels.size() > query.topKernels)
        s.topKernels.resize(query.topKernels);
    return true;
}

void fillCluster(QVector<RankStep> &rows)
{
    QMap<int64_t, QVector<int>> byStep;
    for (int i = 0; i < rows.size(); ++i)
        byStep[rows[i].step].append(i);
    for (const QVector<int> &list : std::as_const(byStep)) {
        int slowest = list.first();
        int64_t lo = rows[slowest].stepNs, hi = lo;
        for (int i : list) {
            lo = std::min(lo, rows[i].stepNs);
            if (rows[i].stepNs > hi) {
                hi = rows[i].stepNs;
                slowest = i;
            }
        }
        for (int i : list) {
            rows[i].slowestRank = rows[slowest].rank;
            rows[i].spreadNs = hi - lo;
        }
    }
}

} // namespace

StepSummary computeStepSummary(const TimelineData &data, const SummaryInput &input,
                               const SummaryQuery &query, const std::atomic<bool> *cancel)
{
    StepSummary out;
    out.ranks = input.ranks;
    const NameKinds kinds(data.names());
    for (int r = 0; r < input.ranks.size(); ++r) {
        const RankTracks tracks = tracksOfRank(data, input, r);
        const std::map<int64_t, StepRange> ranges = profilerSteps(data, tracks, kinds);
        // One row per number: a rank's caches may split a step's range (STEP_TIME) and its
        // figures (analysis.db) between them.
        std::map<int64_t, StepTimeRow> merged;
        for (const StepTimeRow &row : input.ranks[r].stepTimes) {
            StepTimeRow &m = merged[row.step];
            m.step = row.step;
            if (row.hasRange && !m.hasRange) {
                m.hasRange = true;
                m.startNs = row.startNs;
                m.endNs = row.endNs;
            }
            if (m.metrics.isEmpty())
                m.metrics = row.metrics;
        }
        std::map<int64_t, const StepTimeRow *> stepTimes;
        for (const auto &[n, row] : merged)
            stepTimes.emplace(n, &row);
        std::vector<int64_t> numbers;
        for (const auto &[n, range] : ranges)
            numbers.push_back(n);
        for (const auto &[n, row] : stepTimes) {
            if (!ranges.count(n))
                numbers.push_back(n);
        }
        for (int64_t n : numbers) {
            RankStep s;
            s.step = n;
            s.rank = r;
            const auto row = stepTimes.find(n);
            const StepTimeRow *stepTime = row != stepTimes.end() ? row->second : nullptr;
            if (stepTime && stepTime->hasRange) {
                s.hasRange = true;
                s.start = stepTime->startNs;
                s.end = stepTime->endNs;
            }
            if (const auto range = ranges.find(n); range != ranges.end()) {
                s.stepSlice = range->second.slice;
                if (!s.hasRange) {
                    s.hasRange = true;
                    s.start = range->second.start;
                    s.end = range->second.end;
                }
            }
            const bool fromStepTrace = useStepTrace(stepTime);
            if (fromStepTrace)
                takeStepTrace(*stepTime, s);
            if (s.hasRange) {
                if (!measure(data, input, tracks, kinds, query, s, !fromStepTrace, cancel))
                    return {};
            } else if (!fromStepTrace) {
                continue; // a row with neither a range nor figures says nothing
            } else {
                s.kernelNs = s.launchNs = -1;
            }
            out.rows.append(std::move(s));
        }
    }
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const RankStep &a, const RankStep &b) {
        const uint64_t na = uint64_t(a.step), nb = uint64_t(b.step); // -1 sorts last
        return na != nb ? na < nb : a.rank < b.rank;
    });
    fillCluster(out.rows);
    return out;
}

} // namespace ts::model

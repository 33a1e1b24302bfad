#include "timelinedata.h"

#include "records/recordformat.h"
#include "timeline/timelineloader.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <thread>

namespace ts::model {

namespace {

// Slices of one depth do not overlap, so their ends are sorted too: the first slice that can
// reach t0 is found by binary search on the end.
std::vector<TimelineSlice>::const_iterator firstReaching(const std::vector<TimelineSlice> &v,
                                                         int64_t t0)
{
    return std::lower_bound(v.begin(), v.end(), t0,
                            [](const TimelineSlice &s, int64_t t) { return s.end() < t; });
}

bool overlaps(const TimelineSlice &s, int64_t t0, int64_t t1)
{
    return s.ts < t1 && (s.end() > t0 || (s.dur == 0 && s.ts >= t0));
}

// How far t lies outside [ts, end]: 0 inside.
int64_t distance(const TimelineSlice &s, int64_t t)
{
    return t < s.ts ? s.ts - t : (t > s.end() ? t - s.end() : 0);
}

} // namespace

uint32_t TimelineData::internName(const QString &name)
{
    const auto it = m_nameIds.constFind(name);
    if (it != m_nameIds.constEnd())
        return *it;
    const uint32_t id = uint32_t(m_names.size());
    m_names << name;
    m_nameIds.insert(name, id);
    return id;
}

void TimelineData::clear()
{
    m_tracks.clear();
    m_groups.clear();
    m_cachePaths.clear();
    m_names.clear();
    m_nameIds.clear();
    m_trackIndex.clear();
    m_offsets.clear();
    m_loadErrors.clear();
    m_start = m_end = 0;
    m_sliceCount = 0;
}

bool TimelineData::load(const QStringList &cachePaths, QString *error,
                        const QStringList &groupTitles)
{
    clear();
    m_cachePaths = cachePaths;
    m_offsets.assign(size_t(cachePaths.size()), 0);
    // Each cache is read on its own thread (a folder of ranks); merging is quick and in order.
    std::vector<CacheTimeline> caches(size_t(cachePaths.size()));
    std::atomic<int> next{0};
    auto work = [&]() {
        for (int i; (i = next.fetch_add(1)) < cachePaths.size();)
            caches[size_t(i)] = readCacheTimeline(i, cachePaths[i], groupTitles.value(i));
    };
    const int threads = std::min<int>(int(cachePaths.size()),
                                      std::max(1, int(std::thread::hardware_concurrency())));
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();

    m_start = std::numeric_limits<int64_t>::max();
    m_end = std::numeric_limits<int64_t>::lowest();
    int loaded = 0;
    for (size_t i = 0; i < caches.size(); ++i) {
        if (!caches[i].ok) {
            m_loadErrors << caches[i].error;
            continue;
        }
        m_offsets[i] = caches[i].offset;
        merge(std::move(caches[i]));
        ++loaded;
    }
    if (loaded == 0) {
        if (error)
            *error =
                m_loadErrors.isEmpty() ? QStringLiteral("nothing to show") : m_loadErrors.last();
        return false;
    }
    if (m_start > m_end)
        m_start = m_end = 0;
    return true;
}

void TimelineData::merge(CacheTimeline &&cache)
{
    // The first cache's string table becomes the name table as it is, so its slices keep
    // their ids; later caches are mapped onto it.
    std::vector<uint32_t> map;
    if (m_names.isEmpty()) {
        m_names = std::move(cache.strings);
        for (int i = 0; i < m_names.size(); ++i)
            m_nameIds.insert(m_names[i], uint32_t(i)); // keeps the last of duplicates: harmless
    } else {
        map.reserve(size_t(cache.strings.size()));
        for (const QString &s : std::as_const(cache.strings))
            map.push_back(internName(s));
    }
    const int base = int(m_tracks.size());
    for (TimelineTrack &t : cache.tracks) {
        if (!map.empty())
            for (auto &depth : t.depths)
                for (TimelineSlice &s : depth)
                    s.name = map[s.name]; // checked < strings.size() at load
        m_trackIndex.insert(qMakePair(t.cacheIndex, t.trackId), int(m_tracks.size()));
        m_tracks.push_back(std::move(t));
    }
    for (TimelineGroup &g : cache.groups) {
        for (int &i : g.tracks)
            i += base;
        // The caches of one rank (its trace, its sliced traces) fill one group.
        const auto same =
            std::find_if(m_groups.begin(), m_groups.end(), [&g](const TimelineGroup &o) {
                return g.shared && o.shared && o.title == g.title;
            });
        if (same != m_groups.end())
            same->tracks += g.tracks;
        else
            m_groups.append(std::move(g));
    }
    if (!cache.tracks.empty()) {
        m_start = std::min(m_start, cache.start);
        m_end = std::max(m_end, cache.end);
    }
    m_sliceCount += cache.sliceCount;
}

std::vector<TimelineBlock> TimelineData::visibleBlocks(int trackIdx, int depth, int64_t t0,
                                                       int64_t t1, int64_t mergeNs) const
{
    std::vector<TimelineBlock> blocks;
    const TimelineTrack &track = m_tracks[size_t(trackIdx)];
    if (depth < 0 || size_t(depth) >= track.depths.size())
        return blocks;
    const std::vector<TimelineSlice> &v = track.depths[size_t(depth)];
    auto it = firstReaching(v, t0);
    const auto end = v.end();
    mergeNs = std::max<int64_t>(mergeNs, 1);
    while (it != end && it->ts < t1) {
        if (it->dur >= mergeNs || !overlaps(*it, t0, t1)) {
            if (overlaps(*it, t0, t1)) {
                const uint32_t i = uint32_t(it - v.begin());
                blocks.push_back({it->ts, it->end(), 1, i, i});
            }
            ++it;
            continue;
        }
        // A run of narrow slices: everything starting within mergeNs of this one becomes one
        // block, and the search jumps straight past it.
        const int64_t runEnd = it->ts + mergeNs;
        auto next = std::lower_bound(it + 1, end, runEnd,
                                     [](const TimelineSlice &s, int64_t t) { return s.ts < t; });
        const uint32_t first = uint32_t(it - v.begin());
        const uint32_t count = uint32_t(next - it);
        const uint32_t last = first + count - 1;
        uint32_t longest = first;
        if (count > 1)
            longest = v[last].dur > v[first].dur ? last : first;
        blocks.push_back({it->ts, std::max(v[last].end(), it->ts), count, first, longest});
        it = next;
    }
    return blocks;
}

std::vector<uint32_t> TimelineData::overlapping(int trackIdx, int depth, int64_t t0,
                                                int64_t t1) const
{
    std::vector<uint32_t> out;
    const TimelineTrack &track = m_tracks[size_t(trackIdx)];
    if (depth < 0 || size_t(depth) >= track.depths.size())
        return out;
    const std::vector<TimelineSlice> &v = track.depths[size_t(depth)];
    for (auto it = firstReaching(v, t0); it != v.end() && it->ts < t1; ++it) {
        if (overlaps(*it, t0, t1))
            out.push_back(uint32_t(it - v.begin()));
    }
    return out;
}

int TimelineData::sliceAt(int trackIdx, int64_t t, int64_t toleranceNs, int *depthOut) const
{
    const TimelineTrack &track = m_tracks[size_t(trackIdx)];
    toleranceNs = std::max<int64_t>(toleranceNs, 0);
    for (int depth = int(track.depths.size()) - 1; depth >= 0; --depth) {
        const std::vector<TimelineSlice> &v = track.depths[size_t(depth)];
        // The candidates: the last slice starting at or before t, and the one after it.
        const auto after = std::upper_bound(
            v.begin(), v.end(), t, [](int64_t x, const TimelineSlice &s) { return x < s.ts; });
        int best = -1;
        int64_t bestDistance = toleranceNs;
        auto consider = [&](std::vector<TimelineSlice>::const_iterator it) {
            const int64_t d = distance(*it, t);
            if (d < bestDistance || (best < 0 && d == bestDistance)) {
                best = int(it - v.begin());
                bestDistance = d;
            }
        };
        if (after != v.begin())
            consider(after - 1);
        if (after != v.end())
            consider(after);
        if (best >= 0) {
            if (depthOut)
                *depthOut = depth;
            return best;
        }
    }
    return -1;
}

bool TimelineData::counterRange(int trackIdx, int64_t t0, int64_t t1, double *lo, double *hi) const
{
    const TimelineTrack &track = m_tracks[size_t(trackIdx)];
    const auto &ts = track.counterTs;
    if (ts.empty() || t1 <= ts.front())
        return false;
    // The sample in force at t0 (a step curve holds its value until the next sample).
    auto it = std::upper_bound(ts.begin(), ts.end(), t0);
    size_t i = it == ts.begin() ? 0 : size_t(it - ts.begin()) - 1;
    double a = track.counterValue[i], b = a;
    for (++i; i < ts.size() && ts[i] < t1; ++i) {
        a = std::min(a, track.counterValue[i]);
        b = std::max(b, track.counterValue[i]);
    }
    *lo = a;
    *hi = b;
    return true;
}

int TimelineData::trackIndex(int cacheIndex, qint64 trackId) const
{
    return m_trackIndex.value(qMakePair(cacheIndex, trackId), -1);
}

SliceRef TimelineData::find(int cacheIndex, qint64 trackId, int depth, int64_t cacheTs,
                            qint64 sliceId) const
{
    const int trackIdx = trackIndex(cacheIndex, trackId);
    if (trackIdx < 0 || cacheTs < -rec::kMaxAbsTime || cacheTs > rec::kMaxAbsTime)
        return {}; // (loaded times and offsets are within ±2^62: the sum cannot overflow)
    const TimelineTrack &track = m_tracks[size_t(trackIdx)];
    const int64_t ts = cacheTs + timeOffset(cacheIndex);
    const int first = depth < 0 ? 0 : depth;
    const int last = depth < 0 ? int(track.depths.size()) - 1 : depth;
    for (int d = first; d <= last && size_t(d) < track.depths.size(); ++d) {
        const std::vector<TimelineSlice> &v = track.depths[size_t(d)];
        auto it = std::lower_bound(v.begin(), v.end(), ts,
                                   [](const TimelineSlice &s, int64_t t) { return s.ts < t; });
        // Only zero-length slices share a start within one depth.
        for (; it != v.end() && it->ts == ts; ++it) {
            if (it->rowId == sliceId)
                return SliceRef{trackIdx, d, uint32_t(it - v.begin())};
        }
    }
    return {};
}

} // namespace ts::model

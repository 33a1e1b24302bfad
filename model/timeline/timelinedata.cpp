#include "timelinedata.h"

#include "cache/cachereader.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace ts::model {

namespace {

QString groupTitle(const ProcessInfo &p)
{
    QString title = !p.label.isEmpty() ? p.label : p.name;
    if (title.isEmpty())
        title = QStringLiteral("Process %1").arg(p.pid);
    else if (!p.label.isEmpty() && !p.name.isEmpty())
        title += QStringLiteral(" — %1").arg(p.name);
    if (p.rank >= 0)
        title = QStringLiteral("Rank %1 · %2").arg(p.rank).arg(title);
    return title;
}

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

bool TimelineData::load(const QStringList &cachePaths, QString *error)
{
    m_cachePaths = cachePaths;
    m_start = std::numeric_limits<int64_t>::max();
    m_end = std::numeric_limits<int64_t>::lowest();
    int loaded = 0;
    QString lastError;
    for (int i = 0; i < cachePaths.size(); ++i) {
        if (loadCache(i, cachePaths[i], &lastError))
            ++loaded;
    }
    if (loaded == 0) {
        if (error)
            *error = lastError.isEmpty() ? QStringLiteral("nothing to show") : lastError;
        return false;
    }
    if (m_start > m_end)
        m_start = m_end = 0;
    return true;
}

bool TimelineData::loadCache(int cacheIndex, const QString &path, QString *error)
{
    CacheReader reader;
    if (!reader.open(path, error))
        return false;
    // Ranks that wrote relative times (Kineto's baseTimeNanoseconds) align on absolute time.
    const int64_t offset = reader.meta(QStringLiteral("base_time_ns")).toLongLong();

    std::vector<QString> strings(1);
    {
        Statement s(reader.database(), "SELECT id, str FROM string ORDER BY id");
        while (s.step()) {
            const size_t id = size_t(s.int64(0));
            if (strings.size() <= id)
                strings.resize(id + 1);
            strings[id] = s.text(1);
        }
    }
    std::vector<int64_t> localToGlobal(strings.size(), -1);
    auto nameOf = [&](int64_t local) -> uint32_t {
        if (local < 0 || size_t(local) >= strings.size())
            return internName(QString());
        int64_t &g = localToGlobal[size_t(local)];
        if (g < 0)
            g = internName(strings[size_t(local)]);
        return uint32_t(g);
    };

    QHash<qint64, int> trackIndex; // track.id → index in m_tracks
    QHash<qint64, int> groupOf;    // process.id → index in m_groups
    const int firstGroup = m_groups.size();
    for (const ProcessInfo &p : reader.processes()) {
        groupOf.insert(p.id, m_groups.size());
        m_groups.append(TimelineGroup{groupTitle(p), {}});
    }
    for (const TrackInfo &t : reader.tracks(false)) {
        TimelineTrack track;
        track.kind = t.kind == 2 ? TimelineTrack::Kind::Counter : TimelineTrack::Kind::Slices;
        track.cacheIndex = cacheIndex;
        track.trackId = t.id;
        track.name = t.name.isEmpty() ? QStringLiteral("track %1").arg(t.id) : t.name;
        if (track.kind == TimelineTrack::Kind::Slices)
            track.depths.resize(size_t(t.maxDepth) + 1);
        trackIndex.insert(t.id, int(m_tracks.size()));
        const int group = groupOf.value(t.processId, -1);
        if (group < 0) {
            groupOf.insert(t.processId, m_groups.size());
            m_groups.append(TimelineGroup{QStringLiteral("Global"), {int(m_tracks.size())}});
        } else {
            m_groups[group].tracks.append(int(m_tracks.size()));
        }
        m_tracks.push_back(std::move(track));
    }

    // Ids follow (track, ts): appending in id order keeps every depth array sorted.
    Statement slices(reader.database(),
                     "SELECT track_id, depth, ts, dur, name_id, id FROM slice ORDER BY id");
    int lastTrackId = -1;
    TimelineTrack *track = nullptr;
    while (slices.step()) {
        const int trackId = int(slices.int64(0));
        if (trackId != lastTrackId) {
            const int idx = trackIndex.value(trackId, -1);
            track = idx < 0 ? nullptr : &m_tracks[size_t(idx)];
            lastTrackId = trackId;
        }
        if (!track)
            continue;
        const size_t depth = size_t(slices.int64(1));
        if (track->depths.size() <= depth)
            track->depths.resize(depth + 1);
        const TimelineSlice s{slices.int64(2) + offset, slices.int64(3),
                              nameOf(slices.int64(4)), uint32_t(slices.int64(5))};
        track->depths[depth].push_back(s);
        track->maxDur = std::max(track->maxDur, s.dur);
        m_start = std::min(m_start, s.ts);
        m_end = std::max(m_end, s.end());
        ++m_sliceCount;
    }

    Statement counters(reader.database(),
                       "SELECT track_id, ts, value FROM counter ORDER BY track_id, ts");
    lastTrackId = -1;
    while (counters.step()) {
        const int trackId = int(counters.int64(0));
        if (trackId != lastTrackId) {
            const int idx = trackIndex.value(trackId, -1);
            track = idx < 0 ? nullptr : &m_tracks[size_t(idx)];
            lastTrackId = trackId;
            if (track) {
                track->counterMin = std::numeric_limits<double>::max();
                track->counterMax = std::numeric_limits<double>::lowest();
            }
        }
        if (!track)
            continue;
        const int64_t ts = counters.int64(1) + offset;
        const double value = counters.real(2);
        track->counterTs.push_back(ts);
        track->counterValue.push_back(value);
        track->counterMin = std::min(track->counterMin, value);
        track->counterMax = std::max(track->counterMax, value);
        m_start = std::min(m_start, ts);
        m_end = std::max(m_end, ts);
    }

    // Kineto declares every visible GPU, idle ones too: show only tracks with something on them.
    for (int g = firstGroup; g < m_groups.size(); ++g) {
        QVector<int> &list = m_groups[g].tracks;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [this](int i) {
                                      const TimelineTrack &t = m_tracks[size_t(i)];
                                      return t.counterTs.empty() &&
                                             std::all_of(t.depths.begin(), t.depths.end(),
                                                         [](const auto &d) { return d.empty(); });
                                  }),
                   list.end());
        // Counters after the threads and streams of a group.
        std::stable_sort(list.begin(), list.end(), [this](int a, int b) {
            return m_tracks[size_t(a)].kind < m_tracks[size_t(b)].kind;
        });
    }
    m_groups.erase(std::remove_if(m_groups.begin() + firstGroup, m_groups.end(),
                                  [](const TimelineGroup &g) { return g.tracks.isEmpty(); }),
                   m_groups.end());
    return true;
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
    for (int depth = int(track.depths.size()) - 1; depth >= 0; --depth) {
        const std::vector<TimelineSlice> &v = track.depths[size_t(depth)];
        auto it = firstReaching(v, t - toleranceNs);
        if (it != v.end() && it->ts - toleranceNs <= t) {
            if (depthOut)
                *depthOut = depth;
            return int(it - v.begin());
        }
    }
    return -1;
}

bool TimelineData::counterRange(int trackIdx, int64_t t0, int64_t t1, double *lo,
                                double *hi) const
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
    for (size_t i = 0; i < m_tracks.size(); ++i) {
        if (m_tracks[i].cacheIndex == cacheIndex && m_tracks[i].trackId == trackId)
            return int(i);
    }
    return -1;
}

} // namespace ts::model

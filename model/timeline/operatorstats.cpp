#include "operatorstats.h"

#include <algorithm>
#include <limits>

namespace ts::model {

namespace {

struct Sum
{
    qint64 count = 0, total = 0, self = 0;
    qint64 min = std::numeric_limits<qint64>::max(), max = -1;
    SliceRef slowest;
    uint32_t name = 0;
    uint8_t side = 0;
};

bool overlaps(const TimelineSlice &s, int64_t t0, int64_t t1)
{
    return s.ts < t1 && (s.end() > t0 || (s.dur == 0 && s.ts >= t0));
}

// The index range of a depth array that can hold slices counted by the query: the first slice
// reaching t0 (ends are sorted within a depth) up to the first one starting at or after t1.
std::pair<size_t, size_t> candidates(const std::vector<TimelineSlice> &v, const OperatorQuery &q)
{
    if (q.wholeInput)
        return {0, v.size()};
    const auto lo = std::lower_bound(v.begin(), v.end(), q.t0,
                                     [](const TimelineSlice &s, int64_t t) { return s.end() < t; });
    const auto hi = std::lower_bound(lo, v.end(), q.t1,
                                     [](const TimelineSlice &s, int64_t t) { return s.ts < t; });
    return {size_t(lo - v.begin()), size_t(hi - v.begin())};
}

class Accumulator
{
public:
    Accumulator(const TimelineData &data, const OperatorQuery &query)
        : m_data(data), m_query(query),
          m_slot(size_t(query.groups ? query.groups->labels.size() : data.names().size()) * 2, -1)
    {}

    // false when cancelled.
    bool addTrack(int trackIndex, const std::atomic<bool> *cancel)
    {
        const TimelineTrack &track = m_data.tracks()[size_t(trackIndex)];
        if (track.analysis)
            return true; // spans the profiler derived, not operators that ran
        const uint8_t side = track.device ? kDeviceSide : kHostSide;
        m_groups = m_query.groups && size_t(track.cacheIndex) < m_query.groups->byCache.size()
                       ? &m_query.groups->byCache[size_t(track.cacheIndex)]
                       : nullptr;
        for (size_t d = 0; d < track.depths.size(); ++d) {
            const std::vector<TimelineSlice> &v = track.depths[d];
            const auto [lo, hi] = candidates(v, m_query);
            for (size_t i = lo; i < hi; ++i) {
                if ((++m_seen & 0xffff) == 0 && cancel && cancel->load())
                    return false;
                const TimelineSlice &s = v[i];
                if (!counted(s))
                    continue;
                Sum &sum = at(keyOf(s), side);
                ++sum.count;
                sum.total += s.dur;
                sum.self += s.dur;
                sum.min = std::min<qint64>(sum.min, s.dur);
                if (s.dur > sum.max) {
                    sum.max = s.dur;
                    sum.slowest = SliceRef{trackIndex, int(d), uint32_t(i)};
                }
            }
            if (lo < hi && d + 1 < track.depths.size())
                subtractChildren(v, lo, hi, track.depths[d + 1], side);
        }
        return true;
    }

    QVector<OperatorStats> rows() const
    {
        QVector<OperatorStats> out;
        out.reserve(qsizetype(m_sums.size()));
        qint64 selfBySide[4] = {0, 0, 0, 0}; // by side bits
        for (const Sum &s : m_sums)
            selfBySide[s.side] += s.self;
        for (const Sum &s : m_sums) {
            OperatorStats o;
            o.name = m_query.groups ? m_query.groups->labels[int(s.name)] : m_data.name(s.name);
            o.sides = s.side;
            o.count = s.count;
            o.totalNs = s.total;
            o.selfNs = s.self;
            o.minNs = s.min;
            o.maxNs = s.max;
            o.meanNs = double(s.total) / double(s.count);
            o.slowest = s.slowest;
            o.share = 0;
            out.append(std::move(o));
        }
        // Shares are of the same table: per side when split, else of everything.
        qint64 all = 0;
        for (qint64 v : selfBySide)
            all += v;
        for (OperatorStats &o : out) {
            const qint64 whole = m_query.splitSides ? selfBySide[o.sides] : all;
            o.share = whole > 0 ? double(o.selfNs) / double(whole) : 0.0;
        }
        return out;
    }

private:
    bool counted(const TimelineSlice &s) const
    {
        return m_query.wholeInput || overlaps(s, m_query.t0, m_query.t1);
    }

    // What a row is keyed by: the slice's name, or its group's label when grouping.
    uint32_t keyOf(const TimelineSlice &s) const
    {
        if (!m_query.groups)
            return s.name;
        return m_groups && s.rowId < m_groups->size() ? (*m_groups)[s.rowId] : 0;
    }

    Sum &at(uint32_t name, uint8_t side)
    {
        // Merged sides share the slot of the host side; the row's side bits say where it ran.
        const size_t key = size_t(name) * 2 + (m_query.splitSides && side == kDeviceSide ? 1 : 0);
        int32_t &slot = m_slot[key];
        if (slot < 0) {
            slot = int32_t(m_sums.size());
            m_sums.emplace_back();
            m_sums.back().name = name;
        }
        Sum &sum = m_sums[size_t(slot)];
        sum.side |= side;
        return sum;
    }

    // Takes each child's time inside its parent off the parent's self time, for the counted
    // parents among v[lo, hi). Children of one depth do not overlap, so they sum to at most the
    // parent's duration.
    void subtractChildren(const std::vector<TimelineSlice> &v, size_t lo, size_t hi,
                          const std::vector<TimelineSlice> &children, uint8_t side)
    {
        auto c = std::lower_bound(children.begin(), children.end(), v[lo].ts,
                                  [](const TimelineSlice &s, int64_t t) { return s.ts < t; });
        size_t p = lo;
        for (; c != children.end(); ++c) {
            while (p + 1 < hi && v[p + 1].ts <= c->ts)
                ++p;
            const TimelineSlice &parent = v[p];
            if (c->ts >= parent.end() && p + 1 >= hi)
                break; // past the last candidate parent
            if (!counted(parent) || c->ts < parent.ts)
                continue;
            const int64_t inside = std::min(c->end(), parent.end()) - c->ts;
            if (inside > 0)
                at(keyOf(parent), side).self -= inside;
        }
    }

    const TimelineData &m_data;
    const OperatorQuery &m_query;
    std::vector<int32_t> m_slot; // (name, side) → index in m_sums, -1: none yet
    std::vector<Sum> m_sums;
    const std::vector<uint32_t> *m_groups = nullptr; // the current track's cache's labels
    uint64_t m_seen = 0;
};

} // namespace

QVector<OperatorStats> operatorStats(const TimelineData &data, const OperatorQuery &query,
                                     const std::atomic<bool> *cancel)
{
    QVector<int> tracks = query.tracks;
    if (tracks.isEmpty()) {
        for (size_t t = 0; t < data.tracks().size(); ++t)
            tracks.append(int(t));
    }
    std::sort(tracks.begin(), tracks.end());
    tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end()); // count each once
    Accumulator sums(data, query);
    for (int t : std::as_const(tracks)) {
        if (t < 0 || size_t(t) >= data.tracks().size())
            continue;
        if (!sums.addTrack(t, cancel))
            return {};
    }
    QVector<OperatorStats> out = sums.rows();
    std::sort(out.begin(), out.end(), [](const OperatorStats &a, const OperatorStats &b) {
        if (a.totalNs != b.totalNs)
            return a.totalNs > b.totalNs;
        if (a.name != b.name)
            return a.name < b.name;
        return a.sides < b.sides;
    });
    return out;
}

} // namespace ts::model

#include "sliceplacer.h"

#include <algorithm>
#include <limits>

namespace ts::model {

namespace {

// A flow end bound by track and time, resolved during the sorted pass over the slices.
struct EndQuery
{
    int64_t ts;
    uint32_t track;
    uint32_t slot; // 2 × flow index + (0 out, 1 in)
    bool next;     // FlowBind::Next, else Enclosing
};

std::vector<EndQuery> endQueries(const std::vector<StagedFlow> &flows)
{
    std::vector<EndQuery> queries;
    queries.reserve(flows.size() * 2);
    for (uint32_t i = 0; i < flows.size(); ++i) {
        const StagedFlow &f = flows[i];
        if (f.outBind != rec::FlowBind::Sequence)
            queries.push_back({f.outKey, f.outTrack, 2 * i, f.outBind == rec::FlowBind::Next});
        if (f.inBind != rec::FlowBind::Sequence)
            queries.push_back({f.inKey, f.inTrack, 2 * i + 1, f.inBind == rec::FlowBind::Next});
    }
    // At one time, Next ends come first: they bind to the first slice starting there, while an
    // Enclosing end waits for every slice that starts at or before it.
    std::sort(queries.begin(), queries.end(), [](const EndQuery &a, const EndQuery &b) {
        if (a.track != b.track)
            return a.track < b.track;
        if (a.ts != b.ts)
            return a.ts < b.ts;
        return a.next > b.next;
    });
    return queries;
}

} // namespace

bool SlicePlacer::run(const std::function<Batch()> &spare,
                      const std::function<bool(Batch &&)> &deliver)
{
    if (!m_runs.finish()) {
        m_error = m_runs.error();
        return false;
    }
    const std::vector<EndQuery> queries = endQueries(m_flows);
    m_bound.assign(m_flows.size() * 2, 0);
    std::vector<uint32_t> finalIds(size_t(m_runs.count()), 0); // by arrival sequence

    struct Open
    {
        int64_t ts, end;
        uint32_t id;
    };
    std::vector<Open> stack;
    uint32_t currentTrack = 0;
    size_t q = 0;
    // The deepest open slice covering t: the last one started is on top, its ancestors below.
    auto enclosing = [&stack](int64_t t) -> uint32_t {
        for (auto it = stack.rbegin(); it != stack.rend(); ++it)
            if (it->ts <= t && t <= it->end)
                return it->id;
        return 0;
    };
    // Ends on tracks before `track` are final: Enclosing ones on the current track bind to
    // what is open at its end, everything else there has no slice.
    auto settleBefore = [&](uint32_t track) {
        for (; q < queries.size() && queries[q].track < track; ++q) {
            const EndQuery &e = queries[q];
            m_bound[e.slot] = e.track == currentTrack && !e.next ? enclosing(e.ts) : 0;
        }
    };
    Batch batch = spare();
    batch.reserve(kBatchSlices);
    StagedSlice s;
    uint32_t id = 0;
    while (m_runs.next(&s)) {
        ++id;
        if (s.track != currentTrack) {
            settleBefore(s.track);
            currentTrack = s.track;
            stack.clear();
        }
        for (; q < queries.size() && queries[q].track == s.track &&
               (queries[q].ts < s.ts || (queries[q].ts == s.ts && queries[q].next));
             ++q) {
            const EndQuery &e = queries[q];
            m_bound[e.slot] = e.next ? id : enclosing(e.ts);
        }
        // Pop what ended before this starts. A slice that starts inside another but ends after
        // it (bad nesting) still stacks one deeper: it is drawn, never dropped.
        while (!stack.empty() && stack.back().end <= s.ts)
            stack.pop_back();
        batch.push_back({s.ts, s.dur, s.argId, s.track, s.name, s.category, uint32_t(stack.size()),
                         stack.empty() ? 0 : stack.back().id});
        finalIds[s.sequence] = id;
        stack.push_back({s.ts, s.ts + s.dur, id});
        if (batch.size() == kBatchSlices) {
            if (!deliver(std::move(batch)))
                return false;
            batch = spare();
            batch.reserve(kBatchSlices);
        }
    }
    if (!m_runs.error().isEmpty()) {
        m_error = m_runs.error();
        return false;
    }
    if (!batch.empty() && !deliver(std::move(batch)))
        return false;
    settleBefore(std::numeric_limits<uint32_t>::max());
    for (; q < queries.size(); ++q) // track id UINT32_MAX: never a slice track
        m_bound[queries[q].slot] = 0;
    m_count = id;

    auto bySequence = [&finalIds](int64_t key) -> uint32_t {
        return uint64_t(key) < finalIds.size() ? finalIds[size_t(key)] : 0;
    };
    for (uint32_t i = 0; i < m_flows.size(); ++i) {
        const StagedFlow &f = m_flows[i];
        if (f.outBind == rec::FlowBind::Sequence)
            m_bound[2 * i] = bySequence(f.outKey);
        if (f.inBind == rec::FlowBind::Sequence)
            m_bound[2 * i + 1] = bySequence(f.inKey);
    }
    return true;
}

} // namespace ts::model

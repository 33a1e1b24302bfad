#include "sliceplacer.h"

#include <limits>

namespace ts::model {

bool SlicePlacer::failed(const QString &error)
{
    m_error = error;
    return false;
}

bool SlicePlacer::run(const std::function<Batch()> &spare,
                      const std::function<bool(Batch &&)> &deliver)
{
    if (!m_runs.finish())
        return failed(m_runs.error());
    if (!m_flows.startPlacing())
        return failed(m_flows.error());

    struct Open
    {
        int64_t ts, end;
        uint32_t id;
    };
    std::vector<Open> stack;
    uint32_t currentTrack = 0;
    TimeEnd end;
    bool haveEnd = m_flows.nextTimeEnd(&end);
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
        for (; haveEnd && end.track < track; haveEnd = m_flows.nextTimeEnd(&end))
            if (end.track == currentTrack && !end.next && !m_flows.bind(end, enclosing(end.ts)))
                return false;
        return true;
    };
    Batch batch = spare();
    batch.reserve(kBatchSlices);
    StagedSlice s;
    uint32_t id = 0;
    while (m_runs.next(&s)) {
        if ((id & 0xfff) == 0 && m_cancel && m_cancel->load())
            return failed(QStringLiteral("cancelled"));
        ++id;
        if (s.track != currentTrack) {
            if (!settleBefore(s.track))
                return failed(m_flows.error());
            currentTrack = s.track;
            stack.clear();
        }
        for (; haveEnd && end.track == s.track && (end.ts < s.ts || (end.ts == s.ts && end.next));
             haveEnd = m_flows.nextTimeEnd(&end))
            if (!m_flows.bind(end, end.next ? id : enclosing(end.ts)))
                return failed(m_flows.error());
        // Pop what ended before this starts. A slice that starts inside another but ends after
        // it (bad nesting) still stacks one deeper: it is drawn, never dropped.
        while (!stack.empty() && stack.back().end <= s.ts)
            stack.pop_back();
        batch.push_back({s.ts, s.dur, s.argId, s.track, s.name, s.category, uint32_t(stack.size()),
                         stack.empty() ? 0 : stack.back().id});
        if (!m_flows.placed(s.sequence, id))
            return failed(m_flows.error());
        stack.push_back({s.ts, s.ts + s.dur, id});
        if (batch.size() == kBatchSlices) {
            if (!deliver(std::move(batch)))
                return false;
            batch = spare();
            batch.reserve(kBatchSlices);
        }
    }
    if (!m_runs.error().isEmpty())
        return failed(m_runs.error());
    if (!batch.empty() && !deliver(std::move(batch)))
        return false;
    // Track UINT32_MAX is never a slice track: this settles every end left.
    if (!settleBefore(std::numeric_limits<uint32_t>::max()) || !m_flows.error().isEmpty() ||
        !m_flows.finishPlacing())
        return failed(m_flows.error());
    m_count = id;
    return true;
}

} // namespace ts::model

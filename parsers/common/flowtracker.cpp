#include "flowtracker.h"

namespace ts::parsers {

FlowTracker::Map::iterator FlowTracker::findOrAdd(Map &map, std::string_view key, bool *fresh)
{
    if (const auto it = map.find(key); it != map.end()) {
        *fresh = false;
        return it;
    }
    *fresh = true;
    return map.emplace(std::string(key), Pending{}).first;
}

void FlowTracker::completeIfPaired(Map &map, Map::iterator it)
{
    const Pending &p = it->second;
    if (!p.hasOut || !p.hasIn)
        return;
    m_sink.put(rec::FlowRec{p.out, p.in, p.name, p.category});
    ++m_pairs;
    map.erase(it);
}

void FlowTracker::start(std::string_view key, const rec::FlowEndpoint &at, uint32_t name,
                        uint32_t cat)
{
    bool fresh;
    const auto it = findOrAdd(m_v1, key, &fresh);
    if (!fresh && it->second.hasOut) {
        m_skips.add("duplicate flow start (same id)");
        return;
    }
    it->second.hasOut = true;
    it->second.out = at;
    it->second.name = name;
    it->second.category = cat;
    completeIfPaired(m_v1, it);
}

void FlowTracker::end(std::string_view key, const rec::FlowEndpoint &at)
{
    bool fresh;
    const auto it = findOrAdd(m_v1, key, &fresh);
    if (!fresh && it->second.hasIn) {
        m_skips.add("duplicate flow end (same id)");
        return;
    }
    it->second.hasIn = true;
    it->second.in = at;
    completeIfPaired(m_v1, it);
}

void FlowTracker::bindOut(std::string_view bindId, uint64_t sequence)
{
    bool fresh;
    const auto it = findOrAdd(m_v2, bindId, &fresh);
    it->second.hasOut = true;
    it->second.out = rec::FlowEndpoint{rec::FlowBind::Sequence, 0, 0, sequence};
    completeIfPaired(m_v2, it);
}

void FlowTracker::bindIn(std::string_view bindId, uint64_t sequence)
{
    bool fresh;
    const auto it = findOrAdd(m_v2, bindId, &fresh);
    it->second.hasIn = true;
    it->second.in = rec::FlowEndpoint{rec::FlowBind::Sequence, 0, 0, sequence};
    completeIfPaired(m_v2, it);
}

void FlowTracker::finish()
{
    for (const auto &[key, p] : m_v1)
        m_skips.add(p.hasOut ? "flow start without end" : "flow end without start");
    m_v1.clear();
    // v2 ends are fields of slices, not events of their own: an unpaired one is noted, not
    // counted as a skipped event.
    m_v2.clear();
}

} // namespace ts::parsers

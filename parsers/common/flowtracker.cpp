#include "flowtracker.h"

namespace ts::parsers {

void FlowTracker::completeIfPaired(std::unordered_map<std::string, Pending> &map,
                                   std::unordered_map<std::string, Pending>::iterator it)
{
    const Pending &p = it->second;
    if (!p.hasOut || !p.hasIn)
        return;
    m_sink.put(rec::FlowRec{p.out, p.in, p.name, p.category});
    ++m_pairs;
    map.erase(it);
}

void FlowTracker::start(const std::string &key, const rec::FlowEndpoint &at, uint32_t name,
                        uint32_t cat)
{
    auto [it, fresh] = m_v1.try_emplace(key);
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

void FlowTracker::end(const std::string &key, const rec::FlowEndpoint &at)
{
    auto [it, fresh] = m_v1.try_emplace(key);
    if (!fresh && it->second.hasIn) {
        m_skips.add("duplicate flow end (same id)");
        return;
    }
    it->second.hasIn = true;
    it->second.in = at;
    completeIfPaired(m_v1, it);
}

void FlowTracker::bindOut(const std::string &bindId, uint64_t sequence)
{
    auto [it, fresh] = m_v2.try_emplace(bindId);
    it->second.hasOut = true;
    it->second.out = rec::FlowEndpoint{rec::FlowBind::Sequence, 0, 0, sequence};
    completeIfPaired(m_v2, it);
}

void FlowTracker::bindIn(const std::string &bindId, uint64_t sequence)
{
    auto [it, fresh] = m_v2.try_emplace(bindId);
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

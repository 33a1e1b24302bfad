#include "blockpairing.h"

#include <algorithm>

namespace ts::model {

namespace {

constexpr int32_t kNoDevice = -1;

} // namespace

bool BlockPairing::add(const PairingEvent &e)
{
    const Key key{e.pid, e.type, e.ptr};
    if (e.malloc) {
        ++m_counts.blocks;
        m_live[key].push_back(e);
        return true;
    }
    const auto it = m_live.find(key);
    if (it == m_live.end()) {
        ++m_counts.orphanFrees;
        return m_onOrphan(e);
    }
    std::vector<PairingEvent> &live = it->second;
    const int32_t device = e.device == kNoDevice ? live.back().device : e.device;
    const auto ends = [device](const PairingEvent &a) { return a.device == device; };
    if (std::none_of(live.begin(), live.end(), ends)) {
        ++m_counts.orphanFrees;
        return m_onOrphan(e);
    }
    bool ok = true;
    for (const PairingEvent &a : live) {
        if (ends(a) && ok) {
            ++m_counts.freed;
            ok = m_onBlock(PairedBlock{a, e.event, e.ts});
        }
    }
    live.erase(std::remove_if(live.begin(), live.end(), ends), live.end());
    if (live.empty())
        m_live.erase(it);
    return ok;
}

bool BlockPairing::finish()
{
    // Reported in MALLOC order, so the leaked rows of the cache read in time order.
    std::vector<PairingEvent> leaked;
    for (const auto &[key, live] : m_live)
        leaked.insert(leaked.end(), live.begin(), live.end());
    m_live.clear();
    std::sort(leaked.begin(), leaked.end(), [](const PairingEvent &a, const PairingEvent &b) {
        return a.ts != b.ts ? a.ts < b.ts : a.event < b.event;
    });
    for (const PairingEvent &a : leaked) {
        PairedBlock b{a, -1, -1};
        ++m_counts.leaked;
        m_counts.leakedBytes += b.bytes();
        if (!m_onBlock(b))
            return false;
    }
    return true;
}

} // namespace ts::model

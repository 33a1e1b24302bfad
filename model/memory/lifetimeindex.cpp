#include "lifetimeindex.h"

#include <algorithm>
#include <numeric>

namespace ts::model {

void LifetimeIndex::build(std::vector<int64_t> begins, std::vector<int64_t> ends)
{
    const size_t n = std::min(begins.size(), ends.size());
    begins.resize(n);
    ends.resize(n);
    m_ends = std::move(ends);
    m_startOrder.resize(n);
    std::iota(m_startOrder.begin(), m_startOrder.end(), 0u);
    std::stable_sort(m_startOrder.begin(), m_startOrder.end(),
                     [&](uint32_t a, uint32_t b) { return begins[a] < begins[b]; });
    m_startBegin.resize(n);
    for (size_t p = 0; p < n; ++p)
        m_startBegin[p] = begins[m_startOrder[p]];
    std::vector<uint32_t> endOrder(n);
    std::iota(endOrder.begin(), endOrder.end(), 0u);
    std::stable_sort(endOrder.begin(), endOrder.end(),
                     [&](uint32_t a, uint32_t b) { return m_ends[a] < m_ends[b]; });

    // One sweep over the moments in order, keeping the alive set with O(1) removal.
    constexpr uint32_t kAbsent = UINT32_MAX;
    std::vector<uint32_t> position(n, kAbsent);
    std::vector<uint32_t> alive;
    m_checkpoints.clear();
    size_t p = 0, q = 0;
    int64_t at = n ? m_startBegin[0] : 0;
    for (;;) {
        for (; p < n && m_startBegin[p] <= at; ++p) {
            const uint32_t i = m_startOrder[p];
            if (m_ends[i] > begins[i]) {
                position[i] = uint32_t(alive.size());
                alive.push_back(i);
            }
        }
        for (; q < n && m_ends[endOrder[q]] <= at; ++q) {
            const uint32_t i = endOrder[q];
            if (position[i] == kAbsent)
                continue; // never alive
            const uint32_t last = alive.back();
            alive[position[i]] = last;
            position[last] = position[i];
            alive.pop_back();
            position[i] = kAbsent;
        }
        m_checkpoints.push_back(Checkpoint{at, p, alive});
        if (p >= n)
            break;
        const size_t spacing = std::max<size_t>(kMinSpacing, alive.size());
        at = m_startBegin[std::min(n - 1, p + spacing - 1)]; // > at: every begin <= at is in
    }
}

std::vector<uint32_t> LifetimeIndex::aliveAt(int64_t k) const
{
    std::vector<uint32_t> out;
    if (m_checkpoints.empty() || k < m_checkpoints.front().at)
        return out;
    const auto cp = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), k,
                                     [](int64_t v, const Checkpoint &c) { return v < c.at; }) -
                    1;
    out.reserve(cp->alive.size() + 64);
    for (uint32_t i : cp->alive) {
        if (m_ends[i] > k)
            out.push_back(i);
    }
    for (size_t p = cp->firstStart; p < m_startBegin.size() && m_startBegin[p] <= k; ++p) {
        const uint32_t i = m_startOrder[p];
        if (m_ends[i] > k) // an item ending before it begins fails here too
            out.push_back(i);
    }
    return out;
}

} // namespace ts::model

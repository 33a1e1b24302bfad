#include "allocationstacking.h"

#include <algorithm>

namespace ts::model {

AllocationStacking::AllocationStacking(const MemoryDevice &device, MemoryAxis axis)
    : m_device(device), m_axis(axis)
{
    const size_t n = device.allocations.size();
    m_byStart.resize(n);
    for (size_t i = 0; i < n; ++i)
        m_byStart[i] = uint32_t(i);
    m_byEnd = m_byStart;
    // Allocations arrive nearly in start order already (only those from before the trace, which
    // start at its start, are out of place), so this sort is cheap.
    std::stable_sort(m_byStart.begin(), m_byStart.end(),
                     [this](uint32_t a, uint32_t b) { return stacksBelow(a, b); });
    const auto &all = device.allocations;
    std::stable_sort(m_byEnd.begin(), m_byEnd.end(), [&](uint32_t a, uint32_t b) {
        return all[a].end(m_axis) < all[b].end(m_axis);
    });
}

bool AllocationStacking::stacksBelow(uint32_t a, uint32_t b) const
{
    const int64_t sa = m_device.allocations[a].start(m_axis);
    const int64_t sb = m_device.allocations[b].start(m_axis);
    return sa != sb ? sa < sb : a < b;
}

std::vector<uint32_t> AllocationStacking::stackAt(int64_t x) const
{
    // A scan rather than a sweep: one hover or click, not a paint.
    std::vector<uint32_t> out;
    const auto &all = m_device.allocations;
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].isLiveAt(m_axis, x))
            out.push_back(uint32_t(i));
    }
    std::sort(out.begin(), out.end(), [this](uint32_t a, uint32_t b) { return stacksBelow(a, b); });
    return out;
}

std::optional<StackHit> AllocationStacking::hitAt(int64_t x, uint64_t bytes) const
{
    uint64_t base = 0;
    for (uint32_t i : stackAt(x)) {
        const uint64_t size = m_device.allocations[i].size;
        if (bytes < base + size)
            return StackHit{i, base};
        base += size;
    }
    return std::nullopt;
}

std::vector<int64_t> AllocationStacking::columnMoments(int64_t x0, int64_t x1, int columns) const
{
    std::vector<int64_t> out;
    if (columns <= 0 || x1 <= x0)
        return out;
    out.reserve(size_t(columns));
    const MemoryCurve &c = m_device.allocated[int(m_axis)];
    const __int128 width = __int128(x1) - x0;
    size_t p = size_t(std::upper_bound(c.x.begin(), c.x.end(), x0) - c.x.begin());
    for (int col = 0; col < columns; ++col) {
        const int64_t a = int64_t(x0 + width * col / columns);
        const int64_t b = std::max(a + 1, int64_t(x0 + width * (col + 1) / columns));
        // In force at a: the last point at or before it. Points after a and before b compete.
        while (p < c.x.size() && c.x[p] <= a)
            ++p;
        int64_t best = p == 0 ? 0 : c.value[p - 1];
        int64_t at = a;
        for (; p < c.x.size() && c.x[p] < b; ++p) {
            if (c.value[p] > best) {
                best = c.value[p];
                at = c.x[p];
            }
        }
        out.push_back(at);
    }
    return out;
}

void AllocationStacking::sweep(const std::vector<int64_t> &moments, const StackVisitor &visit) const
{
    const auto &all = m_device.allocations;
    const uint32_t n = uint32_t(all.size());
    const uint32_t head = n; // sentinel of a circular list in stacking order
    std::vector<uint32_t> prev(n + 1, head), next(n + 1, head);
    size_t s = 0, e = 0;
    std::vector<uint32_t> stack;
    bool first = true;
    for (size_t col = 0; col < moments.size(); ++col) {
        const int64_t x = moments[col];
        bool changed = first;
        first = false;
        // Live at x: started at or before x, not ended at or before it. An empty interval (or
        // a torn one, whose times run backwards) is never live, as in isLiveAt.
        for (; s < m_byStart.size() && all[m_byStart[s]].start(m_axis) <= x; ++s) {
            const uint32_t i = m_byStart[s];
            if (all[i].end(m_axis) <= all[i].start(m_axis))
                continue;
            prev[i] = prev[head];
            next[i] = head;
            next[prev[head]] = i;
            prev[head] = i;
            changed = true;
        }
        for (; e < m_byEnd.size() && all[m_byEnd[e]].end(m_axis) <= x; ++e) {
            const uint32_t i = m_byEnd[e];
            if (all[i].end(m_axis) <= all[i].start(m_axis))
                continue; // never went in
            next[prev[i]] = next[i];
            prev[next[i]] = prev[i];
            changed = true;
        }
        if (changed) {
            stack.clear();
            for (uint32_t i = next[head]; i != head; i = next[i])
                stack.push_back(i);
        }
        visit(int(col), stack, changed);
    }
}

} // namespace ts::model

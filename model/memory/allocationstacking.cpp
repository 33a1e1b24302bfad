#include "allocationstacking.h"

#include <algorithm>

namespace ts::model {

namespace {

// Allocation indexes ordered by key(i), ties by index. Sorting (key, index) pairs keeps the
// comparisons on contiguous memory: twice as fast as sorting indexes through the allocations.
template <typename Key> std::vector<uint32_t> orderBy(size_t n, Key key)
{
    std::vector<std::pair<int64_t, uint32_t>> keyed(n);
    for (size_t i = 0; i < n; ++i)
        keyed[i] = {key(uint32_t(i)), uint32_t(i)};
    // Mostly in order already: allocations arrive by start, and most end soon after.
    if (!std::is_sorted(keyed.begin(), keyed.end()))
        std::sort(keyed.begin(), keyed.end());
    std::vector<uint32_t> out(n);
    for (size_t i = 0; i < n; ++i)
        out[i] = keyed[i].second;
    return out;
}

} // namespace

AllocationStacking::AllocationStacking(const MemoryDevice &device, MemoryAxis axis)
    : m_device(device), m_axis(axis)
{
    const auto &all = device.allocations;
    const size_t n = all.size();
    m_byStart = orderBy(n, [&](uint32_t i) { return all[i].start(axis); });
    m_byEnd = orderBy(n, [&](uint32_t i) { return all[i].end(axis); });
    m_position.resize(n);
    for (size_t p = 0; p < n; ++p)
        m_position[m_byStart[p]] = uint32_t(p);
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
    std::optional<StackHit> hit;
    sweep({x}, [&](int, const Column &stack, bool) { hit = stack.find(bytes); });
    return hit;
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

std::optional<StackHit> AllocationStacking::Column::find(uint64_t bytes) const
{
    // Fenwick descent: the first stacking position whose running total exceeds `bytes`.
    size_t pos = 0;
    uint64_t rest = bytes;
    for (size_t step = m_topStep; step > 0; step >>= 1) {
        if (pos + step < m_tree.size() && m_tree[pos + step] <= rest) {
            pos += step;
            rest -= m_tree[pos];
        }
    }
    if (pos >= m_owner->m_byStart.size())
        return std::nullopt;
    return StackHit{m_owner->m_byStart[pos], bytes - rest};
}

uint64_t AllocationStacking::Column::total() const
{
    uint64_t sum = 0;
    for (size_t i = m_tree.size() - 1; i > 0; i -= i & (~i + 1))
        sum += m_tree[i];
    return sum;
}

void AllocationStacking::sweep(const std::vector<int64_t> &moments,
                               const ColumnVisitor &visit) const
{
    if (moments.empty())
        return;
    const auto &all = m_device.allocations;
    const size_t n = all.size();
    const auto live = [&](uint32_t i, int64_t x) { return all[i].isLiveAt(m_axis, x); };
    const auto sizeOf = [&](uint32_t i) { return all[i].size; };

    // The first moment's stack in one linear build, rather than replaying everything before it.
    Column column;
    column.m_owner = this;
    column.m_tree.assign(n + 1, 0);
    column.m_topStep = 1;
    while (column.m_topStep * 2 <= n)
        column.m_topStep *= 2;
    const int64_t first = moments.front();
    for (size_t p = 0; p < n; ++p) {
        const uint32_t i = m_byStart[p];
        column.m_tree[p + 1] += live(i, first) ? sizeOf(i) : 0;
        const size_t parent = (p + 1) + ((p + 1) & (~(p + 1) + 1));
        if (parent <= n)
            column.m_tree[parent] += column.m_tree[p + 1];
    }
    auto add = [&](uint32_t i, uint64_t bytes) { // wraps: adding −size is a subtraction
        for (size_t k = size_t(m_position[i]) + 1; k <= n; k += k & (~k + 1))
            column.m_tree[k] += bytes;
    };
    const auto startsBy = [&](int64_t x) {
        return size_t(std::partition_point(m_byStart.begin(), m_byStart.end(),
                                           [&](uint32_t i) { return all[i].start(m_axis) <= x; }) -
                      m_byStart.begin());
    };
    // m_byStart is in start order; m_byEnd in end order.
    size_t s = startsBy(first);
    size_t e =
        size_t(std::partition_point(m_byEnd.begin(), m_byEnd.end(),
                                    [&](uint32_t i) { return all[i].end(m_axis) <= first; }) -
               m_byEnd.begin());
    visit(0, column, true);
    for (size_t col = 1; col < moments.size(); ++col) {
        const int64_t x = moments[col];
        bool changed = false;
        // Live at x: started at or before x, not ended at or before it. An empty interval (or
        // a torn one, whose times run backwards) is never live, as in isLiveAt.
        for (; s < n && all[m_byStart[s]].start(m_axis) <= x; ++s) {
            const uint32_t i = m_byStart[s];
            if (all[i].end(m_axis) > all[i].start(m_axis) &&
                all[i].end(m_axis) > moments[col - 1]) {
                add(i, sizeOf(i));
                changed = true;
            }
        }
        for (; e < n && all[m_byEnd[e]].end(m_axis) <= x; ++e) {
            const uint32_t i = m_byEnd[e];
            // In the tree only if it started by the previous moment or on the way here.
            if (all[i].end(m_axis) > all[i].start(m_axis) &&
                all[i].end(m_axis) > moments[col - 1]) {
                add(i, uint64_t(0) - sizeOf(i));
                changed = true;
            }
        }
        visit(int(col), column, changed);
    }
}

} // namespace ts::model

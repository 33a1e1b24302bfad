// MemoryCurve's queries and the curve-building helpers of curvebuilding.h.
#include "memory/curvebuilding.h"

#include <algorithm>
#include <limits>

namespace ts::model {

int64_t MemoryCurve::at(int64_t xAt) const
{
    const auto it = std::upper_bound(x.begin(), x.end(), xAt);
    return it == x.begin() ? 0 : value[size_t(it - x.begin()) - 1];
}

void MemoryCurve::buildTree()
{
    const size_t n = value.size();
    treeMin.assign(2 * n, 0);
    treeMax.assign(2 * n, 0);
    for (size_t i = 0; i < n; ++i)
        treeMin[n + i] = treeMax[n + i] = value[i];
    for (size_t i = n; i-- > 1;) {
        treeMin[i] = std::min(treeMin[2 * i], treeMin[2 * i + 1]);
        treeMax[i] = std::max(treeMax[2 * i], treeMax[2 * i + 1]);
    }
}

void MemoryCurve::range(size_t first, size_t last, int64_t *lo, int64_t *hi) const
{
    int64_t mn = std::numeric_limits<int64_t>::max(), mx = std::numeric_limits<int64_t>::lowest();
    const size_t n = value.size();
    for (size_t l = first + n, r = last + n + 1; l < r; l /= 2, r /= 2) {
        if (l & 1) {
            mn = std::min(mn, treeMin[l]);
            mx = std::max(mx, treeMax[l]);
            ++l;
        }
        if (r & 1) {
            --r;
            mn = std::min(mn, treeMin[r]);
            mx = std::max(mx, treeMax[r]);
        }
    }
    *lo = mn;
    *hi = mx;
}

MemoryCurve curveOfDeltas(std::vector<CurveDelta> deltas)
{
    const auto byX = [](const CurveDelta &a, const CurveDelta &b) { return a.x < b.x; };
    if (!std::is_sorted(deltas.begin(), deltas.end(), byX))
        std::stable_sort(deltas.begin(), deltas.end(), byX);
    MemoryCurve c;
    int64_t total = 0;
    for (const CurveDelta &d : deltas) {
        total += d.bytes;
        appendPoint(c, d.x, total);
    }
    c.buildTree();
    return c;
}

MemoryPeak peakOf(const MemoryCurve &c)
{
    MemoryPeak p;
    for (size_t i = 0; i < c.value.size(); ++i) {
        if (c.value[i] > p.bytes || i == 0) {
            p.bytes = std::max<int64_t>(c.value[i], 0);
            p.x = c.x[i];
        }
    }
    return p;
}

} // namespace ts::model

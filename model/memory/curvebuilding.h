#pragma once
// Building MemoryCurves (memorytimeline.h) and their peaks, for the snapshot and the profiler
// loaders alike. A curve is built by appending points in x order; the readers' trees come last.

#include "memory/memorytimeline.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ts::model {

struct CurveDelta
{
    int64_t x;
    int64_t bytes;
};

// Appends (x, value); a point at the same x as the last one replaces its value (the total after
// everything that happened there). x must not decrease.
inline void appendPoint(MemoryCurve &c, int64_t x, int64_t value)
{
    if (!c.x.empty() && c.x.back() == x) {
        c.value.back() = value;
    } else {
        c.x.push_back(x);
        c.value.push_back(value);
    }
}

// The running total of deltas in any order (equal x keep their order), one point per x.
MemoryCurve curveOfDeltas(std::vector<CurveDelta> deltas);

// The Sequence axis of sources that have times only: each distinct time's rank, so curves and
// bands placed by it agree. add() every time, finish(), then of().
class SeqAxis
{
public:
    void add(int64_t t) { m_times.push_back(t); }
    void finish()
    {
        std::sort(m_times.begin(), m_times.end());
        m_times.erase(std::unique(m_times.begin(), m_times.end()), m_times.end());
    }
    int64_t of(int64_t t) const
    {
        return int64_t(std::lower_bound(m_times.begin(), m_times.end(), t) - m_times.begin());
    }
    int64_t count() const { return int64_t(m_times.size()); }
    int64_t first() const { return m_times.front(); }
    int64_t last() const { return m_times.back(); }
    bool empty() const { return m_times.empty(); }

private:
    std::vector<int64_t> m_times;
};

// The highest value (never below 0) and the first x where it is reached.
MemoryPeak peakOf(const MemoryCurve &c);

} // namespace ts::model

#pragma once
// Building MemoryCurves (memorytimeline.h) and their peaks, for the snapshot and the profiler
// loaders alike. A curve is built by appending points in x order; the readers' trees come last.

#include "memory/memorytimeline.h"

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

// The highest value (never below 0) and the first x where it is reached.
MemoryPeak peakOf(const MemoryCurve &c);

} // namespace ts::model

#pragma once
// Nanoseconds ↔ pixels for the content area of the timeline (right of the track names). Doubles
// only here, for screen positions; times themselves stay int64 ns.

#include <cmath>
#include <cstdint>

namespace ts::views {

struct TimeMapping
{
    int64_t t0 = 0;   // time at the left edge of the content area
    int64_t t1 = 1;   // time at the right edge
    double left = 0;  // x of the content area's left edge
    double width = 1; // content area width in pixels

    double nsPerPixel() const { return double(t1 - t0) / std::max(width, 1.0); }
    double x(int64_t t) const { return left + double(t - t0) / nsPerPixel(); }
    int64_t time(double x) const { return t0 + int64_t(std::llround((x - left) * nsPerPixel())); }
};

} // namespace ts::views

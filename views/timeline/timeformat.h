#pragma once
// Time as people read it on a profiler's ruler: durations in the largest unit that keeps a
// readable number (ns, µs, ms, s), and ruler steps of 1, 2 or 5 of a power of ten so labels land
// on round values. Pure functions: the ruler, the details pane and the tests share them.

#include <QString>

#include <cstdint>

namespace ts::views {

// "850 ns", "12.4 µs", "3.05 ms", "1.200 s"
QString formatDuration(int64_t ns);

// A position on the ruler, relative to the trace's start, with the precision the step needs:
// "+12.345 ms" for step 1 µs shows three decimals of ms.
QString formatOffset(int64_t ns, int64_t stepNs);

// The smallest 1·2·5×10^k ns step whose ticks lie at least minPixels apart.
int64_t rulerStep(double nsPerPixel, double minPixels);

} // namespace ts::views

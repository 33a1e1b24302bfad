#pragma once
// The units of HCCL's communication analysis (JSON and analysis.db alike): times in ms, sizes in
// MB of 10^6 bytes (20.97152 MB is 20971520 bytes), bandwidth in GB/s, ratios 0…1. Converted to
// the record stream's ns and bytes here, once for both readers; -1 (the records' "none") for a
// value that is negative, not finite or beyond any real run.

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace ts::parsers::comm {

inline int64_t msToNs(double ms)
{
    return std::isfinite(ms) && ms >= 0 && ms < 1e12 ? std::llround(ms * 1e6) : -1;
}
inline int64_t mbToBytes(double mb)
{
    return std::isfinite(mb) && mb >= 0 && mb < 1e10 ? std::llround(mb * 1e6) : -1;
}
inline double bandwidth(double gbPerS)
{
    return std::isfinite(gbPerS) && gbPerS >= 0 && gbPerS < 1e6 ? gbPerS : -1;
}
// A ratio a hair above 1 is rounding in the file; anything further is no ratio.
inline double ratio(double r)
{
    return std::isfinite(r) && r >= 0 && r <= 1.0 + 1e-9 ? std::min(r, 1.0) : -1;
}
// Start timestamps: µs since the epoch, as a number (analysis.db stores them as REAL).
inline int64_t usToNs(double us)
{
    return std::isfinite(us) && us >= 0 && us < 4e18 / 1000 ? std::llround(us * 1000) : -1;
}

} // namespace ts::parsers::comm

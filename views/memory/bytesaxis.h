#pragma once
// Steps for a bytes axis that land on round values in the unit people read: 1, 2 or 5 × 10^k
// of a power of 1024 (B, KiB, MiB, GiB…), so labels read "64 MiB", "128 MiB", not "67.84 MiB".

namespace ts::views {

// The smallest such step at least `minBytes` wide (at least 1).
double byteStep(double minBytes);

} // namespace ts::views

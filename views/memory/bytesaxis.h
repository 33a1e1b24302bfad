#pragma once
// Steps for a bytes axis that land on round values in the unit people read: 1, 2 or 5 × 10^k
// of a power of 1024 (B, KiB, MiB, GiB…), so labels read "64 MiB", "128 MiB", not "67.84 MiB".
// The unit is the one the axis's top is shown in: every label of one axis reads round in it.

namespace ts::views {

// The smallest such step at least `minBytes` wide, in the unit the axis's `topBytes` is shown
// in (so a KiB axis steps by 0.5 KiB rather than 500 B); at least 1 byte.
double byteStep(double minBytes, double topBytes);

} // namespace ts::views

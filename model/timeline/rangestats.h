#pragma once
// The summary of a range selection: for a time range and a set of tracks, the slices that
// overlap the range, grouped by name (issue 4's Shift-drag table).
//
// Overlap follows TimelineData::overlapping(): a slice counts when it shares time with
// [t0, t1) (a zero-length slice when its instant lies inside). Durations are the slices' full
// durations, NOT clipped to the range: a 100 ms slice that pokes 1 ms into the selection adds
// 100 ms to its name's total — what the user sees listed is whole slices.
//
// Cost follows the number of overlapping slices (binary search per depth, then a walk): run it
// off the GUI thread for a range over millions of slices.

#include "timeline/operatorstats.h"

namespace ts::model {

// One row of the range table: a name's figures, host and device together.
using NameStats = OperatorStats;

// Sorted by total time, longest first (then by name). Track indexes out of range are ignored.
QVector<NameStats> rangeStats(const TimelineData &data, const QVector<int> &tracks, int64_t t0,
                              int64_t t1);

} // namespace ts::model

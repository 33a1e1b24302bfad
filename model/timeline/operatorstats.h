#pragma once
// Where the time went, per operator (issue 13's Operators view, `--stats operators`, and the
// timeline's Shift-drag range table): for every slice name, how many slices, their total, self,
// mean, min and max durations and their share — over the whole input or the slices overlapping
// a time range, CPU-side operators and device kernels apart or together.
//
// Computed from what the timeline already holds in memory (TimelineData: every X event and
// matched B/E pair of every track, per track and depth, sorted), so it reads no cache. Self
// time is a slice's duration less that of its direct children: the slices one depth deeper on
// the same track that start within it, each clipped to the parent's end (a child that outlives
// its parent, bad nesting, takes away only the part inside). A child's parent is the last slice
// of the depth above that starts at or before it — how the cache writer nests them — so one
// walk over two sorted arrays finds every parent, with no per-slice table.
//
// Range: a slice counts when it overlaps [t0, t1) (TimelineData::overlapping()), with its full
// duration and its full self time: what is listed is whole slices. Cost follows the counted
// slices and their children (binary search per depth, then a walk): run it in a worker.

#include "timeline/slicegroups.h"
#include "timeline/timelinedata.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <cstdint>

namespace ts::model {

// Where a row's slices ran (TimelineTrack::device): a bit set, so a row that merges both says so.
enum OperatorSide : uint8_t { kHostSide = 1, kDeviceSide = 2 };

struct OperatorStats
{
    QString name;
    uint8_t sides = 0; // OperatorSide bits
    qint64 count = 0;
    qint64 totalNs = 0; // sum of full durations
    qint64 selfNs = 0;  // sum of self times
    qint64 minNs = 0, maxNs = 0;
    double meanNs = 0; // totalNs / count
    double share = 0;  // selfNs / the self time of every row of the table (of its side, when
                       // sides are split): 0..1, the rows' shares add up to 1 (per side)
    SliceRef slowest;  // the longest slice (the first of equals)
};

struct OperatorQuery
{
    bool wholeInput = true; // false: only slices overlapping [t0, t1)
    int64_t t0 = 0, t1 = 0;
    QVector<int> tracks;    // track indexes; empty: every track (each counted once anyway)
    bool splitSides = true; // one row per (name, side); false: one row per name
    // Set: one row per group (category, or name and input shapes) instead of per name
    // (OperatorStats::name holds the group's label).
    const SliceGroups *groups = nullptr;
};

// Sorted by total time, longest first, then by name (then host before device). Empty when
// *cancel became true meanwhile.
QVector<OperatorStats> operatorStats(const TimelineData &data, const OperatorQuery &query,
                                     const std::atomic<bool> *cancel = nullptr);

} // namespace ts::model

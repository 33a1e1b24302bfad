#pragma once
// The slices as they arrive from the child, unsorted (a trace is not ordered per thread), and
// their external sort into (track, ts, dur DESC, arrival) order: the order the placer numbers
// and nests them in.

#include "cache/externalsort.h"

#include <cstdint>

namespace ts::model {

struct StagedSlice
{
    int64_t ts;
    int64_t dur;
    int64_t argId; // 0: none
    uint32_t track;
    uint32_t name;
    uint32_t category;
    uint32_t sequence; // arrival order, 0-based
};

struct StagedBefore
{
    bool operator()(const StagedSlice &a, const StagedSlice &b) const
    {
        if (a.track != b.track)
            return a.track < b.track;
        if (a.ts != b.ts)
            return a.ts < b.ts;
        if (a.dur != b.dur)
            return a.dur > b.dur; // the longer one encloses the shorter at the same start
        return a.sequence < b.sequence;
    }
};

using SliceRuns = ExternalSort<StagedSlice, StagedBefore>;

} // namespace ts::model

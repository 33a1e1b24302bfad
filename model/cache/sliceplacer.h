#pragma once
// Places the staged slices once all have arrived: merges the sorted runs (sliceruns.h), numbers
// the slices 1, 2, … in (track, ts, dur DESC, arrival) order, gives each its depth and parent
// from the nesting on its track, and binds every flow end to its slice (flowends.h) — ends
// given as a track and a time during that same pass, ends given as an arrival sequence number
// after it. Plain computation without SQLite: CacheWriter runs it on a thread of its own, taking
// the placed slices in batches and writing one while the next is placed.

#include "cache/flowends.h"
#include "cache/sliceruns.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace ts::model {

// A placed slice; its id is its position in the order the placer hands them out (from 1).
struct PlacedSlice
{
    int64_t ts, dur, argId; // argId 0: none
    uint32_t track, name, category, depth;
    uint32_t parent; // slice id, 0: none
};

class SlicePlacer
{
public:
    static constexpr size_t kBatchSlices = 16384;

    SlicePlacer(SliceRuns &runs, FlowEnds &flows) : m_runs(runs), m_flows(flows) {}
    // Once *flag is set, run() stops within a few thousand slices (error() "cancelled").
    void setCancelFlag(const std::atomic<bool> *flag) { m_cancel = flag; }

    // Hands out every slice in id order, in batches filled from `spare` (which may hand back
    // emptied ones); stops when `deliver` returns false. True when every slice was placed and
    // delivered; else error() says why (empty: delivery stopped).
    using Batch = std::vector<PlacedSlice>;
    bool run(const std::function<Batch()> &spare, const std::function<bool(Batch &&)> &deliver);

    // After run(), the flows' ends are bound: FlowEnds::nextFlow() hands them out.
    uint32_t count() const { return m_count; }
    QString error() const { return m_error; }

private:
    bool failed(const QString &error);

    SliceRuns &m_runs;
    FlowEnds &m_flows;
    const std::atomic<bool> *m_cancel = nullptr;
    uint32_t m_count = 0;
    QString m_error;
};

} // namespace ts::model

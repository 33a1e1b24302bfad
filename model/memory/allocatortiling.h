#pragma once
// One moment of the allocator laid out: the active blocks placed in the segments reserved then,
// the free space between them made into Free blocks, and the totals (AllocatorTotals). Apart
// from AllocatorState so the rules for bad input can be tested on hand-made moments:
//  - a block belongs to the segment its address falls in; one that starts in no segment goes to
//    a synthetic kSegmentUnknown segment, one per run of touching or overlapping such blocks
//    (never free space, never counted as reserved);
//  - a block overlapping an earlier one is kept and both are flagged kBlockOverlaps; one running
//    past its segment's end is flagged kBlockPastSegment and cut there for the free space.

#include "memory/allocatorstate.h"

namespace ts::model {

// segments: the known segments alive at seq, by address, without blocks. blocks: the active
// blocks, any order.
AllocatorMoment layOutMoment(int64_t seq, std::vector<AllocatorSegment> segments,
                             std::vector<AllocatorBlock> blocks);

} // namespace ts::model

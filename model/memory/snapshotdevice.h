#pragma once
// Builds one device of the memory timeline from its snapshot trace (see memorytimeline.h for
// what a MemoryDevice holds and how frees are matched to allocs).
//
// Cost is linear in the events but for a trace whose times go backwards: the allocations are
// matched in one pass with a flat address table, and both axes' allocated curves are running
// totals of per-event deltas, because events arrive in seq order and, nearly always, in time
// order too. Only when times go backwards is the Time curve sorted.

#include "memory/memoryevent.h"
#include "memory/memorytimeline.h"

#include <vector>

namespace ts::model {

// events: the device's trace without markers, in seq order, at most kMaxDeviceEvents; times of
// untimed events are filled in here. reservedAtDump: what the dump's segments of the device
// reserve (the reserved curve's end). annotations: the device's, x[Time] set, in ts order;
// x[Sequence] is found here, and they are dropped when the trace has no times to place them.
MemoryDevice buildSnapshotDevice(int device, std::vector<MemoryEvent> &events,
                                 int64_t reservedAtDump, std::vector<MemoryAnnotation> annotations);

} // namespace ts::model

#pragma once
// Blocks the dump holds that no trace event accounts for: allocated before recording began (or
// whose alloc went unrecorded) and still alive at the dump. PyTorch's memory_viz shows them
// from the trace's start; so do we, so the allocated curve, the stacked bands and the allocator
// state agree on what was allocated at every moment.
//
// A block at an address the trace last freed at event k began after k (the allocator reused the
// address without a recorded alloc); any other began before the trace. Either way it never ends.

#include "memory/memorytimeline.h"

#include <cstdint>
#include <vector>

namespace ts::model {

class Database;

struct DumpBlock
{
    uint64_t address = 0;
    uint64_t size = 0; // bytes requested (the block's size when the dump gives no request)
    uint64_t stream = 0;
    qint64 stackId = 0;
};

// The active blocks (allocated or pending free) of every device's dump, by device.
bool readDumpBlocks(const Database &db, QHash<int, std::vector<DumpBlock>> *out, QString *error);

// Adds the blocks that no allocation alive at the trace's end stands for to d as allocations
// (never freed), with the curves, peaks and neverFreed list to match.
void addDumpOnlyBlocks(MemoryDevice &d, const std::vector<DumpBlock> &blocks);

// A device the dump holds segments for but whose trace recorded nothing (a snapshot taken
// without _record_memory_history, or an OOM dump): one moment, [0, 1) on both axes, with every
// active block as an allocation alive then and the reserved total of its segments, so the
// Memory view still shows what filled the device, block by block.
MemoryDevice dumpOnlyDevice(int device, int64_t reservedAtDump,
                            const std::vector<DumpBlock> &blocks);

} // namespace ts::model

#pragma once
// Memory devices (memory/memorytimeline.h) from the msMemScope tables of one or more caches (the
// dumps of one msmemscope_* folder), so the Memory view shows a dump like any other source: one
// device per (device, allocator) — "NPU 0 · PTA", "Host · HOST_PINNED" — whose bands are the
// blocks of blockpairing.h (a leaked block lasts to the end of the data and is "never freed"; a
// FREE with no block is memory allocated before recording, a band from the start to it), and
// whose allocated curve is the running sum of its bands, with its peak. A block's "stack" is its
// owner, then the MALLOC's Python and C call stacks, then the FREE's.
//
// The Sequence axis counts the distinct times of the device's blocks in order.

#include "memory/memorytimeline.h"

#include <QStringList>

#include <vector>

namespace ts::model {

class Database;
class MemoryStacks;

// The caches of one dump or folder of dumps.
struct MemScopeSources
{
    QStringList caches;
};

// Whether a cache holds msMemScope rows.
bool hasMemScopeData(const Database &db);

// Appends the devices (keys from firstKey on); their stacks go into *stacks. False with *error
// when a cache cannot be read.
bool loadMemScopeMemory(const MemScopeSources &sources, int firstKey,
                        std::vector<MemoryDevice> *out, MemoryStacks *stacks, QString *error);

} // namespace ts::model

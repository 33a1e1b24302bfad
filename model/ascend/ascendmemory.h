#pragma once
// Memory devices (memory/memorytimeline.h) from the Ascend tables of one or more caches, so the
// Memory view shows Ascend memory like any other source: one device per (rank, NPU, component)
// of memory_record with its allocated and reserved totals as step curves (bytes); and the
// operator allocations of operator_memory as bands on the rank's NPU — on its PTA series (the
// framework allocator they come from), else on a device of their own whose allocated curve is
// the running sum of the bands. An allocation without a release time lasts to the end (never
// freed in the window); a negative size is a release whose allocation came before the window
// (it starts at the start). Each allocation's "stack" is one frame: its operator's name.
//
// The Sequence axis counts the device's distinct times in order, so curves and bands agree.

#include "memory/memorytimeline.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace ts::model {

class Database;
class MemoryStacks;

struct AscendMemorySource
{
    QString cachePath;
    QString title; // the rank's ("Rank 0 · NPU 0"); empty: "NPU n"
};

// Appends the devices of every source (their keys from firstKey on, in order); the operator
// names go into *names as one-frame stacks. False with *error when a cache cannot be read.
bool loadAscendMemory(const QList<AscendMemorySource> &sources, int firstKey,
                      std::vector<MemoryDevice> *out, MemoryStacks *names, QString *error);

} // namespace ts::model

#pragma once
// Reads the device traces of a snapshot cache for MemoryTimeline: every mem_event row except the
// oom and snapshot markers (the ooms are kept on the side), grouped by device (ascending), each
// device's in seq order. Packed rows (mem_event_pack) are read as blobs; the rows after the last
// pack — or every row, in a cache written without packs — one by one. Packs are checked like every
// cache input: a pack whose ids, counts, sizes or records do not fit makes the cache unusable (an
// error, never a guess and never a read out of bounds).

#include "cache/sqlite.h"
#include "memory/memoryevent.h"

#include <QString>

#include <vector>

namespace ts::model {

// Events of one device are numbered with 32 bits while its timeline is built.
inline constexpr size_t kMaxDeviceEvents = size_t(1) << 31;

struct DeviceEvents
{
    int device = 0;
    std::vector<MemoryEvent> events;
    std::vector<MemoryEvent> ooms; // the oom markers, kept apart: where the device ran out
};

bool readMemoryEvents(const Database &db, std::vector<DeviceEvents> *out, QString *error);

} // namespace ts::model

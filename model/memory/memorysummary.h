#pragma once
// The counts of a cache's memory tables, for the headless import's JSON line and the Memory
// view's header: "segments", "blocks", "memory_events" (every device-trace entry imported),
// "frames" (distinct (name, file, line)) and "devices" (distinct devices that have a segment or
// a trace entry). present is false when the cache has no memory tables or they are empty of
// everything (a trace file, not a snapshot).

#include "cache/sqlite.h"

#include <QString>

namespace ts::model {

struct MemorySummary
{
    bool present = false;
    qint64 segments = 0, blocks = 0, memoryEvents = 0, frames = 0, stacks = 0, annotations = 0,
           devices = 0;

    static MemorySummary fromDatabase(const Database &db);
    // Opens the cache read-only (defensive, like every reader) just for the counts.
    static MemorySummary fromCache(const QString &cachePath, QString *error = nullptr);

    MemorySummary &operator+=(const MemorySummary &o);
};

} // namespace ts::model

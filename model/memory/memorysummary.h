#pragma once
// The counts of a cache's memory tables, for the headless import's JSON line and the Memory
// view's header: "segments", "blocks", "memory_events" (every device-trace entry imported),
// "frames" (distinct (name, file, line)) and "devices" (distinct devices that have a segment or
// a trace entry). present is false when the cache has no memory tables or they are empty of
// everything (a trace file, not a snapshot). profilerSeries: the cache holds a PyTorch Profiler
// trace's [memory] totals (profilermemory.h), which the Memory view shows too.

#include "cache/sqlite.h"

#include <QString>

namespace ts::model {

struct MemorySummary
{
    bool present = false;
    bool profilerSeries = false;
    qint64 segments = 0, blocks = 0, memoryEvents = 0, frames = 0, stacks = 0, annotations = 0,
           devices = 0;

    // Whether the Memory view has anything to show for the cache.
    bool hasMemoryView() const { return present || profilerSeries; }

    static MemorySummary fromDatabase(const Database &db);
    // Opens the cache read-only (defensive, like every reader) just for the counts.
    static MemorySummary fromCache(const QString &cachePath, QString *error = nullptr);
    // present and profilerSeries only, the counts left 0: a few indexed lookups instead of
    // counting millions of rows, for deciding whether to show the Memory view.
    static MemorySummary presence(const Database &db);
    static MemorySummary presenceInCache(const QString &cachePath, QString *error = nullptr);

    MemorySummary &operator+=(const MemorySummary &o);
};

} // namespace ts::model

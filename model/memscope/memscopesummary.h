#pragma once
// The counts of a cache's msMemScope tables, for the headless import's JSON line and the Memory
// view: "memory_events" (every row of the dump imported), "blocks" (MALLOC rows), "leaked_blocks"
// and "leaked_bytes" (blocks never freed, by blockpairing.h), and the FREEs that ended no block.
// present is false for a cache without msMemScope rows (any other input, or an older cache).

#include "cache/sqlite.h"

#include <QString>

namespace ts::model {

struct MemScopeSummary
{
    bool present = false;
    qint64 events = 0, blocks = 0, leakedBlocks = 0, leakedBytes = 0, orphanFrees = 0;

    static MemScopeSummary fromDatabase(const Database &db);
    static MemScopeSummary fromCache(const QString &cachePath, QString *error = nullptr);
    MemScopeSummary &operator+=(const MemScopeSummary &o);
};

} // namespace ts::model

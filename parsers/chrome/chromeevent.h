#pragma once
// One trace event as the SAX layer collected it: raw texts, not yet interpreted. Reused for
// every event (clear() keeps the capacity) so a large trace allocates almost nothing per event.

#include "argscalars.h"
#include "common/tracktracker.h"
#include "timestamp.h"

#include <string>

namespace ts::parsers {

struct ChromeEvent
{
    char ph = 0;
    bool hasPh = false;
    std::string name, cat;
    bool hasName = false;
    TraceId pid, tid;
    ParsedTime ts, dur; // converted as they arrive: their text is not kept
    bool hasTs = false, hasDur = false;
    std::string id, bp, scope, bindId;
    bool hasId = false, hasBindId = false, flowIn = false, flowOut = false;
    std::string args;         // "args" as written (JSON object text), empty when absent or {}
    uint64_t argsTooLong = 0; // bytes of an "args" too long to keep (then args is empty)
    bool argsTooDeep = false;
    // The top-level scalars of "args", when the reader knew it would need them as it met them
    // (ph or name came first: counters, metadata, [memory]); else read from `args` on demand.
    ArgScalars scalars;
    bool hasScalars = false;

    void clear()
    {
        ph = 0;
        hasPh = hasName = hasTs = hasDur = hasId = hasBindId = flowIn = flowOut = false;
        argsTooDeep = false;
        argsTooLong = 0;
        hasScalars = false;
        name.clear();
        cat.clear();
        pid = TraceId{};
        tid = TraceId{};
        id.clear();
        bp.clear();
        scope.clear();
        bindId.clear();
        args.clear();
    }
};

} // namespace ts::parsers

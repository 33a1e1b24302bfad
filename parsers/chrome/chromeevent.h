#pragma once
// One trace event as the SAX layer collected it: raw texts, not yet interpreted. Reused for
// every event (clear() keeps the capacity) so a large trace allocates almost nothing per event.

#include "common/tracktracker.h"

#include <string>

namespace ts::parsers {

struct ChromeEvent
{
    char ph = 0;
    bool hasPh = false;
    std::string name, cat;
    bool hasName = false;
    TraceId pid, tid;
    std::string ts, dur;
    bool hasTs = false, hasDur = false;
    std::string id, bp, scope, bindId;
    bool hasId = false, hasBindId = false, flowIn = false, flowOut = false;
    std::string args;         // "args" as written (JSON object text), empty when absent or {}
    uint64_t argsTooLong = 0; // bytes of an "args" too long to keep (then args is empty)
    bool argsTooDeep = false;

    void clear()
    {
        ph = 0;
        hasPh = hasName = hasTs = hasDur = hasId = hasBindId = flowIn = flowOut = false;
        argsTooDeep = false;
        argsTooLong = 0;
        name.clear();
        cat.clear();
        pid = TraceId{};
        tid = TraceId{};
        ts.clear();
        dur.clear();
        id.clear();
        bp.clear();
        scope.clear();
        bindId.clear();
        args.clear();
    }
};

} // namespace ts::parsers

#pragma once
// One trace event as the SAX layer collected it: raw texts, not yet interpreted. Reused for
// every event (clear() keeps the capacity) so a large trace allocates almost nothing per event.

#include "common/tracktracker.h"

#include <string>
#include <utility>
#include <vector>

namespace ts::parsers {

struct ScalarMember
{
    std::string key;
    std::string value; // number text or string contents
    bool isString = false;
};

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
    std::string args; // compact JSON text of "args", empty when absent
    bool argsTooDeep = false;
    std::vector<ScalarMember> argScalars; // top-level scalar members of "args"
    size_t argScalarCount = 0;            // valid entries of argScalars (the rest is reuse)

    const ScalarMember *arg(std::string_view key) const
    {
        for (size_t i = 0; i < argScalarCount; ++i)
            if (argScalars[i].key == key)
                return &argScalars[i];
        return nullptr;
    }

    void clear()
    {
        ph = 0;
        hasPh = hasName = hasTs = hasDur = hasId = hasBindId = flowIn = flowOut = false;
        argsTooDeep = false;
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
        argScalarCount = 0;
    }
};

} // namespace ts::parsers

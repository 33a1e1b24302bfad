#pragma once
// Pairs flow ends. v1 (s/f events) pairs by category and id — ids kept as text, since 19-digit
// ids occur and a double would merge them — in whatever order the ends arrive; v2 pairs slices
// carrying bind_id with flow_out / flow_in. A pair becomes one Flow record; whatever is left
// unpaired at the end is counted by reason (orphans are normal in real traces).

#include "records/recordformat.h"
#include "recordsink.h"
#include "skipcounter.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace ts::parsers {

class FlowTracker
{
public:
    FlowTracker(RecordSink &sink, SkipCounter &skips) : m_sink(sink), m_skips(skips) {}

    void start(std::string_view key, const rec::FlowEndpoint &at, uint32_t name, uint32_t cat);
    void end(std::string_view key, const rec::FlowEndpoint &at);
    // v2: the slice with this sequence number starts (out) or ends (in) the flow `bindId`.
    void bindOut(std::string_view bindId, uint64_t sequence);
    void bindIn(std::string_view bindId, uint64_t sequence);
    void finish(); // counts orphans

    uint64_t pairs() const { return m_pairs; }

private:
    struct Pending
    {
        bool hasOut = false, hasIn = false;
        rec::FlowEndpoint out, in;
        uint32_t name = 0, category = 0;
    };
    struct Hash // looks keys up as views: no string is built for an end that pairs
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Map = std::unordered_map<std::string, Pending, Hash, std::equal_to<>>;
    static Map::iterator findOrAdd(Map &map, std::string_view key, bool *fresh);
    void completeIfPaired(Map &map, Map::iterator it);

    RecordSink &m_sink;
    SkipCounter &m_skips;
    Map m_v1;
    Map m_v2;
    uint64_t m_pairs = 0;
};

} // namespace ts::parsers

#pragma once
// Interns the frames and stacks of a memory snapshot so each crosses the pipe once. A snapshot
// repeats the same frame dicts ~50 times (shared through the pickle memo) and the same stacks
// many times (one frames list per entry): frames are looked up first by pickle object identity,
// then by content (name, file, line); a stack by its list of frame ids. Sends StackFrame and
// Stack records as new ones appear.

#include "common/recordsink.h"
#include "common/skipcounter.h"
#include "pickle/picklevalue.h"

#include <cstdint>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace ts::parsers {

class StackInterner
{
public:
    StackInterner(RecordSink &sink, SkipCounter &skips) : m_sink(sink), m_skips(skips) {}

    // A `frames` list (innermost first) → stack id; 0 for a missing, empty or non-list value.
    uint32_t stack(const PickleValue &frames);
    // One frame dict → frame id; 0 (and a skip count) when it is not a dict.
    uint32_t frame(const PickleValue &frame);

    uint32_t frameCount() const { return m_nextFrame - 1; }
    uint32_t stackCount() const { return m_nextStack - 1; }

private:
    struct KeyHash
    {
        size_t operator()(const std::tuple<uint32_t, uint32_t, int32_t> &k) const
        {
            return std::hash<uint64_t>{}((uint64_t(std::get<0>(k)) << 32) ^ std::get<1>(k) ^
                                         (uint64_t(uint32_t(std::get<2>(k))) << 17));
        }
    };

    RecordSink &m_sink;
    SkipCounter &m_skips;
    std::unordered_map<uint64_t, uint32_t> m_frameByObject;
    std::unordered_map<std::tuple<uint32_t, uint32_t, int32_t>, uint32_t, KeyHash> m_frameByKey;
    std::unordered_map<uint64_t, uint32_t> m_stackByObject;
    std::unordered_map<std::string, uint32_t> m_stackByFrames;
    std::vector<uint32_t> m_ids;
    std::string m_packed;
    uint32_t m_nextFrame = 1;
    uint32_t m_nextStack = 1;
};

} // namespace ts::parsers

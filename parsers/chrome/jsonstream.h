#pragma once
// A RapidJSON input stream over InputSource chunks, read where the source left them. It repairs
// one real-world defect, in a copy of the chunk that has it: raw control characters inside
// strings (a real 300 MB PyTorch trace has them; strict parsers refuse the whole file) become
// spaces, counted for a warning.
//
// It can also hand back the text of a value exactly as it was read (raw capture), so an event's
// "args" is kept as written instead of being re-serialised: the text is checked JSON already
// (the reader parsed it), and copying it costs a memcpy where writing it again cost a second
// pass over every token.

#include "common/inputsource.h"
#include "controlscan.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ts::parsers {

class JsonStream
{
public:
    using Ch = char;
    explicit JsonStream(InputSource &source) : m_source(source) {}

    Ch Peek()
    {
        if (m_cur == m_end && !refill())
            return '\0';
        return *m_cur;
    }
    Ch Take()
    {
        if (m_cur == m_end && !refill())
            return '\0';
        ++m_consumedBefore;
        return *m_cur++;
    }
    size_t Tell() const { return m_consumedBefore; }

    // Unused by the reader, required by the concept.
    Ch *PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    size_t PutEnd(Ch *) { return 0; }

    // Raw capture. beginRaw() when the next byte to be taken is the value's first one; endRaw()
    // when the next byte to be taken is its last one (RapidJSON calls StartObject and EndObject
    // with the brace still to be taken). The text returned is valid until the next Peek or Take.
    // A value longer than `cap` is not kept: endRaw() then returns an empty view and says how
    // long it was in *size.
    void beginRaw(size_t cap);
    std::string_view endRaw(uint64_t *size);

    bool failed() const { return !m_error.empty(); }
    const std::string &error() const { return m_error; }
    uint64_t repairedControlChars() const { return m_repaired; }
    uint64_t firstRepairOffset() const { return m_firstRepair; }

private:
    bool refill();

    InputSource &m_source;
    std::string m_chunk;
    const char *m_cur = nullptr;
    const char *m_end = nullptr;
    size_t m_consumedBefore = 0;
    uint64_t m_chunkStart = 0;
    bool m_eof = false;
    ControlScan m_scan;
    std::vector<size_t> m_hits; // of the chunk being read
    uint64_t m_repaired = 0;
    uint64_t m_firstRepair = 0;
    std::string m_error;

    bool m_rawActive = false;
    const char *m_rawFrom = nullptr; // start of the captured part in the current chunk
    std::string m_raw;               // captured parts of earlier chunks
    uint64_t m_rawSize = 0;          // bytes of the value so far (kept or not)
    size_t m_rawCap = 0;
};

} // namespace ts::parsers

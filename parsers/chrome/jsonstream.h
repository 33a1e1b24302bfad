#pragma once
// A RapidJSON input stream over InputSource chunks, read where the source left them. It repairs
// one real-world defect, in a copy of the chunk that has it: raw control characters inside
// strings (a real 300 MB PyTorch trace has them; strict parsers refuse the whole file) become
// spaces, counted for a warning.

#include "common/inputsource.h"

#include <cstddef>
#include <string>

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

    bool failed() const { return !m_error.empty(); }
    const std::string &error() const { return m_error; }
    uint64_t repairedControlChars() const { return m_repaired; }
    uint64_t firstRepairOffset() const { return m_firstRepair; }

private:
    bool refill();
    size_t scan(const char *data, size_t from, size_t size);

    InputSource &m_source;
    std::string m_chunk;
    const char *m_cur = nullptr;
    const char *m_end = nullptr;
    size_t m_consumedBefore = 0;
    uint64_t m_chunkStart = 0;
    bool m_eof = false;
    bool m_inString = false;
    bool m_escaped = false;
    uint64_t m_repaired = 0;
    uint64_t m_firstRepair = 0;
    std::string m_error;
};

} // namespace ts::parsers

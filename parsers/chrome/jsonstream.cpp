#include "jsonstream.h"

namespace ts::parsers {

bool JsonStream::refill()
{
    if (m_eof)
        return false;
    const char *data = nullptr;
    size_t size = 0;
    if (!m_source.next(data, size, m_error)) {
        m_eof = true;
        return false;
    }
    if (size == 0) {
        m_eof = true;
        return false;
    }
    m_chunkStart = m_consumedBefore;
    m_chunk.assign(data, size);
    repair(m_chunk.data(), m_chunk.size(), m_chunkStart);
    m_cur = m_chunk.data();
    m_end = m_cur + m_chunk.size();
    return true;
}

void JsonStream::repair(char *data, size_t size, uint64_t chunkOffset)
{
    bool inString = m_inString;
    bool escaped = m_escaped;
    for (size_t i = 0; i < size; ++i) {
        const char c = data[i];
        if (!inString) {
            inString = c == '"';
            continue;
        }
        if (escaped) {
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            inString = false;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            if (m_repaired++ == 0)
                m_firstRepair = chunkOffset + i;
            data[i] = ' ';
        }
    }
    m_inString = inString;
    m_escaped = escaped;
}

} // namespace ts::parsers

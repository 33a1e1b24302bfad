#include "jsonstream.h"

namespace ts::parsers {

void JsonStream::beginRaw(size_t cap)
{
    m_rawActive = true;
    m_rawFrom = m_cur;
    m_raw.clear();
    m_rawSize = 0;
    m_rawCap = cap;
}

std::string_view JsonStream::endRaw(uint64_t *size)
{
    m_rawActive = false;
    // The last byte is still to be taken: the value ends one past it (when the input is cut
    // short there is no such byte, and RapidJSON reports the error itself).
    const char *end = m_cur < m_end ? m_cur + 1 : m_cur;
    const size_t tail = size_t(end - m_rawFrom);
    *size = m_rawSize + tail;
    if (*size > m_rawCap)
        return {};
    if (m_raw.empty())
        return {m_rawFrom, tail};
    m_raw.append(m_rawFrom, tail);
    return m_raw;
}

bool JsonStream::refill()
{
    if (m_eof)
        return false;
    if (m_rawActive) {
        // The chunk is about to go: keep what the value has of it.
        const size_t part = size_t(m_end - m_rawFrom);
        m_rawSize += part;
        if (m_rawSize <= m_rawCap)
            m_raw.append(m_rawFrom, part);
        m_rawFrom = m_end;
    }
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
    // The source's chunk stays valid until the next call, which only comes once it is consumed:
    // it is read in place, and copied only in the rare chunk that needs a repair.
    m_hits.clear();
    m_scan.scan(data, size, [this](size_t at) { m_hits.push_back(at); });
    if (m_hits.empty()) {
        m_cur = data;
    } else {
        m_chunk.assign(data, size);
        for (const size_t at : m_hits) {
            if (m_repaired++ == 0)
                m_firstRepair = m_chunkStart + at;
            m_chunk[at] = ' ';
        }
        m_cur = m_chunk.data();
    }
    m_end = m_cur + size;
    m_rawFrom = m_cur;
    return true;
}

} // namespace ts::parsers

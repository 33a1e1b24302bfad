#include "bytesource.h"

#include "common/inputsource.h"

#include <algorithm>
#include <cstring>

namespace ts::parsers {

size_t MemoryByteSource::read(char *dst, size_t capacity)
{
    size_t n = std::min(capacity, m_bytes.size());
    if (m_maxChunk > 0)
        n = std::min(n, m_maxChunk);
    if (n > 0)
        std::memcpy(dst, m_bytes.data(), n);
    m_bytes.remove_prefix(n);
    return n;
}

size_t InputByteSource::read(char *dst, size_t capacity)
{
    while (m_size == 0) {
        if (m_end || !m_error.empty())
            return 0;
        if (!m_source.next(m_data, m_size, m_error)) {
            if (m_error.empty())
                m_error = "cannot read the input";
            m_size = 0;
            return 0;
        }
        if (m_size == 0)
            m_end = true;
    }
    const size_t n = std::min(capacity, m_size);
    std::memcpy(dst, m_data, n);
    m_data += n;
    m_size -= n;
    return n;
}

} // namespace ts::parsers

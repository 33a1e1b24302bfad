#include "jsonstream.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ts::parsers {

namespace {

// Index of the first '"', '\\' or control character in [from, size), or size.
size_t findStringSpecial(const char *data, size_t from, size_t size)
{
    size_t i = from;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F);
    for (; i + 16 <= size; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i));
        const __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                         _mm_cmpeq_epi8(_mm_max_epu8(v, control), control)); // v <= 0x1F
        if (const int mask = _mm_movemask_epi8(hit))
            return i + size_t(__builtin_ctz(unsigned(mask)));
    }
#endif
    for (; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (c == '"' || c == '\\' || c < 0x20)
            return i;
    }
    return size;
}

} // namespace

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
    // The source's chunk stays valid until the next call, which only comes once it is consumed:
    // it is read in place, and copied only in the rare chunk that needs a repair.
    size_t at = scan(data, 0, size);
    if (at == size) {
        m_cur = data;
    } else {
        m_chunk.assign(data, size);
        char *copy = m_chunk.data();
        do {
            if (m_repaired++ == 0)
                m_firstRepair = m_chunkStart + at;
            copy[at] = ' ';
            at = scan(copy, at + 1, size);
        } while (at != size);
        m_cur = copy;
    }
    m_end = m_cur + size;
    return true;
}

// Follows the string state from `from` on; returns the index of the first raw control
// character inside a string (state left just before it), or size.
size_t JsonStream::scan(const char *data, size_t from, size_t size)
{
    size_t i = from;
    while (i < size) {
        if (!m_inString) {
            const void *q = std::memchr(data + i, '"', size - i);
            if (!q)
                return size;
            i = size_t(static_cast<const char *>(q) - data) + 1;
            m_inString = true;
            continue;
        }
        if (m_escaped) {
            m_escaped = false;
            ++i;
            continue;
        }
        i = findStringSpecial(data, i, size);
        if (i == size)
            return size;
        const char c = data[i];
        if (c == '"')
            m_inString = false;
        else if (c == '\\')
            m_escaped = true;
        else
            return i; // a control character, left for the caller to repair
        ++i;
    }
    return size;
}

} // namespace ts::parsers

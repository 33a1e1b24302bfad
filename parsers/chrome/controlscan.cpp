#include "controlscan.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ts::parsers {

namespace {

struct Masks
{
    uint64_t quote = 0, backslash = 0, control = 0;
};

Masks classify(const char *p)
{
    Masks m;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F);
    for (int i = 0; i < 4; ++i) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i));
        const auto bits = [](__m128i eq) { return uint64_t(uint16_t(_mm_movemask_epi8(eq))); };
        m.quote |= bits(_mm_cmpeq_epi8(v, quote)) << (16 * i);
        m.backslash |= bits(_mm_cmpeq_epi8(v, backslash)) << (16 * i);
        // v <= 0x1F as unsigned bytes: max(v, 0x1F) == 0x1F.
        m.control |= bits(_mm_cmpeq_epi8(_mm_max_epu8(v, control), control)) << (16 * i);
    }
#else
    for (int i = 0; i < 64; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        m.quote |= uint64_t(c == '"') << i;
        m.backslash |= uint64_t(c == '\\') << i;
        m.control |= uint64_t(c < 0x20) << i;
    }
#endif
    return m;
}

// Bit i set when byte i is escaped: it follows an odd run of backslashes. A run that ends the
// block leaves its escape pending for the next (the classic carry-less way of simdjson's stage 1,
// written here from the idea: runs that start on an odd bit flip which bits they escape).
uint64_t escapedBytes(uint64_t backslash, uint64_t &escapeNext)
{
    constexpr uint64_t kEven = 0x5555555555555555ull;
    backslash &= ~escapeNext; // an escaped backslash starts no escape
    const uint64_t followsEscape = backslash << 1 | escapeNext;
    const uint64_t oddStarts = backslash & ~kEven & ~followsEscape;
    uint64_t evenStarts;
    escapeNext = __builtin_add_overflow(oddStarts, backslash, &evenStarts) ? 1 : 0;
    const uint64_t invert = evenStarts << 1;
    return (kEven ^ invert) & followsEscape;
}

// Bit i set when an odd number of bits at or below i are set.
uint64_t prefixXor(uint64_t x)
{
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

} // namespace

uint64_t ControlScan::block(const char *p, size_t n)
{
    char padded[64];
    if (n < 64) {
        // Spaces are none of the three classes: the padding keeps the string state as the last
        // byte left it. Only an escape pending at the end needs care (below).
        std::memset(padded, ' ', sizeof padded);
        std::memcpy(padded, p, n);
        p = padded;
    }
    const Masks m = classify(p);
    const uint64_t escaped = escapedBytes(m.backslash, m_escapeNext);
    if (n < 64)
        m_escapeNext = (escaped >> n) & 1; // a backslash at the end escapes the next call's first

    const uint64_t quotes = m.quote & ~escaped;
    // Inside: from an opening quote (included) to its closing quote (excluded).
    const uint64_t inside = prefixXor(quotes) ^ m_inString;
    m_inString = uint64_t(int64_t(inside) >> 63);
    // An escaped control byte is an invalid escape: RapidJSON reports it, nothing to repair.
    return m.control & inside & ~escaped;
}

} // namespace ts::parsers

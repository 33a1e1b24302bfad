#pragma once
// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF) for the import child,
// which repairs every string it sends with it (recordsink.cpp); the app checks what arrives with
// Qt's validator (model/records/utf8.cpp), which accepts exactly the same strings.
//
// Why our own here and not a library's (issue 15; tests/bench/utf8_bench.cpp, run as
// `build/bin/bench_utf8`; MB/s, medians of 7 interleaved passes over 200,000 strings each,
// three goes on 2026-12-02 with the shared 2-core machine at load 9.5-10):
//
//   MB/s                 ours          ICU U8_NEXT    libunistring u8_check   (Qt, for reference)
//   names (20-80 B)    489-660          393-507             215-361                515-562
//   args JSON (2 KB)  1219-1835         497-892             268-389               2014-2818
//   Chinese text       194-255          361-419             256-403                273-383
//
// Names and argument text, nearly all ASCII, are what traces hold by the million; there ours,
// which skips ASCII eight bytes at a time, is 1.3-2.5x ICU and 2-5x libunistring, and only
// text that is mostly Chinese goes faster through ICU. Qt's is faster still, but the child
// links no Qt (it is the sandboxed parser, kept small), so the app uses Qt's and the child this.
// (The pickle reader has its own check on purpose: it must accept lone surrogates as CPython's
// "surrogatepass" does.)

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ts::parsers {

// Length of the valid UTF-8 sequence at p (1–4), or 0 when there is none; p < end.
inline size_t utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    int extra;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
        extra = 1;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        extra = 2;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        extra = 3;
        cp = c & 0x07;
    } else {
        return 0; // continuation byte first, overlong lead (c0/c1) or beyond f4
    }
    if (end - p <= extra)
        return 0;
    for (int i = 1; i <= extra; ++i) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return size_t(extra) + 1;
}

// Bytes from the start of s that are valid UTF-8: s.size() when all of it is.
inline size_t validUtf8Prefix(std::string_view s)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(s.data());
    const auto *end = begin + s.size();
    const auto *p = begin;
    while (p < end) {
        // Nearly everything is ASCII: skip it eight bytes at a time.
        if (end - p >= 8) {
            uint64_t chunk;
            std::memcpy(&chunk, p, 8);
            if ((chunk & 0x8080808080808080ull) == 0) {
                p += 8;
                continue;
            }
        }
        const size_t n = utf8SequenceLength(p, end);
        if (n == 0)
            break;
        p += n;
    }
    return size_t(p - begin);
}

} // namespace ts::parsers

#pragma once
// Finds raw control characters (bytes below 0x20) inside JSON strings, 64 bytes at a time, for
// JsonStream's repair. Strict JSON forbids them there, some real traces have them, and finding
// them must cost next to nothing on the traces that do not: per block of 64 bytes it builds bit
// masks of quotes, backslashes and control bytes, works out which bytes are escaped and which lie
// inside a string with a few integer operations (no branch per byte or per string), and only
// a block with a hit is looked at more closely. The state (inside a string, escape pending)
// carries over from one call to the next, so the input may come in chunks of any size.

#include <cstddef>
#include <cstdint>

namespace ts::parsers {

class ControlScan
{
public:
    // Offsets of control bytes inside strings in data[0, size), reported in order through
    // onHit(offset); returns how many there were. The state advances to the end of data.
    template <typename OnHit> size_t scan(const char *data, size_t size, OnHit &&onHit)
    {
        size_t hits = 0;
        for (size_t at = 0; at < size; at += 64) {
            uint64_t found = block(data + at, size - at < 64 ? size - at : 64);
            for (; found; found &= found - 1, ++hits)
                onHit(at + size_t(__builtin_ctzll(found)));
        }
        return hits;
    }

private:
    // The hits of one block of n ≤ 64 bytes, as a bit mask (bit i: byte i).
    uint64_t block(const char *p, size_t n);

    uint64_t m_inString = 0;   // all ones when the previous block ended inside a string
    uint64_t m_escapeNext = 0; // 1 when the previous block ended on an unfinished escape
};

} // namespace ts::parsers

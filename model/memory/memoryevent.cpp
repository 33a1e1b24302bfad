#include "memoryevent.h"

#include "records/recordformat.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace ts::model {

namespace {

constexpr bool kLittleEndian = std::endian::native == std::endian::little;

template <typename T> unsigned char *putLe(unsigned char *p, T v)
{
    for (size_t i = 0; i < sizeof(T); ++i)
        *p++ = (uint64_t(v) >> (8 * i)) & 0xff;
    return p;
}

template <typename T> T getLe(const unsigned char *p)
{
    uint64_t v = 0;
    for (size_t i = sizeof(T); i-- > 0;)
        v = v << 8 | p[i];
    return T(v);
}

bool plausible(const MemoryEvent &e)
{
    return e.action >= uint8_t(rec::MemAction::Alloc) && e.action <= rec::kMaxMemAction &&
           (e.flags & ~(kEventTimed | kEventBeforeTrace)) == 0 && e.zero == 0;
}

} // namespace

void appendPacked(std::string &out, const MemoryEvent &e)
{
    // One append per record: the writer packs every event of a multi-GB snapshot.
    unsigned char b[kPackedEventBytes];
    unsigned char *p = putLe(b, e.seq);
    p = putLe(p, e.time);
    p = putLe(p, e.addr);
    p = putLe(p, e.size);
    p = putLe(p, e.stream);
    p = putLe(p, e.stack);
    p = putLe(p, e.action);
    p = putLe(p, e.flags);
    putLe(p, uint16_t(0));
    out.append(reinterpret_cast<const char *>(b), sizeof b);
}

bool unpackEvents(const unsigned char *bytes, size_t count, MemoryEvent *out)
{
    if constexpr (kLittleEndian) {
        std::memcpy(static_cast<void *>(out), bytes, count * kPackedEventBytes);
    } else {
        for (size_t i = 0; i < count; ++i) {
            const unsigned char *p = bytes + i * kPackedEventBytes;
            MemoryEvent &e = out[i];
            e.seq = getLe<int64_t>(p);
            e.time = getLe<int64_t>(p + 8);
            e.addr = getLe<uint64_t>(p + 16);
            e.size = getLe<uint64_t>(p + 24);
            e.stream = getLe<uint64_t>(p + 32);
            e.stack = getLe<uint32_t>(p + 40);
            e.action = p[44];
            e.flags = p[45];
            e.zero = getLe<uint16_t>(p + 46);
        }
    }
    return std::all_of(out, out + count, plausible);
}

} // namespace ts::model

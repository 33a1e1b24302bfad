#pragma once
// The memory behind a read pickle. Every value is a 4-byte PickleRef: a 4-bit tag and a 28-bit
// payload that is either the value itself (None, bools, ints in ±2^27) or an index into one of
// the tables below. A container is 8 bytes (where its items start, how many) plus 2 bytes of
// depth and flags; its items are PickleRefs, contiguous in a chunked arena. So a memoized
// object referenced 50 times costs 50 × 4 bytes, never 50 copies, and a reference costs less
// than the LONG_BINGET (5 bytes) that made it. Chunks never move: pointers into them stay valid.
//
// Invariants once PickleReader has returned: every container's items are final and contiguous;
// no container reaches itself (the reader refuses to add to a container once it has been put
// inside another, which is exactly what a cycle needs); depth(container) = 1 + the largest depth
// of its items (scalars 0), so a recursive walk is bounded by the reader's depth limit.

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ts::parsers {

using PickleRef = uint32_t;

enum PickleTag : uint32_t {
    kTagNone = 0,
    kTagBool = 1,   // payload 0/1
    kTagSmall = 2,  // payload: signed 28-bit int
    kTagInt64 = 3,  // words[payload]
    kTagUInt64 = 4, // words[payload], only values ≥ 2^63
    kTagFloat = 5,  // words[payload]: the bits of a double
    kTagString = 6, // blobs[payload]: UTF-8
    kTagBytes = 7,  // blobs[payload]
    kTagBigInt = 8, // blobs[payload]: minimal little-endian two's complement, beyond 64 bits
    kTagList = 9,   // containers[payload]
    kTagTuple = 10,
    kTagDict = 11, // items: key, value, key, value …
    kTagSet = 12,  // a set, kept as a list of its items in stream order
    kTagFrozenSet = 13,
};

constexpr PickleTag tagOf(PickleRef r)
{
    return PickleTag(r & 0xFu);
}
constexpr uint32_t payloadOf(PickleRef r)
{
    return r >> 4;
}
constexpr PickleRef makeRef(PickleTag tag, uint32_t payload)
{
    return (payload << 4) | tag;
}
constexpr int32_t smallOf(PickleRef r)
{
    return int32_t(r) >> 4;
}
constexpr bool isContainerTag(PickleTag t)
{
    return t >= kTagList;
}
constexpr uint32_t kMaxPayload = (1u << 28) - 1;
constexpr int64_t kSmallMin = -(int64_t(1) << 27);
constexpr int64_t kSmallMax = (int64_t(1) << 27) - 1;

// A vector that grows by fixed-size chunks: no reallocation copies (peak memory stays at the
// data size) and element addresses never change.
template <typename T, unsigned Bits> class ChunkedArray
{
public:
    static constexpr size_t kChunk = size_t(1) << Bits;
    size_t size() const { return m_size; }
    T &operator[](size_t i) { return m_chunks[i >> Bits][i & (kChunk - 1)]; }
    const T &operator[](size_t i) const { return m_chunks[i >> Bits][i & (kChunk - 1)]; }
    void push_back(const T &v)
    {
        if ((m_size & (kChunk - 1)) == 0 && (m_size >> Bits) == m_chunks.size())
            m_chunks.push_back(std::make_unique_for_overwrite<T[]>(kChunk));
        (*this)[m_size++] = v;
    }
    uint64_t bytes() const { return uint64_t(m_chunks.size()) * kChunk * sizeof(T); }

private:
    std::vector<std::unique_ptr<T[]>> m_chunks;
    size_t m_size = 0;
};

struct PickleContainer
{
    uint32_t items = 0; // arena index: chunk << 16 | offset
    uint32_t count = 0; // refs (a dict has two per pair)
};

class PickleStore
{
public:
    static constexpr unsigned kItemBits = 16;
    static constexpr uint32_t kItemChunk = 1u << kItemBits;
    static constexpr uint32_t kMaxItemChunks = 1u << 16;
    static constexpr size_t kCharChunk = size_t(1) << 20;
    static constexpr size_t kSmallBlob = size_t(64) << 10;

    // Container flags (high byte of info; the low byte is the depth).
    static constexpr uint16_t kSealed = 0x100;  // inside another container: no more items
    static constexpr uint16_t kSpilled = 0x200; // items are in m_spill while being built

    ChunkedArray<uint64_t, 12> words;
    ChunkedArray<const char *, 12> blobs; // each points at [u32 length][bytes]
    ChunkedArray<PickleContainer, 12> containers;
    ChunkedArray<uint16_t, 13> info;

    const PickleRef *items(uint32_t container) const
    {
        const PickleContainer &c = containers[container];
        return c.count ? m_itemChunks[c.items >> kItemBits].get() + (c.items & (kItemChunk - 1))
                       : nullptr;
    }
    static uint32_t blobLength(const char *blob)
    {
        uint32_t n;
        std::memcpy(&n, blob, 4);
        return n;
    }
    std::string_view blob(uint32_t index) const
    {
        const char *b = blobs[index];
        return {b + 4, blobLength(b)};
    }
    uint8_t depth(PickleRef r) const
    {
        return isContainerTag(tagOf(r)) ? uint8_t(info[payloadOf(r)] & 0xFF) : 0;
    }
    // Bytes held by the tables and arenas (what a size limit counts).
    uint64_t bytes() const
    {
        return words.bytes() + blobs.bytes() + containers.bytes() + info.bytes() + m_itemBytes +
               m_charBytes;
    }

    // Building (PickleReader). Each returns false when a fixed table limit is reached.
    bool allocItems(uint32_t n, uint32_t &index); // contiguous room for n refs
    PickleRef *itemPtr(uint32_t index)
    {
        return m_itemChunks[index >> kItemBits].get() + (index & (kItemChunk - 1));
    }
    // True if n more refs fit right after [index, index + count) (the arena's newest items).
    bool canExtend(uint32_t index, uint32_t count, uint32_t n) const;
    void extend(uint32_t n) { m_bumpPos += n; }
    // Room for a blob of n bytes (length prefix written); data goes at the returned pointer + 4.
    char *allocBlob(uint32_t n);
    // Takes over a blob assembled in a string (first 4 bytes: the length).
    const char *adoptBlob(std::unique_ptr<std::string> blob);

    std::vector<std::vector<PickleRef>> spill; // items of multi-batch containers being built
    std::vector<uint32_t> spillOwner;          // container of each spill slot

private:
    std::vector<std::unique_ptr<PickleRef[]>> m_itemChunks;
    uint32_t m_bumpChunk = 0; // chunk the small allocations go to
    uint32_t m_bumpPos = kItemChunk;
    uint32_t m_bumpCap = 0; // the first chunks are small, so a small pickle stays small
    bool m_haveBump = false;
    uint64_t m_itemBytes = 0;
    std::vector<std::unique_ptr<char[]>> m_charChunks;
    std::vector<std::unique_ptr<std::string>> m_bigBlobs;
    char *m_charPos = nullptr;
    size_t m_charLeft = 0;
    uint64_t m_charBytes = 0;
};

} // namespace ts::parsers

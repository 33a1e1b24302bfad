#pragma once
// The one place the msMemScope block rule lives (README "msMemScope dumps"):
//
//   A block is a MALLOC. It ends at the next FREE — in time order, ties by the file's ID — of the
//   same (Process Id, Event Type, Ptr) on the same device. A FREE whose Device Id is N/A (as
//   2025-04 files write every FREE) frees on the device of the latest live block of that key,
//   on any device. A FREE ends every live block of its key on its device: a pointer MALLOCed
//   again before its FREE was recorded (the free went unrecorded) ends with the later one, as
//   "the next FREE" of each. A FREE that ends no live block freed memory allocated before
//   recording began: an orphan, counted and kept, not an error. A block still live when the
//   data ends is leaked. Its size is the MALLOC's Attr size in bytes (its magnitude; 0 if none).
//
// The caller feeds MALLOC and FREE events in that order (time, then ID); memory holds only the
// live blocks. Plain data, no SQLite: the cache writer runs it over the cache's rows, and the
// tests run it over their own.

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace ts::model {

struct PairingEvent
{
    int64_t event = 0; // caller's id of the row (memscope_event.id)
    bool malloc = true;
    int64_t ts = 0;
    int64_t pid = -1;
    uint32_t type = 0; // Event Type (string id)
    uint64_t ptr = 0;
    int32_t device = -1; // -1: N/A (rec::kMemScopeNoDevice)
    int64_t size = 0;
    uint32_t owner = 0;
};

struct PairedBlock
{
    PairingEvent alloc;
    int64_t freeEvent = -1; // -1: leaked
    int64_t freeTs = -1;
    uint64_t bytes() const { return uint64_t(alloc.size < 0 ? -alloc.size : alloc.size); }
    bool leaked() const { return freeEvent < 0; }
};

struct PairingCounts
{
    uint64_t blocks = 0, freed = 0, leaked = 0, leakedBytes = 0, orphanFrees = 0;
};

class BlockPairing
{
public:
    using BlockFn = std::function<bool(const PairedBlock &)>;       // false stops
    using OrphanFn = std::function<bool(const PairingEvent &free)>; // false stops

    BlockPairing(BlockFn onBlock, OrphanFn onOrphan)
        : m_onBlock(std::move(onBlock)), m_onOrphan(std::move(onOrphan))
    {}
    // One event, in time order (ties by ID). False when a callback stopped.
    bool add(const PairingEvent &e);
    // The data has ended: every live block is reported as leaked, in MALLOC order.
    bool finish();
    const PairingCounts &counts() const { return m_counts; }

private:
    struct Key
    {
        int64_t pid;
        uint32_t type;
        uint64_t ptr;
        bool operator==(const Key &o) const
        {
            return pid == o.pid && type == o.type && ptr == o.ptr;
        }
    };
    struct KeyHash
    {
        size_t operator()(const Key &k) const
        {
            return std::hash<uint64_t>{}(k.ptr * 0x9e3779b97f4a7c15ull ^ uint64_t(k.pid) << 20 ^
                                         k.type);
        }
    };
    // The live blocks of one key, in MALLOC order (the latest last); usually one.
    std::unordered_map<Key, std::vector<PairingEvent>, KeyHash> m_live;
    BlockFn m_onBlock;
    OrphanFn m_onOrphan;
    PairingCounts m_counts;
};

} // namespace ts::model

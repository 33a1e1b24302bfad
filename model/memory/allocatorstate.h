#pragma once
// The caching allocator's state at any moment of a device trace: every segment with its blocks
// (allocated, pending free, free) and the totals, "after event seq k" for k from -1 (before the
// first event) to the last event. Built once by load() in a worker from a loaded MemoryTimeline
// and a few small queries; read-only afterwards, so at() may run on any thread.
//
// How a moment is known. The snapshot's segments and blocks (mem_segment / mem_block) are the
// state at dump time, after the last event; earlier states follow by undoing the trace from
// there, as PyTorch's memory_viz does. Undoing happens once, here: every block and segment
// becomes a lifetime [begin, end) in event seqs, and at(k) picks the ones alive at k.
//  - Blocks are MemoryTimeline's allocations (its alloc/free matching, its indexes), plus the
//    dump's active blocks that no trace event touches (allocated before the trace and never
//    freed in it: alive throughout).
//  - Segments come from undoing segment_alloc / segment_free / segment_map / segment_unmap
//    backwards from the dump's segments; what is left at the start existed before the trace.
//    Expandable segments are their mapped pieces, joined where they touch (same stream).
//  - Free space is what no active block covers inside a segment. The allocator merges free
//    neighbours, so a gap is exactly one of its free (inactive) blocks.
//
// Sizes: exact and derived. A trace entry records the size the caller requested (the
// allocator's record_trace passes orig_size on alloc and requested_size on frees), not the
// block's rounded size. So a block's size, and with it its rounding waste, is exact only where
// the dump holds the block (mem_block.size - requested_size). For every other block the size
// is derived: the allocator rounds a request up to a multiple of 512 bytes (at least 512)
// before anything else, so that much waste is certain; power-of-two rounding
// (roundup_power2_divisions) and an unsplit remainder may add more, which then reads as free.
// Derived sizes are flagged (kBlockSizeDerived) and counted apart (wasteDerived).
//
// "allocated" counts requested bytes, like the Memory view's curve and memory_viz: what the
// program holds, not what the allocator set aside for it (that adds the rounding waste).
//
// Inconsistent input never fails a query: a block outside every segment at that moment goes
// to a synthetic segment (kSegmentUnknown: not reserved memory we know of) made of touching
// blocks; overlapping blocks are all kept and counted; a segment the trace frees while a later
// one overlaps it ends the later one's life at that free (its segment_alloc was not recorded).
// Such repairs are counted in AllocatorMoment::totals and AllocatorState::repairs().

#include <QString>
#include <QVector>

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace ts::model {

class MemoryTimeline;

enum class AllocatorBlockState : uint8_t { Allocated = 1, PendingFree = 2, Free = 3 };

enum AllocatorBlockFlag : uint8_t {
    kBlockSizeDerived = 1,       // size from the allocator's rounding of the request, not the dump
    kBlockBeforeTrace = 2,       // allocated before the trace began
    kBlockOverlaps = 4,          // overlaps another active block at this moment (inconsistent)
    kBlockPastSegment = 8,       // runs past the end of its segment (inconsistent)
    kBlockRequestedUnknown = 16, // the dump gives no requested size (PyTorch 2.0): no waste claimed
};

struct AllocatorBlock
{
    uint64_t address = 0;       // bytes
    uint64_t size = 0;          // bytes the block spans (rounded; see kBlockSizeDerived)
    uint64_t requestedSize = 0; // bytes asked for; 0 for a free block
    uint64_t stream = 0;        // raw cudaStream_t
    int32_t allocation = -1;    // index in MemoryTimeline::allocations(device); -1: none (free,
                                // or a dump block no trace event touches)
    qint64 stackId = 0;         // stack.id where it was allocated, 0 = none
    AllocatorBlockState state = AllocatorBlockState::Free;
    uint8_t flags = 0; // AllocatorBlockFlag

    uint64_t waste() const { return size > requestedSize ? size - requestedSize : 0; }
    bool isActive() const { return state != AllocatorBlockState::Free; }
};

enum AllocatorSegmentFlag : uint8_t {
    kSegmentBeforeTrace = 1, // reserved before the first event (at least in part)
    kSegmentExpandable = 2,  // an expandable segment's mapped range
    kSegmentUnknown = 4,     // synthetic: blocks outside every known segment (not reserved)
};

struct AllocatorSegment
{
    uint64_t address = 0; // bytes
    uint64_t size = 0;    // bytes reserved (mapped, for an expandable one)
    uint64_t stream = 0;  // raw cudaStream_t
    int64_t since = -1;   // seq of the event that reserved it (its first piece); -1 before
    uint8_t flags = 0;    // AllocatorSegmentFlag
    // By address, covering [address, address + size) without gaps: free space is a Free block.
    // Overlapping active blocks (flagged) break the tiling; they are kept in address order.
    std::vector<AllocatorBlock> blocks;
    uint64_t largestFree = 0; // bytes
    uint64_t freeBytes = 0;   // bytes
};

// Totals over the known segments, except where said. Bytes.
struct AllocatorTotals
{
    int64_t allocated = 0;    // requested bytes of allocated blocks (unknown segments included)
    int64_t pendingFree = 0;  // requested bytes of blocks freed but waiting on other streams
    int64_t waste = 0;        // rounding waste of active blocks: size - requested
    int64_t wasteDerived = 0; // the part of waste from derived sizes (a lower bound there)
    int64_t reserved = 0;     // sum of segment sizes
    int64_t free = 0;         // bytes in free blocks
    int64_t largestFree = 0;  // the largest free block
    // 1 - largestFree / free, 0 without free space: the share of the cached free bytes that one
    // request cannot use. A block never spans free blocks or segments, so the largest request
    // the cache serves without a new cudaMalloc is largestFree: 1 GiB free as one block gives
    // 0; as 1024 pieces of 1 MiB, 0.999, and a 2 MiB request needs new device memory although
    // 1 GiB is free. (memory_viz's console figure, sum of squared gaps / reserved², mixes in how
    // full the segments are.) The small/large pool split is ignored (requests up to 1 MiB use
    // small segments only), which makes it optimistic for large requests.
    double fragmentation = 0;
    int segments = 0;          // known segments
    int activeBlocks = 0;      // allocated + pending free, unknown segments included
    int unknownBlocks = 0;     // active blocks outside every known segment
    int overlappingBlocks = 0; // active blocks overlapping another (inconsistent input)
};

struct AllocatorEvent
{
    int64_t seq = -1;
    int action = 0;       // mem_event.action: 1 alloc … 7 segment_unmap, 8 oom, 9 snapshot
    uint64_t address = 0; // bytes
    uint64_t size = 0;    // bytes (requested, for the block actions)
    int64_t time = std::numeric_limits<int64_t>::lowest(); // ns since the epoch; lowest: none
    int32_t allocation = -1; // the block's index in MemoryTimeline::allocations, -1: none
};

struct AllocatorMoment
{
    int64_t seq = -1;                       // the state after this event; -1 before the first
    std::vector<AllocatorSegment> segments; // by address; unknown segments among them
    AllocatorTotals totals;
};

// What the loader had to repair in the whole trace of a device (see the top comment).
struct AllocatorRepairs
{
    int segmentsWithoutAlloc = 0;  // alive after a free of an overlapping range: begun there
    int segmentsWithoutFree = 0;   // reserved in the trace, absent from the dump: kept to the end
    int blocksMissingFromDump = 0; // alive at the trace's end by the trace, not in the dump
    int blocksWithoutAlloc = 0;    // in the dump, at an address the trace last freed: begun there
    int stateMismatches = 0;       // allocated vs pending free: dump and trace disagree
};

class AllocatorState
{
public:
    AllocatorState();
    ~AllocatorState();
    AllocatorState(AllocatorState &&) noexcept;
    AllocatorState &operator=(AllocatorState &&) noexcept;

    // Builds every device's history from the cache the timeline was loaded from. For a worker
    // thread: it reads mem_segment, mem_block and mem_event once (one table scan, like the
    // timeline's). False with *error when the cache cannot be read.
    bool load(const QString &cachePath, std::shared_ptr<const MemoryTimeline> timeline,
              QString *error);

    const MemoryTimeline *timeline() const { return m_timeline.get(); }
    QVector<int> devices() const; // devices with segments or a trace, ascending

    // Moments run from -1 to lastSeq(device); lastSeq is -1 for a device without a trace (the
    // dump is its only moment).
    int64_t lastSeq(int device) const;
    int64_t eventCount(int device) const;
    bool hasTime(int device) const;
    int64_t firstTime(int device) const; // ns of the first timed event; lowest() without times
    // The event at seq: seq -1 (and time lowest()) for -1 or beyond the trace; action 0 for an
    // entry the import skipped.
    AllocatorEvent event(int device, int64_t seq) const;
    // The moment `steps` events after (before, if negative) seq, clamped to [-1, lastSeq].
    int64_t step(int device, int64_t seq, int64_t steps) const;
    // The last event at or before timeNs (ns since the epoch, as MemoryAxis::Time), -1 when
    // none: a click on a time axis as a moment. Without times (hasTime false) the Time axis is
    // the sequence already. Assumes times never decrease along the trace, as PyTorch writes them.
    int64_t seqAtTime(int device, int64_t timeNs) const;

    // The state after event seq (clamped to [-1, lastSeq]). Cost: O(L log L + C) for L blocks
    // alive then and C <= max(4096, L) block starts between checkpoints (lifetimeindex.h):
    // ~10 ms with 40 000 blocks alive in a 2 M-event trace, no cache access.
    AllocatorMoment at(int device, int64_t seq) const;

    AllocatorRepairs repairs(int device) const;

    struct Device; // per-device history; defined in allocatorstate.cpp

private:
    const Device *find(int device) const;

    std::shared_ptr<const MemoryTimeline> m_timeline;
    std::vector<Device> m_devices; // ascending by device
};

} // namespace ts::model

#pragma once
// Memory records of the child's stream (types 15–20 of recordformat.h): stack frames and
// interned stacks, and what a PyTorch CUDA memory snapshot holds — allocator segments and their
// blocks at dump time, the per-device trace of allocator events, and external annotations.
// Included at the end of recordformat.h; not meant to be included alone.
//
// Units and conventions: sizes and addresses are bytes (u64, an address is the raw device
// pointer, ≥ 2^63 allowed); times are int64 ns since the Unix epoch, -1 when the source has
// none; a `stack` field is a Stack id, 0 = no stack. Ids of frames, stacks and segments start at
// 1 and each new one is the next (as for strings); a frame or stack is sent once, before any
// record naming it.
//
//   StackFrame  u32 id, u32 name (string id), u32 file (string id), i32 line (0 = unknown)
//   Stack       u32 id, u32 count, count × u32 frame id — innermost frame first
//   MemSegment  u32 id, i32 device, u64 address, u64 totalSize, u64 allocatedSize,
//               u64 activeSize, u64 requestedSize, u64 stream (raw cudaStream_t, 0 = default),
//               u8 segmentType (SegmentType), u8 flags (SegmentFlag), i64 poolId0, i64 poolId1,
//               u32 stack (where the segment was cudaMalloc'd)
//   MemBlock    u32 segment, u64 address, u64 size (rounded), u64 requestedSize (asked for),
//               u8 state (BlockState), u32 stack — lies inside its segment
//   MemEvent    i32 device, u8 action (MemAction), u8 flags (MemEventFlag), u64 addr, u64 size,
//               u64 stream, i64 timeNs (-1 = none), u64 sequence (index of the entry in its
//               device's trace, from 0), u32 stack, u64 deviceFree (bytes; oom only, else 0),
//               u32 category (string id, 0 = none)
//   MemAnnotation  i32 device, u8 stage (AnnotationStage), i64 timeNs (-1 = none), u32 name

#include <string>
#include <vector>

namespace ts::rec {

inline constexpr uint32_t kMaxStackDepth = 4096;       // frames kept per stack (innermost)
inline constexpr uint64_t kMaxMemBytes = uint64_t(1) << 56; // sanity bound for any size
inline constexpr int32_t kMaxDevice = 4096;             // device indexes are 0 … kMaxDevice-1

enum class SegmentType : uint8_t { Unknown = 0, Large = 1, Small = 2 };
enum SegmentFlag : uint8_t { kSegmentExpandable = 1, kSegmentHasPoolId = 2 };
enum class BlockState : uint8_t {
    Unknown = 0,         // a state string this importer does not know
    ActiveAllocated = 1, // in use
    ActivePendingFree = 2, // freed by the caller, waiting on other streams
    Inactive = 3,        // free, cached by the allocator
};
enum class MemAction : uint8_t {
    Alloc = 1,
    FreeRequested = 2,
    FreeCompleted = 3,
    SegmentAlloc = 4,
    SegmentFree = 5,
    SegmentMap = 6,
    SegmentUnmap = 7,
    Oom = 8,
    Snapshot = 9,
};
inline constexpr uint8_t kMaxMemAction = 9;
enum MemEventFlag : uint8_t {
    kMemBeforeTrace = 1, // a free (or segment_free) whose alloc fell before recording began
};
enum class AnnotationStage : uint8_t { Start = 1, End = 2 };

struct StackFrameRec
{
    uint32_t id = 0;
    uint32_t name = 0;
    uint32_t file = 0;
    int32_t line = 0;
};
struct StackRec
{
    uint32_t id = 0;
    std::string_view frameBytes; // count × u32 LE frame ids, innermost first
    uint32_t count() const { return uint32_t(frameBytes.size() / 4); }
    uint32_t frame(uint32_t i) const
    {
        const auto *p = reinterpret_cast<const unsigned char *>(frameBytes.data()) + 4 * i;
        return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    }
    // Packs frame ids into `storage` and points frameBytes at it.
    void setFrames(const std::vector<uint32_t> &frames, std::string &storage)
    {
        storage.clear();
        for (const uint32_t f : frames)
            for (int i = 0; i < 4; ++i)
                storage.push_back(char((f >> (8 * i)) & 0xff));
        frameBytes = storage;
    }
};
struct MemSegmentRec
{
    uint32_t id = 0;
    int32_t device = 0;
    uint64_t address = 0;
    uint64_t totalSize = 0;
    uint64_t allocatedSize = 0;
    uint64_t activeSize = 0;
    uint64_t requestedSize = 0;
    uint64_t stream = 0;
    SegmentType segmentType = SegmentType::Unknown;
    uint8_t flags = 0;
    int64_t poolId0 = 0;
    int64_t poolId1 = 0;
    uint32_t stack = 0;
};
struct MemBlockRec
{
    uint32_t segment = 0;
    uint64_t address = 0;
    uint64_t size = 0;
    uint64_t requestedSize = 0;
    BlockState state = BlockState::Unknown;
    uint32_t stack = 0;
};
struct MemEventRec
{
    int32_t device = 0;
    MemAction action = MemAction::Alloc;
    uint8_t flags = 0;
    uint64_t addr = 0;
    uint64_t size = 0;
    uint64_t stream = 0;
    int64_t timeNs = -1;
    uint64_t sequence = 0;
    uint32_t stack = 0;
    uint64_t deviceFree = 0;
    uint32_t category = 0;
};
struct MemAnnotationRec
{
    int32_t device = 0;
    AnnotationStage stage = AnnotationStage::Start;
    int64_t timeNs = -1;
    uint32_t name = 0;
};

inline void encode(std::string &o, const StackFrameRec &r)
{
    FrameWriter w(o); w.begin(RecordType::StackFrame);
    w.put(r.id); w.put(r.name); w.put(r.file); w.put(r.line);
    w.end();
}
inline void encode(std::string &o, const StackRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Stack);
    w.put(r.id); w.put(r.count());
    w.putRaw(std::string_view(r.frameBytes.data(), r.count() * 4));
    w.end();
}
inline void encode(std::string &o, const MemSegmentRec &r)
{
    FrameWriter w(o); w.begin(RecordType::MemSegment);
    w.put(r.id); w.put(r.device); w.put(r.address); w.put(r.totalSize); w.put(r.allocatedSize);
    w.put(r.activeSize); w.put(r.requestedSize); w.put(r.stream);
    w.put<uint8_t>(uint8_t(r.segmentType)); w.put(r.flags); w.put(r.poolId0); w.put(r.poolId1);
    w.put(r.stack);
    w.end();
}
inline void encode(std::string &o, const MemBlockRec &r)
{
    FrameWriter w(o); w.begin(RecordType::MemBlock);
    w.put(r.segment); w.put(r.address); w.put(r.size); w.put(r.requestedSize);
    w.put<uint8_t>(uint8_t(r.state)); w.put(r.stack);
    w.end();
}
inline void encode(std::string &o, const MemEventRec &r)
{
    FrameWriter w(o); w.begin(RecordType::MemEvent);
    w.put(r.device); w.put<uint8_t>(uint8_t(r.action)); w.put(r.flags); w.put(r.addr);
    w.put(r.size); w.put(r.stream); w.put(r.timeNs); w.put(r.sequence); w.put(r.stack);
    w.put(r.deviceFree); w.put(r.category);
    w.end();
}
inline void encode(std::string &o, const MemAnnotationRec &r)
{
    FrameWriter w(o); w.begin(RecordType::MemAnnotation);
    w.put(r.device); w.put<uint8_t>(uint8_t(r.stage)); w.put(r.timeNs); w.put(r.name);
    w.end();
}

inline bool decode(std::string_view p, StackFrameRec &r)
{
    PayloadReader in(p);
    r.id = in.get<uint32_t>(); r.name = in.get<uint32_t>(); r.file = in.get<uint32_t>();
    r.line = in.get<int32_t>();
    return in.ok();
}
inline bool decode(std::string_view p, StackRec &r)
{
    // The count must match the payload exactly: the frame ids are the rest of it.
    if (p.size() < 8)
        return false;
    PayloadReader in(p.substr(0, 8));
    r.id = in.get<uint32_t>();
    const uint32_t count = in.get<uint32_t>();
    if (!in.ok() || (p.size() - 8) / 4 != count || (p.size() - 8) % 4 != 0)
        return false;
    r.frameBytes = p.substr(8);
    return true;
}
inline bool decode(std::string_view p, MemSegmentRec &r)
{
    PayloadReader in(p);
    r.id = in.get<uint32_t>(); r.device = in.get<int32_t>(); r.address = in.get<uint64_t>();
    r.totalSize = in.get<uint64_t>(); r.allocatedSize = in.get<uint64_t>();
    r.activeSize = in.get<uint64_t>(); r.requestedSize = in.get<uint64_t>();
    r.stream = in.get<uint64_t>(); r.segmentType = SegmentType(in.get<uint8_t>());
    r.flags = in.get<uint8_t>(); r.poolId0 = in.get<int64_t>(); r.poolId1 = in.get<int64_t>();
    r.stack = in.get<uint32_t>();
    return in.ok();
}
inline bool decode(std::string_view p, MemBlockRec &r)
{
    PayloadReader in(p);
    r.segment = in.get<uint32_t>(); r.address = in.get<uint64_t>(); r.size = in.get<uint64_t>();
    r.requestedSize = in.get<uint64_t>(); r.state = BlockState(in.get<uint8_t>());
    r.stack = in.get<uint32_t>();
    return in.ok();
}
inline bool decode(std::string_view p, MemEventRec &r)
{
    PayloadReader in(p);
    r.device = in.get<int32_t>(); r.action = MemAction(in.get<uint8_t>());
    r.flags = in.get<uint8_t>(); r.addr = in.get<uint64_t>(); r.size = in.get<uint64_t>();
    r.stream = in.get<uint64_t>(); r.timeNs = in.get<int64_t>(); r.sequence = in.get<uint64_t>();
    r.stack = in.get<uint32_t>(); r.deviceFree = in.get<uint64_t>();
    r.category = in.get<uint32_t>();
    return in.ok();
}
inline bool decode(std::string_view p, MemAnnotationRec &r)
{
    PayloadReader in(p);
    r.device = in.get<int32_t>(); r.stage = AnnotationStage(in.get<uint8_t>());
    r.timeNs = in.get<int64_t>(); r.name = in.get<uint32_t>();
    return in.ok();
}

} // namespace ts::rec

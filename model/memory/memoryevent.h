#pragma once
// One device-trace entry as the memory timeline reads it (a mem_event row without the columns it
// does not need), and its packed form: mem_event_pack (memoryschema.sql) holds the same rows
// again as blobs of these records, so ~2 M events load as a few hundred blob reads instead of
// one SQLite row each.
//
// A packed record is 48 bytes, little-endian, in MemoryEvent's own field order: i64 seq,
// i64 time (ns since the epoch, 0 unless kEventTimed), u64 addr, u64 size, u64 stream,
// u32 stack (stack.id, 0 = none), u8 action (rec::MemAction), u8 flags (MemoryEventFlag),
// u16 zero. On a little-endian machine that is the struct's memory, so a blob is copied straight
// into an array and then checked (checkPacked), as slice_pack is for the timeline.

#include <cstddef>
#include <cstdint>
#include <string>

namespace ts::model {

enum MemoryEventFlag : uint8_t {
    kEventTimed = 1,       // time holds the entry's time_us (else the snapshot had none)
    kEventBeforeTrace = 2, // mem_event.before_trace: a free whose alloc fell before recording
};

struct MemoryEvent
{
    int64_t seq = 0;     // index of the entry in its device's trace
    int64_t time = 0;    // ns since the epoch
    uint64_t addr = 0;   // bytes
    uint64_t size = 0;   // bytes
    uint64_t stream = 0; // raw cudaStream_t
    uint32_t stack = 0;  // stack.id, 0 = none
    uint8_t action = 0;  // rec::MemAction
    uint8_t flags = 0;   // MemoryEventFlag
    uint16_t zero = 0;   // padding, 0 in a pack

    bool timed() const { return flags & kEventTimed; }
    bool beforeTrace() const { return flags & kEventBeforeTrace; }
};

inline constexpr size_t kPackedEventBytes = 48;
// Events per mem_event_pack row (768 KiB blobs): large enough that a row costs nothing next to
// its events, small enough that the rows after the last pack, read one by one, cost little.
inline constexpr int64_t kMaxPackedEvents = 16384;

static_assert(sizeof(MemoryEvent) == kPackedEventBytes);
static_assert(offsetof(MemoryEvent, time) == 8 && offsetof(MemoryEvent, addr) == 16 &&
              offsetof(MemoryEvent, size) == 24 && offsetof(MemoryEvent, stream) == 32 &&
              offsetof(MemoryEvent, stack) == 40 && offsetof(MemoryEvent, action) == 44 &&
              offsetof(MemoryEvent, flags) == 45 && offsetof(MemoryEvent, zero) == 46);

// Appends e's packed record to out.
void appendPacked(std::string &out, const MemoryEvent &e);
// Copies `count` packed records from `bytes` (count × kPackedEventBytes of them) into out[0..count)
// and checks each: a known action, known flags, zero padding. False at the first bad one.
bool unpackEvents(const unsigned char *bytes, size_t count, MemoryEvent *out);

} // namespace ts::model

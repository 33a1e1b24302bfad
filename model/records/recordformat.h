#pragma once
// The one contract between the sandboxed import child (parsers/, writer) and the app (model/,
// reader and checker). Plain C++ with no Qt so both sides include it as is.
//
// Stream layout: an 8-byte magic, then frames. A frame is
//     u8 type | u32 payload length (little-endian) | payload
// Every integer in a payload is little-endian and of fixed width; a "bytes" field is a u32 length
// followed by that many bytes. Times are int64 nanoseconds. Ids the child assigns (strings,
// processes, threads, tracks) start at 1 and a new id is always the next one; 0 means "none".
// Re-sending a Process or Thread record with an existing id updates it (names and sort indexes
// often arrive after the first event of a thread). Slices are numbered by arrival: the n-th Slice
// record has sequence number n (from 0), which a FlowEndpoint may name.
//
// The reader treats the stream as hostile: RecordDecoder only splits and decodes frames with
// bounds checks; RecordValidator (model/records) checks ids, UTF-8 and numbers.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace ts::rec {

inline constexpr char kMagic[8] = {'T', 'S', 'R', 'E', 'C', '0', '0', '1'};
inline constexpr std::size_t kFrameHeaderSize = 5;
inline constexpr uint32_t kMaxPayload = 16u << 20; // one record; args of one event fit easily
inline constexpr uint32_t kMaxStringBytes = 64u << 10; // an interned string (name, category)
inline constexpr int64_t kMaxAbsTime = int64_t(1) << 62; // sanity bound for ts and dur

enum class RecordType : uint8_t {
    String = 1,   // u32 id, bytes utf8
    Process = 2,  // u32 id, i64 pid, u32 name, u32 label, i64 sortIndex, i32 rank (-1 = none)
    Thread = 3,   // u32 id, u32 process, i64 tid, u32 name, i64 sortIndex
    Track = 4,    // u32 id, u8 kind, u8 flags, u32 process, u32 thread, u32 name
    Slice = 5,    // u32 track, i64 ts, i64 dur, u32 name, u32 category, bytes argsJson
    Instant = 6,  // u32 track, i64 ts, u32 name, u32 category, u8 scope, bytes argsJson
    Counter = 7,  // u32 track, i64 ts, f64 value
    Flow = 8,     // FlowEndpoint out, FlowEndpoint in, u32 name, u32 category
    Metadata = 9, // u32 key, bytes value (utf8; JSON text for structured values)
    Progress = 10, // u64 bytesDone, u64 bytesTotal, u8 stage
    Skipped = 11, // u32 reason (string id), u64 count — counts add up per reason
    Warning = 12, // u64 byteOffset, bytes message
    Result = 13,  // u32 format (string id), u64 eventsSeen — the last record of a good import
    Error = 14,   // u64 byteOffset, u32 line, u32 column, bytes message — the last record
    // Memory snapshots: fields, units and enums in records/memoryrecords.h.
    StackFrame = 15,    // u32 id, u32 name, u32 file, i32 line
    Stack = 16,         // u32 id, u32 count, count × u32 frame id (innermost first)
    MemSegment = 17,    // u32 id, i32 device, u64 address, u64 totalSize, … (allocator segment)
    MemBlock = 18,      // u32 segment, u64 address, u64 size, u64 requestedSize, u8 state, u32 stack
    MemEvent = 19,      // i32 device, u8 action, u8 flags, u64 addr, u64 size, u64 stream, i64 ts, …
    MemAnnotation = 20, // i32 device, u8 stage, i64 timeNs, u32 name
    // Ascend profiling data: fields, units and enums in records/ascendrecords.h.
    DeviceTask = 21, // a device task row (kernel_details, op_summary, COMPUTE_TASK_INFO, …)
    Step = 22,       // a training step (step_trace_time, STEP_TIME)
    MemRecord = 23,  // memory totals of one component at one time (memory_record)
    OpMemory = 24,   // one operator allocation (operator_memory, OP_MEMORY)
    // msMemScope dumps: fields, units and enums in records/memscoperecords.h.
    MemScopeEvent = 25, // one row of a memscope_dump (CSV or DB)
    // HCCL communication analysis: fields and units in records/commrecords.h.
    CommOp = 26,     // one communication operator of a rank: transit, wait, sync, idle time
    CommLink = 27,   // one link type of an operator: transit size, time, bandwidth
    CommMatrix = 28, // one src → dst rank link of an operator (communication matrix)
};
inline constexpr uint8_t kMaxRecordType = 28;

enum class TrackKind : uint8_t {
    Thread = 1,  // slices and thread-scoped instants of one thread (or GPU stream)
    Counter = 2, // one counter series of a process
    Process = 3, // process-scoped instants
    Global = 4,  // global instants (process 0)
};
enum TrackFlag : uint8_t {
    kTrackDerived = 1, // a series the importer derived (e.g. [memory] totals), not a C event
};
enum class InstantScope : uint8_t { Thread = 0, Process = 1, Global = 2 };
enum class Stage : uint8_t { Reading = 0, Finishing = 1 };

// How a flow end finds its slice once all slices are known (the app binds, after sorting).
enum class FlowBind : uint8_t {
    Enclosing = 0, // deepest slice on `track` with ts <= t <= ts + dur  (v1 "s", and "f" bp:"e")
    Next = 1,      // first slice on `track` starting at or after t      (v1 "f" without bp)
    Sequence = 2,  // exactly the slice with sequence number `sequence`  (v2 bind_id)
};
struct FlowEndpoint
{
    FlowBind bind = FlowBind::Enclosing;
    uint32_t track = 0;
    int64_t ts = 0;
    uint64_t sequence = 0;
}; // encoded as u8 bind, u32 track, i64 ts, u64 sequence

struct StringRec { uint32_t id = 0; std::string_view text; };
struct ProcessRec
{
    uint32_t id = 0;
    int64_t pid = 0;
    uint32_t name = 0;
    uint32_t label = 0;
    int64_t sortIndex = 0;
    int32_t rank = -1;
};
struct ThreadRec
{
    uint32_t id = 0;
    uint32_t process = 0;
    int64_t tid = 0;
    uint32_t name = 0;
    int64_t sortIndex = 0;
};
struct TrackRec
{
    uint32_t id = 0;
    TrackKind kind = TrackKind::Thread;
    uint8_t flags = 0;
    uint32_t process = 0;
    uint32_t thread = 0;
    uint32_t name = 0;
};
struct SliceRec
{
    uint32_t track = 0;
    int64_t ts = 0;
    int64_t dur = 0;
    uint32_t name = 0;
    uint32_t category = 0;
    std::string_view args; // compact JSON object text, or empty
};
struct InstantRec
{
    uint32_t track = 0;
    int64_t ts = 0;
    uint32_t name = 0;
    uint32_t category = 0;
    InstantScope scope = InstantScope::Thread;
    std::string_view args;
};
struct CounterRec { uint32_t track = 0; int64_t ts = 0; double value = 0; };
struct FlowRec
{
    FlowEndpoint out;
    FlowEndpoint in;
    uint32_t name = 0;
    uint32_t category = 0;
};
struct MetadataRec { uint32_t key = 0; std::string_view value; };
struct ProgressRec { uint64_t done = 0; uint64_t total = 0; Stage stage = Stage::Reading; };
struct SkippedRec { uint32_t reason = 0; uint64_t count = 0; };
struct WarningRec { uint64_t offset = 0; std::string_view message; };
struct ResultRec { uint32_t format = 0; uint64_t eventsSeen = 0; };
// An error about the input's structure as a whole (a snapshot's "segments" is not a list),
// found after parsing: no byte of the input to point at.
inline constexpr uint64_t kNoOffset = UINT64_MAX;

struct ErrorRec
{
    uint64_t offset = 0; // kNoOffset: no place in the bytes
    uint32_t line = 0;
    uint32_t column = 0;
    std::string_view message;
};

// ---- encoding (child side) -------------------------------------------------------------------

// Fixed-width fields are gathered in a small buffer and appended with the bytes fields, so a
// record costs a couple of appends rather than one per byte (one is written per event).
class FrameWriter
{
public:
    explicit FrameWriter(std::string &out) : m_out(out) {}
    void begin(RecordType type)
    {
        m_start = m_out.size();
        m_fixed[0] = char(type);
        m_used = kFrameHeaderSize; // the length is filled in by end()
    }
    void end()
    {
        spill();
        const uint32_t len = uint32_t(m_out.size() - m_start - kFrameHeaderSize);
        for (int i = 0; i < 4; ++i)
            m_out[m_start + 1 + i] = char((len >> (8 * i)) & 0xff);
    }
    template <typename T> void put(T v)
    {
        static_assert(std::is_integral_v<T> || std::is_enum_v<T> || std::is_same_v<T, double>);
        uint64_t bits = 0;
        if constexpr (std::is_same_v<T, double>)
            std::memcpy(&bits, &v, 8);
        else
            bits = uint64_t(v);
        if (m_used + sizeof(T) > sizeof m_fixed)
            spill();
        for (std::size_t i = 0; i < sizeof(T); ++i)
            m_fixed[m_used + i] = char((bits >> (8 * i)) & 0xff);
        m_used += sizeof(T);
    }
    void putBytes(std::string_view s)
    {
        put<uint32_t>(uint32_t(s.size()));
        putRaw(s);
    }
    void putRaw(std::string_view s) // no length: the record's other fields say how long
    {
        spill();
        m_out.append(s.data(), s.size());
    }
    void putEndpoint(const FlowEndpoint &e)
    {
        put<uint8_t>(uint8_t(e.bind));
        put(e.track);
        put(e.ts);
        put(e.sequence);
    }

private:
    void spill()
    {
        m_out.append(m_fixed, m_used);
        m_used = 0;
    }
    std::string &m_out;
    std::size_t m_start = 0;
    char m_fixed[64];
    std::size_t m_used = 0;
};

inline void encodeMagic(std::string &out) { out.append(kMagic, sizeof kMagic); }

inline void encode(std::string &o, const StringRec &r)
{
    FrameWriter w(o); w.begin(RecordType::String); w.put(r.id); w.putBytes(r.text); w.end();
}
inline void encode(std::string &o, const ProcessRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Process);
    w.put(r.id); w.put(r.pid); w.put(r.name); w.put(r.label); w.put(r.sortIndex); w.put(r.rank);
    w.end();
}
inline void encode(std::string &o, const ThreadRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Thread);
    w.put(r.id); w.put(r.process); w.put(r.tid); w.put(r.name); w.put(r.sortIndex);
    w.end();
}
inline void encode(std::string &o, const TrackRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Track);
    w.put(r.id); w.put<uint8_t>(uint8_t(r.kind)); w.put(r.flags); w.put(r.process);
    w.put(r.thread); w.put(r.name);
    w.end();
}
inline void encode(std::string &o, const SliceRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Slice);
    w.put(r.track); w.put(r.ts); w.put(r.dur); w.put(r.name); w.put(r.category);
    w.putBytes(r.args);
    w.end();
}
inline void encode(std::string &o, const InstantRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Instant);
    w.put(r.track); w.put(r.ts); w.put(r.name); w.put(r.category);
    w.put<uint8_t>(uint8_t(r.scope)); w.putBytes(r.args);
    w.end();
}
inline void encode(std::string &o, const CounterRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Counter);
    w.put(r.track); w.put(r.ts); w.put(r.value);
    w.end();
}
inline void encode(std::string &o, const FlowRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Flow);
    w.putEndpoint(r.out); w.putEndpoint(r.in); w.put(r.name); w.put(r.category);
    w.end();
}
inline void encode(std::string &o, const MetadataRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Metadata); w.put(r.key); w.putBytes(r.value); w.end();
}
inline void encode(std::string &o, const ProgressRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Progress);
    w.put(r.done); w.put(r.total); w.put<uint8_t>(uint8_t(r.stage));
    w.end();
}
inline void encode(std::string &o, const SkippedRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Skipped); w.put(r.reason); w.put(r.count); w.end();
}
inline void encode(std::string &o, const WarningRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Warning); w.put(r.offset); w.putBytes(r.message);
    w.end();
}
inline void encode(std::string &o, const ResultRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Result); w.put(r.format); w.put(r.eventsSeen); w.end();
}
inline void encode(std::string &o, const ErrorRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Error);
    w.put(r.offset); w.put(r.line); w.put(r.column); w.putBytes(r.message);
    w.end();
}

// ---- decoding (app side) ---------------------------------------------------------------------
// A PayloadReader reads fixed-width fields from one payload; any read past the end sets a
// sticky failure flag instead of touching memory, so a decode function is one straight line
// of reads followed by a single ok() check (which also demands that the payload was consumed).

class PayloadReader
{
public:
    explicit PayloadReader(std::string_view p) : m_p(p) {}
    template <typename T> T get()
    {
        if (m_failed || m_p.size() - m_pos < sizeof(T)) {
            m_failed = true;
            return T{};
        }
        uint64_t bits = 0;
        for (std::size_t i = 0; i < sizeof(T); ++i)
            bits |= uint64_t(uint8_t(m_p[m_pos + i])) << (8 * i);
        m_pos += sizeof(T);
        if constexpr (std::is_same_v<T, double>) {
            double d;
            std::memcpy(&d, &bits, 8);
            return d;
        } else {
            return T(bits);
        }
    }
    std::string_view bytes()
    {
        const uint32_t n = get<uint32_t>();
        if (m_failed || m_p.size() - m_pos < n) {
            m_failed = true;
            return {};
        }
        std::string_view s = m_p.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    FlowEndpoint endpoint()
    {
        FlowEndpoint e;
        e.bind = FlowBind(get<uint8_t>());
        e.track = get<uint32_t>();
        e.ts = get<int64_t>();
        e.sequence = get<uint64_t>();
        return e;
    }
    bool ok() const { return !m_failed && m_pos == m_p.size(); }

private:
    std::string_view m_p;
    std::size_t m_pos = 0;
    bool m_failed = false;
};

inline bool decode(std::string_view p, StringRec &r)
{
    PayloadReader in(p); r.id = in.get<uint32_t>(); r.text = in.bytes(); return in.ok();
}
inline bool decode(std::string_view p, ProcessRec &r)
{
    PayloadReader in(p);
    r.id = in.get<uint32_t>(); r.pid = in.get<int64_t>(); r.name = in.get<uint32_t>();
    r.label = in.get<uint32_t>(); r.sortIndex = in.get<int64_t>(); r.rank = in.get<int32_t>();
    return in.ok();
}
inline bool decode(std::string_view p, ThreadRec &r)
{
    PayloadReader in(p);
    r.id = in.get<uint32_t>(); r.process = in.get<uint32_t>(); r.tid = in.get<int64_t>();
    r.name = in.get<uint32_t>(); r.sortIndex = in.get<int64_t>();
    return in.ok();
}
inline bool decode(std::string_view p, TrackRec &r)
{
    PayloadReader in(p);
    r.id = in.get<uint32_t>(); r.kind = TrackKind(in.get<uint8_t>()); r.flags = in.get<uint8_t>();
    r.process = in.get<uint32_t>(); r.thread = in.get<uint32_t>(); r.name = in.get<uint32_t>();
    return in.ok();
}
inline bool decode(std::string_view p, SliceRec &r)
{
    PayloadReader in(p);
    r.track = in.get<uint32_t>(); r.ts = in.get<int64_t>(); r.dur = in.get<int64_t>();
    r.name = in.get<uint32_t>(); r.category = in.get<uint32_t>(); r.args = in.bytes();
    return in.ok();
}
inline bool decode(std::string_view p, InstantRec &r)
{
    PayloadReader in(p);
    r.track = in.get<uint32_t>(); r.ts = in.get<int64_t>(); r.name = in.get<uint32_t>();
    r.category = in.get<uint32_t>(); r.scope = InstantScope(in.get<uint8_t>());
    r.args = in.bytes();
    return in.ok();
}
inline bool decode(std::string_view p, CounterRec &r)
{
    PayloadReader in(p);
    r.track = in.get<uint32_t>(); r.ts = in.get<int64_t>(); r.value = in.get<double>();
    return in.ok();
}
inline bool decode(std::string_view p, FlowRec &r)
{
    PayloadReader in(p);
    r.out = in.endpoint(); r.in = in.endpoint(); r.name = in.get<uint32_t>();
    r.category = in.get<uint32_t>();
    return in.ok();
}
inline bool decode(std::string_view p, MetadataRec &r)
{
    PayloadReader in(p); r.key = in.get<uint32_t>(); r.value = in.bytes(); return in.ok();
}
inline bool decode(std::string_view p, ProgressRec &r)
{
    PayloadReader in(p);
    r.done = in.get<uint64_t>(); r.total = in.get<uint64_t>(); r.stage = Stage(in.get<uint8_t>());
    return in.ok();
}
inline bool decode(std::string_view p, SkippedRec &r)
{
    PayloadReader in(p); r.reason = in.get<uint32_t>(); r.count = in.get<uint64_t>();
    return in.ok();
}
inline bool decode(std::string_view p, WarningRec &r)
{
    PayloadReader in(p); r.offset = in.get<uint64_t>(); r.message = in.bytes(); return in.ok();
}
inline bool decode(std::string_view p, ResultRec &r)
{
    PayloadReader in(p); r.format = in.get<uint32_t>(); r.eventsSeen = in.get<uint64_t>();
    return in.ok();
}
inline bool decode(std::string_view p, ErrorRec &r)
{
    PayloadReader in(p);
    r.offset = in.get<uint64_t>(); r.line = in.get<uint32_t>(); r.column = in.get<uint32_t>();
    r.message = in.bytes();
    return in.ok();
}

// Splits a byte buffer into frames. Feed it what arrived; it returns complete frames and keeps
// the rest. A frame header with an unknown type or an oversized length is a protocol error.
class FrameSplitter
{
public:
    enum class Status { NeedMore, Frame, BadMagic, BadType, TooLong };
    struct Frame
    {
        RecordType type;
        std::string_view payload;
    };

    void append(const char *data, std::size_t n) { m_buf.append(data, n); }

    Status next(Frame &f)
    {
        compactIfWorthIt();
        if (!m_magicSeen) {
            if (m_buf.size() - m_pos < sizeof kMagic)
                return Status::NeedMore;
            if (std::memcmp(m_buf.data() + m_pos, kMagic, sizeof kMagic) != 0)
                return Status::BadMagic;
            m_pos += sizeof kMagic;
            m_magicSeen = true;
        }
        if (m_buf.size() - m_pos < kFrameHeaderSize)
            return Status::NeedMore;
        const auto *h = reinterpret_cast<const unsigned char *>(m_buf.data() + m_pos);
        const uint8_t type = h[0];
        const uint32_t len = uint32_t(h[1]) | uint32_t(h[2]) << 8 | uint32_t(h[3]) << 16 |
                             uint32_t(h[4]) << 24;
        if (type == 0 || type > kMaxRecordType)
            return Status::BadType;
        if (len > kMaxPayload)
            return Status::TooLong;
        if (m_buf.size() - m_pos - kFrameHeaderSize < len)
            return Status::NeedMore;
        f.type = RecordType(type);
        f.payload = std::string_view(m_buf.data() + m_pos + kFrameHeaderSize, len);
        m_pos += kFrameHeaderSize + len;
        return Status::Frame;
    }

    std::size_t buffered() const { return m_buf.size() - m_pos; }

private:
    // Called only at the start of next(): the previous frame's payload view is dead by then.
    void compactIfWorthIt()
    {
        if (m_pos > (1u << 20) && m_pos * 2 > m_buf.size()) {
            m_buf.erase(0, m_pos);
            m_pos = 0;
        }
    }
    std::string m_buf;
    std::size_t m_pos = 0;
    bool m_magicSeen = false;
};

} // namespace ts::rec

#include "records/memoryrecords.h" // IWYU pragma: export
#include "records/ascendrecords.h" // IWYU pragma: export
#include "records/memscoperecords.h" // IWYU pragma: export
#include "records/commrecords.h" // IWYU pragma: export

#pragma once
// msMemScope records of the child's stream (type 25 of recordformat.h): one row of a
// memscope_dump (CSV or the DB's memscope_dump / leaks_dump table) — an allocation, a free, an
// access, an operator or kernel launch, an MSTX mark, a system event or anything newer. The
// CSV and DB readers emit the same record, so the cache never learns which one it was.
// Included at the end of recordformat.h; not meant to be included alone.
//
// Units and conventions: ts is int64 ns since the Unix epoch (the reader has already decided
// whether the file's "Timestamp(ns)" held µs); sizes are bytes (Attr `size`, signed: 2025-04
// FREE rows write it negative); ptr is the raw address; pid / tid / rowId are -1 when N/A.
// device: ≥ 0 an NPU index, kMemScopeHost for "cpu" / "host", kMemScopeNoDevice for N/A.
// Strings are ids (0 = none); `event` is required and kept as the file spells it, `kind` is the
// reader's classification of it (Other for anything it does not know — kept, never dropped).
// attr is the row's Attr as a JSON object text with every value a string, or empty.
//
//   MemScopeEvent  i64 rowId, i64 ts, i64 pid, i64 tid, i32 device, u8 kind (MemScopeKind),
//                  u8 flags (MemScopeFlag), u64 ptr, i64 size, u32 event, u32 eventType,
//                  u32 name, u32 owner, u32 pyStack, u32 cStack, bytes attr

#include <string_view>

namespace ts::rec {

inline constexpr int32_t kMemScopeNoDevice = -1; // "N/A"
inline constexpr int32_t kMemScopeHost = -2;     // "cpu", "host"

enum class MemScopeKind : uint8_t {
    Other = 0, // an Event this reader does not know (SNAPSHOT, OOM_DETAIL, newer ones)
    Malloc = 1,
    Free = 2,
    Access = 3,
    OpLaunch = 4,
    KernelLaunch = 5,
    Mstx = 6,
    System = 7,
};
inline constexpr uint8_t kMaxMemScopeKind = 7;
enum MemScopeFlag : uint8_t {
    kMemScopeHasPtr = 1,  // ptr is the row's Ptr (else N/A)
    kMemScopeHasSize = 2, // size is Attr's `size` (else absent)
};

struct MemScopeEventRec
{
    int64_t rowId = -1;
    int64_t ts = 0;
    int64_t pid = -1;
    int64_t tid = -1;
    int32_t device = kMemScopeNoDevice;
    MemScopeKind kind = MemScopeKind::Other;
    uint8_t flags = 0;
    uint64_t ptr = 0;
    int64_t size = 0;
    uint32_t event = 0;
    uint32_t eventType = 0;
    uint32_t name = 0;
    uint32_t owner = 0;
    uint32_t pyStack = 0;
    uint32_t cStack = 0;
    std::string_view attr; // JSON object text, or empty
};

inline void encode(std::string &o, const MemScopeEventRec &r)
{
    FrameWriter w(o); w.begin(RecordType::MemScopeEvent);
    w.put(r.rowId); w.put(r.ts); w.put(r.pid); w.put(r.tid); w.put(r.device);
    w.put<uint8_t>(uint8_t(r.kind)); w.put(r.flags); w.put(r.ptr); w.put(r.size); w.put(r.event);
    w.put(r.eventType); w.put(r.name); w.put(r.owner); w.put(r.pyStack); w.put(r.cStack);
    w.putBytes(r.attr);
    w.end();
}

inline bool decode(std::string_view p, MemScopeEventRec &r)
{
    PayloadReader in(p);
    r.rowId = in.get<int64_t>(); r.ts = in.get<int64_t>(); r.pid = in.get<int64_t>();
    r.tid = in.get<int64_t>(); r.device = in.get<int32_t>();
    r.kind = MemScopeKind(in.get<uint8_t>()); r.flags = in.get<uint8_t>();
    r.ptr = in.get<uint64_t>(); r.size = in.get<int64_t>(); r.event = in.get<uint32_t>();
    r.eventType = in.get<uint32_t>(); r.name = in.get<uint32_t>(); r.owner = in.get<uint32_t>();
    r.pyStack = in.get<uint32_t>(); r.cStack = in.get<uint32_t>(); r.attr = in.bytes();
    return in.ok();
}

} // namespace ts::rec

#pragma once
// Ascend records of the child's stream (types 21–24 of recordformat.h): what an msprof /
// torch_npu profiling folder holds beyond a timeline — device task rows (kernel_details.csv,
// op_summary_*.csv, the DB's COMPUTE_TASK_INFO / COMMUNICATION_OP), step rows
// (step_trace_time.csv, STEP_TIME), the memory totals per component (memory_record.csv,
// MEMORY_RECORD) and operator allocations (operator_memory.csv, OP_MEMORY). Text and database
// readers emit the same records, so the cache and the views never learn which one it was.
// Included at the end of recordformat.h; not meant to be included alone.
//
// Units and conventions: times are int64 ns since the Unix epoch and durations int64 ns (-1 =
// the source has none); sizes are bytes, converted by the reader from the file's own unit (MB,
// KB); a device is the NPU index (-1 = unknown). A columns/metrics field is a JSON object text
// holding the row's other columns by their header name, values as the file gives them (numbers
// as numbers, the rest as strings), so nothing a row carries is lost.
//
//   DeviceTask  i32 device, i64 stream (-1), i64 taskId (-1), i64 ts, i64 dur, i64 wait (-1),
//               u8 kind (TaskKind), u32 name, u32 opType, u32 core (accelerator core or task
//               type; string ids, 0 = none), bytes columnsJson
//   Step        i64 step (-1 = no number), i32 device, i64 startNs (-1), i64 endNs (-1),
//               bytes metricsJson (durations in ns by column name: Computing, Free, …)
//   MemRecord   i32 device, u32 component (string id: APP, PTA, GE, PTA+GE, …), i64 ts,
//               i64 allocated, i64 reserved, i64 active (bytes, -1 = not recorded),
//               u64 streamPtr (0 = none)
//   OpMemory    i32 device, u32 name, i64 size (bytes; < 0: a release whose allocation fell
//               before the window), i64 allocTs, i64 releaseTs, i64 activeReleaseTs (-1 = none,
//               e.g. released after the window), u64 streamPtr (0 = none)
//
// Rank identity travels as Metadata records under the keys below (decimal text values), never
// guessed from a folder name.

#include <string_view>

namespace ts::rec {

inline constexpr std::string_view kMetaRankId = "ascend.rank_id";
inline constexpr std::string_view kMetaDeviceId = "ascend.device_id";

enum class TaskKind : uint8_t { Other = 0, Compute = 1, Communication = 2 };
inline constexpr uint8_t kMaxTaskKind = 2;

struct DeviceTaskRec
{
    int32_t device = -1;
    int64_t stream = -1;
    int64_t taskId = -1;
    int64_t ts = 0;
    int64_t dur = 0;
    int64_t wait = -1;
    TaskKind kind = TaskKind::Other;
    uint32_t name = 0;
    uint32_t opType = 0;
    uint32_t core = 0;
    std::string_view columns; // JSON object text, or empty
};
struct StepRec
{
    int64_t step = -1;
    int32_t device = -1;
    int64_t startNs = -1;
    int64_t endNs = -1;
    std::string_view metrics; // JSON object text, or empty
};
struct MemRecordRec
{
    int32_t device = -1;
    uint32_t component = 0;
    int64_t ts = 0;
    int64_t allocated = -1;
    int64_t reserved = -1;
    int64_t active = -1;
    uint64_t streamPtr = 0;
};
struct OpMemoryRec
{
    int32_t device = -1;
    uint32_t name = 0;
    int64_t size = 0;
    int64_t allocTs = -1;
    int64_t releaseTs = -1;
    int64_t activeReleaseTs = -1;
    uint64_t streamPtr = 0;
};

inline void encode(std::string &o, const DeviceTaskRec &r)
{
    FrameWriter w(o); w.begin(RecordType::DeviceTask);
    w.put(r.device); w.put(r.stream); w.put(r.taskId); w.put(r.ts); w.put(r.dur); w.put(r.wait);
    w.put<uint8_t>(uint8_t(r.kind)); w.put(r.name); w.put(r.opType); w.put(r.core);
    w.putBytes(r.columns);
    w.end();
}
inline void encode(std::string &o, const StepRec &r)
{
    FrameWriter w(o); w.begin(RecordType::Step);
    w.put(r.step); w.put(r.device); w.put(r.startNs); w.put(r.endNs); w.putBytes(r.metrics);
    w.end();
}
inline void encode(std::string &o, const MemRecordRec &r)
{
    FrameWriter w(o); w.begin(RecordType::MemRecord);
    w.put(r.device); w.put(r.component); w.put(r.ts); w.put(r.allocated); w.put(r.reserved);
    w.put(r.active); w.put(r.streamPtr);
    w.end();
}
inline void encode(std::string &o, const OpMemoryRec &r)
{
    FrameWriter w(o); w.begin(RecordType::OpMemory);
    w.put(r.device); w.put(r.name); w.put(r.size); w.put(r.allocTs); w.put(r.releaseTs);
    w.put(r.activeReleaseTs); w.put(r.streamPtr);
    w.end();
}

inline bool decode(std::string_view p, DeviceTaskRec &r)
{
    PayloadReader in(p);
    r.device = in.get<int32_t>(); r.stream = in.get<int64_t>(); r.taskId = in.get<int64_t>();
    r.ts = in.get<int64_t>(); r.dur = in.get<int64_t>(); r.wait = in.get<int64_t>();
    r.kind = TaskKind(in.get<uint8_t>()); r.name = in.get<uint32_t>();
    r.opType = in.get<uint32_t>(); r.core = in.get<uint32_t>(); r.columns = in.bytes();
    return in.ok();
}
inline bool decode(std::string_view p, StepRec &r)
{
    PayloadReader in(p);
    r.step = in.get<int64_t>(); r.device = in.get<int32_t>(); r.startNs = in.get<int64_t>();
    r.endNs = in.get<int64_t>(); r.metrics = in.bytes();
    return in.ok();
}
inline bool decode(std::string_view p, MemRecordRec &r)
{
    PayloadReader in(p);
    r.device = in.get<int32_t>(); r.component = in.get<uint32_t>(); r.ts = in.get<int64_t>();
    r.allocated = in.get<int64_t>(); r.reserved = in.get<int64_t>();
    r.active = in.get<int64_t>(); r.streamPtr = in.get<uint64_t>();
    return in.ok();
}
inline bool decode(std::string_view p, OpMemoryRec &r)
{
    PayloadReader in(p);
    r.device = in.get<int32_t>(); r.name = in.get<uint32_t>(); r.size = in.get<int64_t>();
    r.allocTs = in.get<int64_t>(); r.releaseTs = in.get<int64_t>();
    r.activeReleaseTs = in.get<int64_t>(); r.streamPtr = in.get<uint64_t>();
    return in.ok();
}

} // namespace ts::rec

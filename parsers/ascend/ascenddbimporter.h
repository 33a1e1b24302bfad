#pragma once
// An Ascend profiler database (msprof_*.db, ascend_pytorch_profiler_*.db) into records, the
// timeline as MindStudio Insight shows it: one process per layer — Python (PYTORCH_API), CANN
// (CANN_API), Ascend Hardware per device with a track per stream (TASK, named through
// COMPUTE_TASK_INFO / COMMUNICATION_TASK_INFO), HCCL with a track per communication group
// (COMMUNICATION_OP) and per plane (COMMUNICATION_TASK_INFO), MSTX, and the counter tables
// (AI Core frequency, HBM, LLC, DDR, …) — plus the flows that link them through connectionId
// (PYTORCH_API → CONNECTION_IDS → TASK: async_npu; CANN_API → TASK: HostToDevice). Beside
// the timeline, the Ascend families: device tasks, steps, memory records, operator memory, and
// the rank and device as metadata (RANK_DEVICE_MAP).
//
// Every table is read with one streaming statement; only STRING_IDS and the small ENUM_*
// tables are held in memory. Rows that cannot be used (a time that is not an integer, an end
// before its start) are counted by reason; a table that lacks a column the reader needs is an
// error naming the table and the column.

#include "ascenddbschema.h"
#include "common/recordsink.h"
#include "common/skipcounter.h"
#include "common/tracktracker.h"
#include "foreigndb/foreigndb.h"
#include "jsonobject.h"

#include <memory>
#include <string>
#include <unordered_map>

namespace ts::parsers {

// analysis.db (torch_npu's per-rank step and communication analysis) rather than a profiler DB.
bool looksLikeAnalysisDb(const ForeignDb &db);

class AscendDbImporter
{
public:
    AscendDbImporter(const DbBytes &bytes, RecordSink &sink, const ForeignDbLimits &limits = {});
    // On success the last record is Result, else Error. Returns true on success.
    bool run();

private:
    enum Layer : int { kPython, kCann, kHardware, kHccl, kMstx, kLayerCount };

    bool fail(const std::string &message);
    bool tableFailed(const char *table, const ForeignQuery &q);
    bool readIdentity();
    bool readHostApis(const char *table, Layer layer);
    bool readMstx();
    bool readTasks();
    bool readCommunicationOps();
    bool readCommunicationTasks();
    bool readCounters();
    bool readFlows(const char *category, const char *name, const std::string &sql);
    // The Ascend record families (ascenddbrecords.cpp).
    bool readComputeTasks();
    bool readCommunicationOpRows();
    bool readSteps();
    bool readMemoryRecords();
    bool readOpMemory();
    int32_t deviceAt(const ForeignQuery &q, int col) const; // the row's device, else m_device
    bool readAnalysisSteps();                               // analysis.db (ascenddbanalysis.cpp)
    // analysis.db's CommAnalyzer* tables (ascenddbcomm.cpp).
    bool readAnalysisCommunication();
    bool readAnalysisBandwidth();
    bool commKey(const ForeignQuery &q, int firstCol, rec::CommKey &key);
    bool finish(const char *format);

    TraceId layerPid(Layer layer, int32_t device) const;
    uint32_t layerProcess(Layer layer, int32_t device);
    uint32_t track(Layer layer, int32_t device, int64_t tid, const std::string &threadName,
                   int64_t sortIndex);
    uint32_t hostTrack(Layer layer, int64_t globalTid);
    uint32_t streamTrack(int64_t device, int64_t stream);
    bool readSpan(const ForeignQuery &q, int startCol, int endCol, const char *table, int64_t &ts,
                  int64_t &dur);
    void emitSlice(uint32_t track, int64_t ts, int64_t dur, std::string_view name,
                   std::string_view category);
    uint32_t internOr(std::string_view text, std::string_view fallback);

    DbBytes m_bytes;
    ForeignDbLimits m_limits;
    RecordSink &m_sink;
    ForeignDb m_db;
    DbStrings m_strings;
    DbEnum m_apiTypes, m_mstxTypes, m_hcclDataTypes, m_linkTypes, m_transportTypes, m_rdmaTypes;
    TrackTracker m_tracks;
    SkipCounter m_skips;
    JsonObject m_args;
    std::string m_scratch;
    struct KeyHash
    {
        size_t operator()(const std::pair<int64_t, int64_t> &k) const
        {
            return std::hash<uint64_t>{}(uint64_t(k.first) * 0x9e3779b97f4a7c15ull ^
                                         uint64_t(k.second));
        }
    };
    // (layer × 2^16 + device, tid) → track: the lookup every row makes.
    std::unordered_map<std::pair<int64_t, int64_t>, uint32_t, KeyHash> m_trackCache;
    std::unordered_map<int64_t, int64_t> m_groupIndex; // groupName string id → "Group n"
    uint64_t m_rows = 0;
    uint64_t m_flows = 0;
    uint64_t m_deviceTasks = 0;
    uint64_t m_memRecords = 0;
    int32_t m_device = -1; // RANK_DEVICE_MAP's device, for rows that name none
};

} // namespace ts::parsers

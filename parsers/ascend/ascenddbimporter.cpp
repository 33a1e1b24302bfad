#include "ascenddbimporter.h"

#include "memscope/dumpdb.h"

namespace ts::parsers {

namespace {

struct LayerInfo
{
    const char *name;
    const char *label; // "CPU" for host layers; device layers get "NPU <device>"
    int64_t sortIndex; // the order of the sample trace_view.json
};
constexpr LayerInfo kLayers[] = {
    {"Python", "CPU", 0},  {"CANN", "CPU", 7},  {"Ascend Hardware", nullptr, 13},
    {"HCCL", nullptr, 15}, {"MSTX", "CPU", 16},
};

} // namespace

AscendDbImporter::AscendDbImporter(const DbBytes &bytes, RecordSink &sink,
                                   const ForeignDbLimits &limits)
    : m_bytes(bytes), m_limits(limits), m_sink(sink), m_tracks(sink)
{}

bool AscendDbImporter::fail(const std::string &message)
{
    // Messages quote the file (table names, SQLite's text): valid UTF-8, bounded, like all text.
    std::string scratch;
    m_sink.put(rec::ErrorRec{rec::kNoOffset, 0, 0, m_sink.boundedText(message, 4096, scratch)});
    return false;
}

bool AscendDbImporter::tableFailed(const char *table, const ForeignQuery &q)
{
    return fail(std::string("reading table ") + table + ": " + q.error());
}

TraceId AscendDbImporter::layerPid(Layer layer, int32_t device) const
{
    TraceId pid;
    pid.isNumber = false;
    pid.text = kLayers[layer].name;
    if (device >= 0)
        pid.text += " " + std::to_string(device);
    return pid;
}

uint32_t AscendDbImporter::layerProcess(Layer layer, int32_t device)
{
    const TraceId pid = layerPid(layer, device);
    const uint32_t id = m_tracks.process(pid);
    m_tracks.setProcessName(pid, kLayers[layer].name);
    m_tracks.setProcessLabel(pid, kLayers[layer].label
                                      ? std::string(kLayers[layer].label)
                                      : (device >= 0 ? "NPU " + std::to_string(device) : "NPU"));
    m_tracks.setProcessSortIndex(pid, kLayers[layer].sortIndex * 1000 + std::max(device, 0));
    return id;
}

uint32_t AscendDbImporter::track(Layer layer, int32_t device, int64_t tid,
                                 const std::string &threadName, int64_t sortIndex)
{
    const auto key = std::make_pair(int64_t(layer) << 32 | int64_t(uint32_t(device)), tid);
    if (auto it = m_trackCache.find(key); it != m_trackCache.end())
        return it->second;
    layerProcess(layer, device);
    const TraceId pid = layerPid(layer, device);
    TraceId t;
    t.number = tid;
    const uint32_t id = m_tracks.threadTrack(pid, t);
    m_tracks.setThreadName(pid, t, threadName);
    m_tracks.setThreadSortIndex(pid, t, sortIndex);
    m_trackCache.emplace(key, id);
    return id;
}

uint32_t AscendDbImporter::hostTrack(Layer layer, int64_t globalTid)
{
    // globalTid = pid << 32 | tid: the thread is the low half, the key the whole value.
    const int64_t tid = int64_t(uint64_t(globalTid) & 0xffffffffu);
    return track(layer, -1, globalTid, "Thread " + std::to_string(tid), tid);
}

uint32_t AscendDbImporter::streamTrack(int64_t device, int64_t stream)
{
    return track(kHardware, int32_t(device), stream, "Stream " + std::to_string(stream), stream);
}

uint32_t AscendDbImporter::internOr(std::string_view text, std::string_view fallback)
{
    return m_sink.intern(
        m_sink.boundedText(text.empty() ? fallback : text, rec::kMaxStringBytes, m_scratch));
}

bool AscendDbImporter::readSpan(const ForeignQuery &q, int startCol, int endCol, const char *table,
                                int64_t &ts, int64_t &dur)
{
    int64_t end = 0;
    if (!q.int64At(startCol, ts) || !q.int64At(endCol, end)) {
        m_skips.add(std::string(table) + " row without an integer startNs/endNs");
        return false;
    }
    if (end < ts) {
        m_skips.add(std::string(table) + " row ending before it starts");
        return false;
    }
    if (ts < 0 || end > rec::kMaxAbsTime) {
        m_skips.add(std::string(table) + " row with a time out of range");
        return false;
    }
    dur = end - ts;
    return true;
}

void AscendDbImporter::emitSlice(uint32_t track, int64_t ts, int64_t dur, std::string_view name,
                                 std::string_view category)
{
    const uint32_t nameId = internOr(name, "(unnamed)");
    const uint32_t cat = category.empty() ? 0 : internOr(category, {});
    std::string argsScratch;
    const std::string_view args =
        m_args.empty() ? std::string_view() : m_sink.boundedJson(m_args.text(), argsScratch);
    m_sink.put(rec::SliceRec{track, ts, dur, nameId, cat, args});
    m_sink.nextSliceSequence();
}

bool AscendDbImporter::readIdentity()
{
    if (!m_db.hasTable("RANK_DEVICE_MAP"))
        return true;
    if (const std::string why = missingColumns(m_db, "RANK_DEVICE_MAP", {"rankId", "deviceId"});
        !why.empty())
        return fail(why);
    ForeignQuery q(m_db, "SELECT rankId, deviceId FROM RANK_DEVICE_MAP");
    int64_t rank = -1, device = -1;
    if (q.step()) {
        q.int64At(0, rank);
        q.int64At(1, device);
    }
    if (q.failed())
        return tableFailed("RANK_DEVICE_MAP", q);
    // A single-device run without distribution writes rank -1 (or no row).
    if (rank >= 0 && rank <= INT32_MAX) {
        m_tracks.setRankForAll(int32_t(rank));
        m_sink.put(rec::MetadataRec{m_sink.intern(rec::kMetaRankId), std::to_string(rank)});
    }
    if (device >= 0 && device < rec::kMaxDevice)
        m_device = int32_t(device);
    if (device >= 0 && device <= INT32_MAX)
        m_sink.put(rec::MetadataRec{m_sink.intern(rec::kMetaDeviceId), std::to_string(device)});
    return true;
}

// PYTORCH_API (Python layer) and CANN_API (CANN layer): host API calls per OS thread.
bool AscendDbImporter::readHostApis(const char *table, Layer layer)
{
    if (!m_db.hasTable(table))
        return true;
    if (const std::string why =
            missingColumns(m_db, table, {"startNs", "endNs", "globalTid", "name"});
        !why.empty())
        return fail(why);
    const bool python = layer == kPython;
    const std::string sql =
        "SELECT a.startNs, a.endNs, a.globalTid, a.name, " +
        columnsOrNull(m_db, table, "a", {"type", "connectionId"}) + ", " +
        (python ? columnsOrNull(m_db, table, "a",
                                {"sequenceNumber", "fwdThreadId", "inputDtypes", "inputShapes"})
                : std::string("NULL, NULL, NULL, NULL")) +
        " FROM " + table + " a";
    ForeignQuery q(m_db, sql);
    while (q.step()) {
        ++m_rows;
        int64_t ts = 0, dur = 0, globalTid = 0, n = 0;
        if (!readSpan(q, 0, 1, table, ts, dur))
            continue;
        if (!q.int64At(2, globalTid)) {
            m_skips.add(std::string(table) + " row without a globalTid");
            continue;
        }
        const std::string_view type = m_apiTypes.at(q, 4);
        m_args.clear();
        if (python) {
            if (q.int64At(6, n))
                m_args.addInt("Sequence number", n);
            if (q.int64At(7, n))
                m_args.addInt("Fwd thread id", n);
            if (const std::string_view s = m_strings.at(q, 8); !s.empty())
                m_args.addString("Input type", s);
            if (const std::string_view s = m_strings.at(q, 9); !s.empty())
                m_args.addString("Input Dims", s);
        } else {
            m_args.addInt("Thread Id", int64_t(uint64_t(globalTid) & 0xffffffffu));
            if (!type.empty())
                m_args.addString("level", type);
        }
        if (q.int64At(5, n))
            m_args.addInt("connection_id", n);
        emitSlice(hostTrack(layer, globalTid), ts, dur, m_strings.at(q, 3), type);
    }
    return q.failed() ? tableFailed(table, q) : true;
}

// MSTX_EVENTS: ranges are slices, markers (start = end) instants, on the emitting thread.
bool AscendDbImporter::readMstx()
{
    const char *table = "MSTX_EVENTS";
    if (!m_db.hasTable(table))
        return true;
    if (const std::string why =
            missingColumns(m_db, table, {"startNs", "endNs", "globalTid", "message", "eventType"});
        !why.empty())
        return fail(why);
    ForeignQuery q(m_db, "SELECT m.startNs, m.endNs, m.globalTid, m.message, m.eventType, " +
                             columnsOrNull(m_db, table, "m", {"domainId", "connectionId"}) +
                             " FROM MSTX_EVENTS m");
    while (q.step()) {
        ++m_rows;
        int64_t ts = 0, dur = 0, globalTid = 0, n = 0;
        if (!readSpan(q, 0, 1, table, ts, dur))
            continue;
        if (!q.int64At(2, globalTid)) {
            m_skips.add("MSTX_EVENTS row without a globalTid");
            continue;
        }
        m_args.clear();
        if (const std::string_view type = m_mstxTypes.at(q, 4); !type.empty())
            m_args.addString("event type", type);
        if (q.int64At(5, n))
            m_args.addInt("domain id", n);
        if (q.int64At(6, n))
            m_args.addInt("connection_id", n);
        const uint32_t t = hostTrack(kMstx, globalTid);
        if (dur == 0) {
            std::string argsScratch;
            m_sink.put(rec::InstantRec{t, ts, internOr(m_strings.at(q, 3), "(marker)"),
                                       m_sink.intern("MsTx"), rec::InstantScope::Thread,
                                       m_sink.boundedJson(m_args.text(), argsScratch)});
        } else {
            emitSlice(t, ts, dur, m_strings.at(q, 3), "MsTx");
        }
    }
    return q.failed() ? tableFailed(table, q) : true;
}

bool AscendDbImporter::run()
{
    std::string error;
    if (!m_db.open(m_bytes, ascendDbTables(), m_limits, error))
        return fail(error);
    // Every foreign SQLite file comes here first: an msMemScope dump is read by its own reader
    // over the same guarded connection.
    if (!looksLikeAscendDb(m_db) && memscope::dumpTableOf(m_db))
        return memscope::readDumpDb(m_db, m_bytes.size, m_sink);
    if (!looksLikeAscendDb(m_db) && looksLikeAnalysisDb(m_db))
        return readAnalysisSteps() && readAnalysisCommunication() && finish("ascend-analysis-db");
    if (!looksLikeAscendDb(m_db)) {
        std::string tables;
        for (const std::string &t : m_db.allTables())
            tables += (tables.empty() ? "" : ", ") + t;
        return fail(
            "an SQLite database, but not an Ascend profiler database (msprof_*.db, "
            "ascend_pytorch_profiler_*.db): it has no STRING_IDS with TASK, CANN_API, "
            "PYTORCH_API, COMMUNICATION_OP or MEMORY_RECORD, it is no analysis.db "
            "(StepTraceTime, CommAnalyzer*) and no msMemScope dump (memscope_dump); its tables: " +
            (tables.empty() ? std::string("none") : tables.substr(0, 400)));
    }
    if (!m_strings.load(m_db, error) || !m_apiTypes.load(m_db, "ENUM_API_TYPE", error) ||
        !m_mstxTypes.load(m_db, "ENUM_MSTX_EVENT_TYPE", error) ||
        !m_hcclDataTypes.load(m_db, "ENUM_HCCL_DATA_TYPE", error) ||
        !m_linkTypes.load(m_db, "ENUM_HCCL_LINK_TYPE", error) ||
        !m_transportTypes.load(m_db, "ENUM_HCCL_TRANSPORT_TYPE", error) ||
        !m_rdmaTypes.load(m_db, "ENUM_HCCL_RDMA_TYPE", error))
        return fail(error);
    m_sink.put(rec::ProgressRec{0, m_bytes.size, rec::Stage::Reading});
    if (!readIdentity() || !readHostApis("PYTORCH_API", kPython) ||
        !readHostApis("CANN_API", kCann) || !readMstx() || !readTasks() ||
        !readCommunicationOps() || !readCommunicationTasks() || !readCounters() ||
        !readComputeTasks() || !readCommunicationOpRows() || !readSteps() || !readMemoryRecords() ||
        !readOpMemory())
        return false;
    if (m_db.hasTable("TASK") && m_db.hasColumn("TASK", "connectionId")) {
        if (m_db.hasTable("CANN_API") && m_db.hasColumn("CANN_API", "connectionId") &&
            !readFlows("HostToDevice", "HostToDevice",
                       "SELECT a.globalTid, a.startNs, t.deviceId, t.streamId, t.startNs "
                       "FROM CANN_API a JOIN TASK t ON t.connectionId = a.connectionId"))
            return false;
        if (m_db.hasTable("PYTORCH_API") && m_db.hasColumn("PYTORCH_API", "connectionId") &&
            m_db.hasTable("CONNECTION_IDS") &&
            missingColumns(m_db, "CONNECTION_IDS", {"id", "connectionId"}).empty() &&
            !readFlows("async_npu", "torch_to_npu",
                       "SELECT p.globalTid, p.startNs, t.deviceId, t.streamId, t.startNs "
                       "FROM PYTORCH_API p JOIN CONNECTION_IDS c ON c.id = p.connectionId "
                       "JOIN TASK t ON t.connectionId = c.connectionId"))
            return false;
    }
    return finish("ascend-db");
}

bool AscendDbImporter::finish(const char *format)
{
    m_skips.sendTo(m_sink);
    if (m_db.walHeaderPatched())
        m_sink.put(rec::WarningRec{
            rec::kNoOffset,
            "the database was left in WAL mode (MindStudio Insight does this to the DBs it "
            "opens); only its main file was read"});
    if (m_sink.repairedStrings())
        m_sink.put(rec::WarningRec{rec::kNoOffset, std::to_string(m_sink.repairedStrings()) +
                                                       " strings were not valid UTF-8; bad bytes "
                                                       "were replaced by U+FFFD"});
    m_sink.put(rec::ProgressRec{m_bytes.size, m_bytes.size, rec::Stage::Finishing});
    m_sink.put(rec::ResultRec{m_sink.intern(format), m_rows});
    return true;
}

} // namespace ts::parsers

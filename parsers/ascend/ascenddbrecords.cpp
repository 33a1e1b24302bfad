// The Ascend record families of AscendDbImporter (records/ascendrecords.h): device tasks
// (COMPUTE_TASK_INFO joined with TASK, with the task's PMU metrics; COMMUNICATION_OP), steps
// (STEP_TIME), memory totals (MEMORY_RECORD) and operator allocations (OP_MEMORY). The DB
// already holds ns and bytes; every column a row carries goes into its columns JSON by the
// DB's column name, ids resolved to text.
#include "ascenddbimporter.h"

namespace ts::parsers {

namespace {

// COMPUTE_TASK_INFO columns that hold STRING_IDS ids, and those that hold plain numbers.
constexpr const char *kComputeTextColumns[] = {"inputFormats",  "inputDataTypes",  "inputShapes",
                                               "outputFormats", "outputDataTypes", "outputShapes",
                                               "attrInfo",      "opState",         "hf32Eligible"};
constexpr const char *kComputeNumberColumns[] = {"blockDim", "mixBlockDim", "blockNum",
                                                 "mixBlockNum"};

int32_t deviceOr(int64_t device, int32_t fallback)
{
    return device >= 0 && device < rec::kMaxDevice ? int32_t(device) : fallback;
}

} // namespace

int32_t AscendDbImporter::deviceAt(const ForeignQuery &q, int col) const
{
    int64_t d = -1;
    return q.int64At(col, d) ? deviceOr(d, m_device) : m_device;
}

bool AscendDbImporter::readComputeTasks()
{
    if (!m_db.hasTable("COMPUTE_TASK_INFO") || !m_db.hasTable("TASK"))
        return true;
    if (const std::string why = missingColumns(m_db, "COMPUTE_TASK_INFO",
                                               {"globalTaskId", "name", "opType", "taskType"});
        !why.empty())
        return fail(why);
    const char *c = "COMPUTE_TASK_INFO";
    std::string sql =
        "SELECT t.startNs, t.endNs, t.deviceId, t.streamId, " +
        columnsOrNull(m_db, "TASK", "t", {"taskId", "modelId", "contextId", "connectionId"}) +
        ", c.globalTaskId, c.name, c.opType, c.taskType";
    for (const char *col : kComputeTextColumns)
        sql += ", " + columnOrNull(m_db, c, "c", col);
    for (const char *col : kComputeNumberColumns)
        sql += ", " + columnOrNull(m_db, c, "c", col);
    // Ordered by task so the PMU rows (long form, also ordered by task) merge in one pass.
    sql += " FROM COMPUTE_TASK_INFO c JOIN TASK t ON t.globalTaskId = c.globalTaskId "
           "ORDER BY c.globalTaskId";
    const bool pmu =
        m_db.hasTable("TASK_PMU_INFO") &&
        missingColumns(m_db, "TASK_PMU_INFO", {"globalTaskId", "name", "value"}).empty();
    std::unique_ptr<ForeignQuery> metrics;
    bool metricRow = false;
    if (pmu) {
        metrics = std::make_unique<ForeignQuery>(
            m_db, "SELECT globalTaskId, name, value FROM TASK_PMU_INFO ORDER BY globalTaskId");
        metricRow = metrics->step();
    }
    const uint32_t noName = m_sink.intern("(unnamed)");
    ForeignQuery q(m_db, sql);
    std::string scratch;
    while (q.step()) {
        ++m_rows;
        int64_t ts = 0, dur = 0, n = 0, task = 0;
        if (!readSpan(q, 0, 1, "TASK", ts, dur))
            continue;
        rec::DeviceTaskRec r;
        r.kind = rec::TaskKind::Compute;
        r.device = deviceAt(q, 2);
        r.ts = ts;
        r.dur = dur;
        if (q.int64At(3, n) && n >= 0)
            r.stream = n;
        if (q.int64At(4, n) && n >= 0)
            r.taskId = n;
        r.name = m_strings.at(q, 9).empty() ? noName : internOr(m_strings.at(q, 9), {});
        r.opType = m_strings.at(q, 10).empty() ? 0 : internOr(m_strings.at(q, 10), {});
        r.core = m_strings.at(q, 11).empty() ? 0 : internOr(m_strings.at(q, 11), {});
        m_args.clear();
        if (q.int64At(5, n))
            m_args.addInt("modelId", n);
        if (q.int64At(6, n))
            m_args.addInt("contextId", n);
        if (q.int64At(7, n))
            m_args.addInt("connectionId", n);
        q.int64At(8, task);
        m_args.addInt("globalTaskId", task);
        int col = 12;
        for (const char *name : kComputeTextColumns) {
            if (!q.isNull(col))
                m_args.addString(name, m_strings.at(q, col));
            ++col;
        }
        for (const char *name : kComputeNumberColumns) {
            if (q.int64At(col, n))
                m_args.addInt(name, n);
            ++col;
        }
        // PMU metrics of this task: skip those of tasks without a compute row, take ours.
        int64_t metricTask = 0;
        while (metricRow && (!metrics->int64At(0, metricTask) || metricTask < task))
            metricRow = metrics->step();
        while (metricRow && metricTask == task) {
            double value = 0;
            if (metrics->doubleAt(2, value))
                m_args.addDouble(m_strings.at(*metrics, 1), value);
            metricRow = metrics->step() && metrics->int64At(0, metricTask);
        }
        r.columns = m_sink.boundedJson(m_args.text(), scratch);
        m_sink.put(r);
        ++m_deviceTasks;
    }
    if (q.failed())
        return tableFailed("COMPUTE_TASK_INFO", q);
    if (metrics && metrics->failed())
        return tableFailed("TASK_PMU_INFO", *metrics);
    return true;
}

bool AscendDbImporter::readCommunicationOpRows()
{
    const char *table = "COMMUNICATION_OP";
    if (!m_db.hasTable(table))
        return true; // columns were checked by readCommunicationOps
    ForeignQuery q(m_db, "SELECT o.startNs, o.endNs, o.opName, o.groupName, o.opId, " +
                             columnsOrNull(m_db, table, "o",
                                           {"connectionId", "opType", "algType", "dataType",
                                            "count", "relay", "retry", "deviceId"}) +
                             " FROM COMMUNICATION_OP o");
    const uint32_t core = m_sink.intern("COMMUNICATION");
    const uint32_t noName = m_sink.intern("(unnamed)");
    std::string scratch;
    while (q.step()) {
        int64_t ts = 0, dur = 0, n = 0;
        if (!readSpan(q, 0, 1, table, ts, dur))
            continue; // counted once, by the timeline pass
        rec::DeviceTaskRec r;
        r.kind = rec::TaskKind::Communication;
        r.device = deviceAt(q, 12);
        r.ts = ts;
        r.dur = dur;
        r.name = m_strings.at(q, 2).empty() ? noName : internOr(m_strings.at(q, 2), {});
        r.opType = m_strings.at(q, 6).empty() ? 0 : internOr(m_strings.at(q, 6), {});
        r.core = core;
        m_args.clear();
        m_args.addString("groupName", m_strings.at(q, 3));
        if (q.int64At(4, n))
            m_args.addInt("opId", n);
        if (q.int64At(5, n))
            m_args.addInt("connectionId", n);
        if (const std::string_view s = m_strings.at(q, 7); !s.empty())
            m_args.addString("algType", s);
        if (q.int64At(8, n)) {
            const std::string_view s = m_hcclDataTypes.name(n);
            s.empty() ? m_args.addInt("dataType", n) : m_args.addString("dataType", s);
        }
        if (q.int64At(9, n))
            m_args.addInt("count", n);
        if (q.int64At(10, n))
            m_args.addInt("relay", n);
        if (q.int64At(11, n))
            m_args.addInt("retry", n);
        r.columns = m_sink.boundedJson(m_args.text(), scratch);
        m_sink.put(r);
        ++m_deviceTasks;
    }
    return q.failed() ? tableFailed(table, q) : true;
}

bool AscendDbImporter::readSteps()
{
    if (!m_db.hasTable("STEP_TIME"))
        return true;
    if (const std::string why = missingColumns(m_db, "STEP_TIME", {"id", "startNs", "endNs"});
        !why.empty())
        return fail(why);
    ForeignQuery q(m_db, "SELECT id, startNs, endNs FROM STEP_TIME");
    while (q.step()) {
        ++m_rows;
        rec::StepRec r;
        r.device = m_device;
        int64_t n = 0;
        if (q.int64At(0, n) && n >= 0)
            r.step = n;
        if (q.int64At(1, n) && n >= 0 && n <= rec::kMaxAbsTime)
            r.startNs = n;
        if (q.int64At(2, n) && n >= 0 && n <= rec::kMaxAbsTime)
            r.endNs = n;
        if (r.startNs != -1 && r.endNs != -1 && r.endNs < r.startNs) {
            m_skips.add("STEP_TIME row ending before it starts");
            continue;
        }
        m_sink.put(r);
    }
    return q.failed() ? tableFailed("STEP_TIME", q) : true;
}

bool AscendDbImporter::readMemoryRecords()
{
    const char *table = "MEMORY_RECORD";
    if (!m_db.hasTable(table))
        return true;
    if (const std::string why = missingColumns(
            m_db, table, {"component", "timestamp", "totalAllocated", "totalReserved"});
        !why.empty())
        return fail(why);
    ForeignQuery q(m_db,
                   "SELECT m.component, m.timestamp, m.totalAllocated, m.totalReserved, " +
                       columnsOrNull(m_db, table, "m", {"totalActive", "streamPtr", "deviceId"}) +
                       " FROM MEMORY_RECORD m");
    const auto bytes = [&q](int col) {
        int64_t v = -1;
        return q.int64At(col, v) && v >= 0 && uint64_t(v) < rec::kMaxMemBytes ? v : int64_t(-1);
    };
    while (q.step()) {
        ++m_rows;
        rec::MemRecordRec r;
        if (!q.int64At(1, r.ts) || r.ts < 0 || r.ts > rec::kMaxAbsTime) {
            m_skips.add("MEMORY_RECORD row without an integer timestamp");
            continue;
        }
        r.component = internOr(m_strings.at(q, 0), "(unknown component)");
        r.allocated = bytes(2);
        r.reserved = bytes(3);
        r.active = bytes(4);
        int64_t ptr = 0;
        if (q.int64At(5, ptr))
            r.streamPtr = uint64_t(ptr);
        r.device = deviceAt(q, 6);
        m_sink.put(r);
        ++m_memRecords;
    }
    return q.failed() ? tableFailed(table, q) : true;
}

bool AscendDbImporter::readOpMemory()
{
    const char *table = "OP_MEMORY";
    if (!m_db.hasTable(table))
        return true;
    if (const std::string why = missingColumns(m_db, table, {"name", "size", "allocationTime"});
        !why.empty())
        return fail(why);
    ForeignQuery q(
        m_db, "SELECT o.name, o.size, o.allocationTime, " +
                  columnsOrNull(m_db, table, "o",
                                {"releaseTime", "activeReleaseTime", "streamPtr", "deviceId"}) +
                  " FROM OP_MEMORY o");
    const auto time = [&q](int col) {
        int64_t v = -1;
        return q.int64At(col, v) && v >= 0 && v <= rec::kMaxAbsTime ? v : int64_t(-1);
    };
    while (q.step()) {
        ++m_rows;
        rec::OpMemoryRec r;
        if (!q.int64At(1, r.size) || r.size <= -int64_t(rec::kMaxMemBytes) ||
            r.size >= int64_t(rec::kMaxMemBytes)) {
            m_skips.add("OP_MEMORY row without a usable size");
            continue;
        }
        r.name = internOr(m_strings.at(q, 0), "(unnamed)");
        r.allocTs = time(2);
        r.releaseTs = time(3);
        r.activeReleaseTs = time(4);
        int64_t ptr = 0;
        if (q.int64At(5, ptr))
            r.streamPtr = uint64_t(ptr);
        r.device = deviceAt(q, 6);
        m_sink.put(r);
    }
    return q.failed() ? tableFailed(table, q) : true;
}

} // namespace ts::parsers

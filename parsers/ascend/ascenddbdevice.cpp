// The device side of AscendDbImporter: tasks per stream, communication per group and plane,
// counters, and the flows from host calls to device tasks.
#include "ascenddbimporter.h"

namespace ts::parsers {

namespace {

// A counter table: one series per value column and per combination of key columns.
struct CounterTable
{
    const char *table;
    const char *layer;
    int64_t sortIndex;
    std::vector<const char *> keys;   // e.g. hbmId: one series each; "@type": a STRING_IDS id
    std::vector<const char *> values; // e.g. bandwidth
    const char *unit;                 // appended to the series name
};

const std::vector<CounterTable> &counterTables()
{
    static const std::vector<CounterTable> kTables = {
        {"AICORE_FREQ", "AI Core Freq", 14, {}, {"freq"}, "MHz"},
        {"HBM", "HBM", 17, {"hbmId", "@type"}, {"bandwidth"}, "B/s"},
        {"LLC", "LLC", 18, {"llcId", "@mode"}, {"hitRate", "throughput"}, ""},
        {"DDR", "DDR", 19, {}, {"read", "write"}, "B/s"},
        {"ACC_PMU",
         "Acc PMU",
         20,
         {"accId"},
         {"readBwLevel", "writeBwLevel", "readOstLevel", "writeOstLevel"},
         ""},
        {"SOC_BANDWIDTH_LEVEL", "Stars Soc Info", 21, {}, {"l2BufferBwLevel", "mataBwLevel"}, ""},
        {"NPU_MEM", "NPU MEM", 22, {"@type"}, {"ddr", "hbm"}, "B"},
    };
    return kTables;
}

} // namespace

bool AscendDbImporter::readTasks()
{
    const char *table = "TASK";
    if (!m_db.hasTable(table))
        return true;
    if (const std::string why = missingColumns(
            m_db, table, {"startNs", "endNs", "deviceId", "streamId", "taskType", "globalTaskId"});
        !why.empty())
        return fail(why);
    const bool compute =
        m_db.hasTable("COMPUTE_TASK_INFO") &&
        missingColumns(m_db, "COMPUTE_TASK_INFO", {"globalTaskId", "name"}).empty();
    const bool comm =
        m_db.hasTable("COMMUNICATION_TASK_INFO") &&
        missingColumns(m_db, "COMMUNICATION_TASK_INFO", {"globalTaskId", "name"}).empty();
    std::string sql =
        "SELECT t.startNs, t.endNs, t.deviceId, t.streamId, t.taskType, " +
        columnsOrNull(m_db, table, "t", {"taskId", "modelId", "contextId", "connectionId"}) + ", " +
        (compute ? "c.name, " + columnOrNull(m_db, "COMPUTE_TASK_INFO", "c", "opType")
                 : std::string("NULL, NULL")) +
        ", " + (comm ? std::string("m.name") : std::string("NULL")) + " FROM TASK t";
    if (compute)
        sql += " LEFT JOIN COMPUTE_TASK_INFO c ON c.globalTaskId = t.globalTaskId";
    if (comm)
        sql += " LEFT JOIN COMMUNICATION_TASK_INFO m ON m.globalTaskId = t.globalTaskId";
    ForeignQuery q(m_db, sql);
    while (q.step()) {
        ++m_rows;
        int64_t ts = 0, dur = 0, device = -1, stream = 0, n = 0;
        if (!readSpan(q, 0, 1, table, ts, dur))
            continue;
        if (!q.int64At(2, device) || device < 0 || device > INT32_MAX || !q.int64At(3, stream)) {
            m_skips.add("TASK row without a deviceId and streamId");
            continue;
        }
        const std::string_view taskType = m_strings.at(q, 4);
        m_args.clear();
        if (q.int64At(6, n))
            m_args.addInt("Model Id", n);
        m_args.addString("Task Type", taskType);
        m_args.addInt("Stream Id", stream);
        if (q.int64At(5, n))
            m_args.addInt("Task Id", n);
        if (q.int64At(7, n))
            m_args.addInt("Context Id", n);
        if (q.int64At(8, n))
            m_args.addInt("connection_id", n);
        if (const std::string_view op = m_strings.at(q, 10); !op.empty())
            m_args.addString("Op Type", op);
        std::string_view name = m_strings.at(q, 9);
        if (name.empty())
            name = m_strings.at(q, 11);
        emitSlice(streamTrack(device, stream), ts, dur, name.empty() ? taskType : name, {});
    }
    return q.failed() ? tableFailed(table, q) : true;
}

// COMMUNICATION_OP: whole collective operations, one track per communication group.
bool AscendDbImporter::readCommunicationOps()
{
    const char *table = "COMMUNICATION_OP";
    if (!m_db.hasTable(table))
        return true;
    if (const std::string why =
            missingColumns(m_db, table, {"opName", "startNs", "endNs", "groupName", "opId"});
        !why.empty())
        return fail(why);
    ForeignQuery q(m_db, "SELECT o.startNs, o.endNs, o.opName, o.groupName, o.opId, " +
                             columnsOrNull(m_db, table, "o",
                                           {"connectionId", "opType", "algType", "dataType",
                                            "count", "relay", "retry", "deviceId"}) +
                             " FROM COMMUNICATION_OP o");
    while (q.step()) {
        ++m_rows;
        int64_t ts = 0, dur = 0, group = -1, n = 0, device = -1;
        if (!readSpan(q, 0, 1, table, ts, dur))
            continue;
        q.int64At(3, group);
        // Older DBs name no device for an op: the rank's own (RANK_DEVICE_MAP), so ops and
        // planes share one HCCL group.
        device = deviceAt(q, 12);
        auto [it, fresh] = m_groupIndex.emplace(group, int64_t(m_groupIndex.size()));
        (void)fresh;
        m_args.clear();
        m_args.addString("group name", m_strings.at(q, 3));
        if (q.int64At(4, n))
            m_args.addInt("op id", n);
        if (q.int64At(5, n))
            m_args.addInt("connection_id", n);
        if (const std::string_view s = m_strings.at(q, 6); !s.empty())
            m_args.addString("op type", s);
        if (const std::string_view s = m_strings.at(q, 7); !s.empty())
            m_args.addString("alg_type", s);
        if (q.int64At(8, n)) {
            const std::string_view s = m_hcclDataTypes.name(n);
            if (s.empty())
                m_args.addInt("data_type", n);
            else
                m_args.addString("data_type", s);
        }
        if (q.int64At(9, n))
            m_args.addInt("count", n);
        if (q.int64At(10, n))
            m_args.addInt("relay", n);
        if (q.int64At(11, n))
            m_args.addInt("retry", n);
        // Group tracks come first in the layer, planes after them.
        const int64_t index = it->second;
        const uint32_t t = track(kHccl, int32_t(device), -1 - index,
                                 "Group " + std::to_string(index) + " Communication", index);
        emitSlice(t, ts, dur, m_strings.at(q, 2), "communication");
    }
    return q.failed() ? tableFailed(table, q) : true;
}

// COMMUNICATION_TASK_INFO joined with TASK: the small tasks of each plane (link).
bool AscendDbImporter::readCommunicationTasks()
{
    const char *table = "COMMUNICATION_TASK_INFO";
    if (!m_db.hasTable(table) || !m_db.hasTable("TASK"))
        return true;
    if (const std::string why = missingColumns(m_db, table, {"name", "globalTaskId", "planeId"});
        !why.empty())
        return fail(why);
    ForeignQuery q(m_db,
                   "SELECT t.startNs, t.endNs, m.planeId, m.name, " +
                       columnsOrNull(m_db, table, "m",
                                     {"taskType", "srcRank", "dstRank", "transportType", "size",
                                      "dataType", "linkType", "notifyId", "rdmaType", "opId"}) +
                       ", t.streamId, t.deviceId FROM COMMUNICATION_TASK_INFO m "
                       "JOIN TASK t ON t.globalTaskId = m.globalTaskId");
    while (q.step()) {
        ++m_rows;
        int64_t ts = 0, dur = 0, plane = 0, n = 0, device = -1;
        if (!readSpan(q, 0, 1, table, ts, dur))
            continue;
        if (!q.int64At(2, plane)) {
            m_skips.add("COMMUNICATION_TASK_INFO row without a planeId");
            continue;
        }
        device = deviceAt(q, 15);
        m_args.clear();
        if (const std::string_view s = m_strings.at(q, 4); !s.empty())
            m_args.addString("task type", s);
        if (q.int64At(14, n))
            m_args.addInt("stream id", n);
        if (q.int64At(5, n))
            m_args.addInt("src rank", n);
        if (q.int64At(6, n))
            m_args.addInt("dst rank", n);
        const std::pair<int, const DbEnum *> enums[] = {
            {7, &m_transportTypes}, {9, &m_hcclDataTypes}, {10, &m_linkTypes}, {12, &m_rdmaTypes}};
        const char *enumKeys[] = {"transport type", "data type", "link type", "rdma type"};
        for (size_t i = 0; i < 4; ++i)
            if (const std::string_view s = enums[i].second->at(q, enums[i].first); !s.empty())
                m_args.addString(enumKeys[i], s);
        if (q.int64At(8, n))
            m_args.addInt("size(Byte)", n);
        if (q.int64At(11, n))
            m_args.addInt("notify_id", n);
        if (q.int64At(13, n))
            m_args.addInt("op id", n);
        const uint32_t t =
            track(kHccl, int32_t(device), plane, "Plane " + std::to_string(plane), 1000000 + plane);
        emitSlice(t, ts, dur, m_strings.at(q, 3), "communication task");
    }
    return q.failed() ? tableFailed(table, q) : true;
}

bool AscendDbImporter::readCounters()
{
    for (const CounterTable &c : counterTables()) {
        if (!m_db.hasTable(c.table))
            continue;
        if (const std::string why = missingColumns(m_db, c.table, {"deviceId", "timestampNs"});
            !why.empty())
            return fail(why);
        std::string sql = "SELECT x.deviceId, x.timestampNs";
        for (const char *k : c.keys)
            sql += ", " + columnOrNull(m_db, c.table, "x", k[0] == '@' ? k + 1 : k);
        for (const char *v : c.values)
            sql += ", " + columnOrNull(m_db, c.table, "x", v);
        sql += std::string(" FROM ") + c.table + " x";
        ForeignQuery q(m_db, sql);
        std::string series;
        while (q.step()) {
            ++m_rows;
            int64_t device = -1, ts = 0, key = 0;
            if (!q.int64At(0, device) || device < 0 || device > INT32_MAX || !q.int64At(1, ts) ||
                ts < 0 || ts > rec::kMaxAbsTime) {
                m_skips.add(std::string(c.table) + " row without a deviceId and timestampNs");
                continue;
            }
            TraceId pid;
            pid.isNumber = false;
            pid.text = std::string(c.layer) + " " + std::to_string(device);
            const uint32_t process = m_tracks.process(pid);
            m_tracks.setProcessName(pid, c.layer);
            m_tracks.setProcessLabel(pid, "NPU " + std::to_string(device));
            m_tracks.setProcessSortIndex(pid, c.sortIndex * 1000 + device);
            std::string keys;
            for (size_t k = 0; k < c.keys.size(); ++k) {
                if (c.keys[k][0] == '@') // read / write, a mode: text from STRING_IDS
                    keys.append(" ").append(m_strings.at(q, int(2 + k)));
                else if (q.int64At(int(2 + k), key))
                    keys += std::string(" ") + c.keys[k] + " " + std::to_string(key);
            }
            for (size_t v = 0; v < c.values.size(); ++v) {
                double value = 0;
                if (!q.doubleAt(int(2 + c.keys.size() + v), value))
                    continue;
                series.assign(c.values[v]).append(keys);
                if (*c.unit)
                    series.append(" (").append(c.unit).append(")");
                m_sink.put(
                    rec::CounterRec{m_tracks.counterTrack(process, series, false), ts, value});
            }
        }
        if (q.failed())
            return tableFailed(c.table, q);
    }
    return true;
}

// Columns: host globalTid, host startNs, task deviceId, task streamId, task startNs. Each end
// is bound to the slice enclosing its time on its track, as the trace_view.json's flows are.
bool AscendDbImporter::readFlows(const char *category, const char *name, const std::string &sql)
{
    const uint32_t nameId = m_sink.intern(name);
    const uint32_t catId = m_sink.intern(category);
    ForeignQuery q(m_db, sql);
    while (q.step()) {
        int64_t globalTid = 0, hostTs = 0, device = -1, stream = 0, taskTs = 0;
        if (!q.int64At(0, globalTid) || !q.int64At(1, hostTs) || !q.int64At(2, device) ||
            device < 0 || device > INT32_MAX || !q.int64At(3, stream) || !q.int64At(4, taskTs) ||
            hostTs < 0 || hostTs > rec::kMaxAbsTime || taskTs < 0 || taskTs > rec::kMaxAbsTime) {
            m_skips.add(std::string(category) + " flow with an unusable end");
            continue;
        }
        rec::FlowRec f;
        f.out.bind = rec::FlowBind::Enclosing;
        f.out.track =
            hostTrack(std::string_view(category) == "async_npu" ? kPython : kCann, globalTid);
        f.out.ts = hostTs;
        f.in.bind = rec::FlowBind::Enclosing;
        f.in.track = streamTrack(device, stream);
        f.in.ts = taskTs;
        f.name = nameId;
        f.category = catId;
        m_sink.put(f);
        ++m_flows;
    }
    return q.failed() ? fail(std::string("reading the ") + category + " flows: " + q.error())
                      : true;
}

} // namespace ts::parsers

#include "ascendreader.h"

#include <cstdlib>

namespace ts::model {

namespace {

qint64 scalar(const Database &db, const char *sql)
{
    Statement s(db, sql);
    return s.ok() && s.step() ? s.int64(0) : 0;
}

bool hasAscendTables(const Database &db)
{
    return db.isOpen() &&
           scalar(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                      "('device_task','step_time','mem_record','op_memory')") == 4;
}

int metadataInt(const Database &db, const char *key)
{
    Statement s(db, "SELECT value FROM metadata WHERE key=? ORDER BY rowid DESC LIMIT 1");
    if (!s.ok())
        return -1;
    s.bind(1, std::string_view(key));
    if (!s.step())
        return -1;
    bool ok = false;
    const int v = s.text(0).trimmed().toInt(&ok);
    return ok && v >= 0 ? v : -1;
}

qint64 orNone(const Statement &s, int column)
{
    return s.isNull(column) ? -1 : s.int64(column);
}

} // namespace

int ascendRankOf(const Database &db)
{
    return metadataInt(db, "ascend.rank_id");
}

int ascendDeviceOf(const Database &db)
{
    const int meta = metadataInt(db, "ascend.device_id");
    if (meta >= 0 || !hasAscendTables(db))
        return meta;
    // The rows name their device (Device_id / Device Type columns): one device per rank folder.
    // Each table's least and greatest device come from the head and tail of its index on
    // device (step_time is a row per step): no scan, even over millions of rows.
    Statement s(db, "SELECT min(d), max(d) FROM (SELECT (SELECT min(device) FROM device_task) d "
                    "UNION ALL SELECT (SELECT max(device) FROM device_task) "
                    "UNION ALL SELECT (SELECT min(device) FROM mem_record) "
                    "UNION ALL SELECT (SELECT max(device) FROM mem_record) "
                    "UNION ALL SELECT device FROM step_time)");
    if (!s.ok() || !s.step() || s.isNull(0) || s.int64(0) != s.int64(1))
        return -1; // none, or more than one
    return int(s.int64(0));
}

AscendSummary AscendSummary::fromDatabase(const Database &db)
{
    AscendSummary a;
    if (!hasAscendTables(db))
        return a;
    // The writer numbers each table's rows densely from 1 in arrival order (ascendschema.sql),
    // so the last id is the count, read from the end of the table instead of counting it.
    a.deviceTasks = scalar(db, "SELECT coalesce(max(id), 0) FROM device_task");
    a.steps = scalar(db, "SELECT coalesce(max(id), 0) FROM step_time");
    a.memRecords = scalar(db, "SELECT coalesce(max(id), 0) FROM mem_record");
    a.opMemory = scalar(db, "SELECT coalesce(max(id), 0) FROM op_memory");
    a.rankId = ascendRankOf(db);
    a.deviceId = ascendDeviceOf(db);
    return a;
}

AscendSummary AscendSummary::fromCache(const QString &cachePath, QString *error)
{
    Database db;
    if (!db.openReadOnly(cachePath, error))
        return {};
    return fromDatabase(db);
}

std::vector<DeviceTaskRow> deviceTasksNear(const Database &db, qint64 stream, qint64 taskId,
                                           qint64 ts, qint64 toleranceNs, int limit)
{
    std::vector<DeviceTaskRow> rows;
    if (!hasAscendTables(db))
        return rows;
    Statement s(db, "SELECT t.id, t.device, t.stream, t.task_id, t.ts, t.dur, t.wait, t.kind, "
                    "n.str, o.str, c.str, t.columns FROM device_task t "
                    "LEFT JOIN string n ON n.id = t.name_id LEFT JOIN string o ON o.id = "
                    "t.op_type_id LEFT JOIN string c ON c.id = t.core_id "
                    "WHERE t.ts BETWEEN ?1 AND ?2 AND (?3 < 0 OR t.stream = ?3) "
                    "AND (?4 < 0 OR t.task_id = ?4) ORDER BY abs(t.ts - ?5) LIMIT ?6");
    if (!s.ok())
        return rows;
    s.bind(1, int64_t(ts - toleranceNs)).bind(2, int64_t(ts + toleranceNs));
    s.bind(3, int64_t(stream)).bind(4, int64_t(taskId)).bind(5, int64_t(ts));
    s.bind(6, int64_t(limit));
    while (s.step()) {
        DeviceTaskRow r;
        r.id = s.int64(0);
        r.device = int(orNone(s, 1));
        r.stream = orNone(s, 2);
        r.taskId = orNone(s, 3);
        r.ts = s.int64(4);
        r.dur = orNone(s, 5);
        r.wait = orNone(s, 6);
        r.kind = int(s.int64(7));
        r.name = s.text(8);
        r.opType = s.text(9);
        r.core = s.text(10);
        r.columnsJson = s.text(11);
        rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<MemRecordSeries> memRecordSeries(const Database &db)
{
    std::vector<MemRecordSeries> out;
    if (!hasAscendTables(db))
        return out;
    // The series index (device, component_id, ts) serves this order.
    Statement s(db, "SELECT m.device, m.component_id, c.str, m.ts, m.allocated, m.reserved, "
                    "m.active FROM mem_record m JOIN string c ON c.id = m.component_id "
                    "ORDER BY m.device, m.component_id, m.ts");
    if (!s.ok())
        return out;
    qint64 lastDevice = -2, lastComponent = -1;
    while (s.step()) {
        const qint64 device = orNone(s, 0);
        const qint64 component = s.int64(1);
        if (out.empty() || device != lastDevice || component != lastComponent) {
            MemRecordSeries series;
            series.device = int(device);
            series.component = s.text(2);
            out.push_back(std::move(series));
            lastDevice = device;
            lastComponent = component;
        }
        MemRecordSeries &series = out.back();
        series.ts.push_back(s.int64(3));
        series.allocated.push_back(orNone(s, 4));
        series.reserved.push_back(orNone(s, 5));
        series.active.push_back(orNone(s, 6));
    }
    return out;
}

std::vector<OpMemoryRow> opMemoryRows(const Database &db, int device)
{
    std::vector<OpMemoryRow> out;
    if (!hasAscendTables(db))
        return out;
    Statement s(db, "SELECT o.device, n.str, o.size, o.alloc_ts, o.release_ts, "
                    "o.active_release_ts FROM op_memory o JOIN string n ON n.id = o.name_id "
                    "WHERE ?1 < 0 OR o.device = ?1 ORDER BY o.device, o.alloc_ts");
    if (!s.ok())
        return out;
    s.bind(1, int64_t(device));
    while (s.step()) {
        OpMemoryRow r;
        r.device = int(orNone(s, 0));
        r.name = s.text(1);
        r.size = s.int64(2);
        r.allocTs = orNone(s, 3);
        r.releaseTs = orNone(s, 4);
        r.activeReleaseTs = orNone(s, 5);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace ts::model

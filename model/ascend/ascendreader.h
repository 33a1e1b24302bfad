#pragma once
// Read access to the Ascend tables of a cache (ascendschema.sql), for the headless summary, the
// Memory view's Ascend sources and the timeline's slice details. Plain values out; the caller
// owns the read-only Database (CacheReader::database() or Database::openReadOnly). Every
// function copes with a cache whose tables are empty (any non-Ascend input).

#include "cache/sqlite.h"

#include <QString>

#include <vector>

namespace ts::model {

struct AscendSummary
{
    qint64 deviceTasks = 0, steps = 0, memRecords = 0, opMemory = 0;
    int rankId = -1;   // from the ascend.rank_id metadata (profiler_info / RANK_DEVICE_MAP)
    int deviceId = -1; // from ascend.device_id, else the one device the rows name, else -1

    bool present() const { return deviceTasks || steps || memRecords || opMemory || rankId >= 0; }
    static AscendSummary fromDatabase(const Database &db);
    static AscendSummary fromCache(const QString &cachePath, QString *error = nullptr);
};

// The rank identity of one cache: -1 when it carries none.
int ascendRankOf(const Database &db);
int ascendDeviceOf(const Database &db);

struct DeviceTaskRow
{
    qint64 id = 0;
    int device = -1;
    qint64 stream = -1, taskId = -1; // -1: none
    qint64 ts = 0, dur = -1, wait = -1;
    int kind = 0;
    QString name, opType, core;
    QString columnsJson; // every other column of the row, as a JSON object text
};

// The device tasks that match a timeline slice: same stream and task id where the slice names
// them (-1: any), starting within toleranceNs of ts. At most limit rows, nearest start first.
std::vector<DeviceTaskRow> deviceTasksNear(const Database &db, qint64 stream, qint64 taskId,
                                           qint64 ts, qint64 toleranceNs = 1000, int limit = 4);

struct MemRecordSeries
{
    int device = -1;
    QString component; // APP, PTA, GE, PTA+GE, …
    std::vector<qint64> ts;
    std::vector<qint64> allocated, reserved, active; // bytes, -1 = not recorded
};
// Every (device, component) series of mem_record, in time order.
std::vector<MemRecordSeries> memRecordSeries(const Database &db);

struct OpMemoryRow
{
    int device = -1;
    QString name;
    qint64 size = 0;                                           // bytes
    qint64 allocTs = -1, releaseTs = -1, activeReleaseTs = -1; // ns, -1 = none
};
std::vector<OpMemoryRow> opMemoryRows(const Database &db, int device = -1);

} // namespace ts::model

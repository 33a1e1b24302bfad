#include "ascendwriter.h"

#include "ascend/ascendschema.h"
#include "cache/bulkinsert.h"

namespace ts::model {

using rec::RecordType;

struct AscendWriter::Bulk
{
    explicit Bulk(sqlite3 *db)
        : task(db, "device_task",
               {"device", "stream", "task_id", "ts", "dur", "wait", "kind", "name_id", "op_type_id",
                "core_id", "columns"}),
          step(db, "step_time", {"step", "device", "start_ns", "end_ns", "metrics"}),
          memRecord(
              db, "mem_record",
              {"device", "component_id", "ts", "allocated", "reserved", "active", "stream_ptr"}),
          opMemory(db, "op_memory",
                   {"device", "name_id", "size", "alloc_ts", "release_ts", "active_release_ts",
                    "stream_ptr"})
    {}
    bool ok() const { return task.ok() && step.ok() && memRecord.ok() && opMemory.ok(); }
    bool flush() { return task.flush() && step.flush() && memRecord.flush() && opMemory.flush(); }
    BulkInsert task, step, memRecord, opMemory;
};

namespace {

// -1 is the records' "none" for devices, ids, times and sizes: NULL in the tables.
BulkInsert &addOpt(BulkInsert &b, int64_t v)
{
    return v == -1 ? b.addNull() : b.add(v);
}
BulkInsert &addJson(BulkInsert &b, std::string_view json)
{
    return json.empty() ? b.addNull() : b.addText(json);
}
BulkInsert &addPtr(BulkInsert &b, uint64_t p)
{
    return p == 0 ? b.addNull() : b.add(int64_t(p)); // same bits
}

} // namespace

AscendWriter::AscendWriter(Database &db) : m_db(db) {}
AscendWriter::~AscendWriter() = default;

bool AscendWriter::createTables(QString *error)
{
    QString sqlError;
    if (!m_db.exec(ascendSchemaSql(), &sqlError)) {
        if (error)
            *error = QStringLiteral("cannot create the Ascend tables: %1").arg(sqlError);
        return false;
    }
    m_bulk = std::make_unique<Bulk>(m_db.handle());
    if (!m_bulk->ok()) {
        if (error)
            *error = QStringLiteral("cannot prepare the Ascend tables: %1").arg(m_db.lastError());
        m_bulk.reset();
        return false;
    }
    return true;
}

bool AscendWriter::apply(const rec::FrameSplitter::Frame &frame)
{
    if (!m_bulk)
        return false;
    switch (frame.type) {
    case RecordType::DeviceTask: {
        rec::DeviceTaskRec r;
        rec::decode(frame.payload, r);
        BulkInsert &b = m_bulk->task;
        addOpt(b, r.device);
        addOpt(b, r.stream);
        addOpt(b, r.taskId);
        b.add(r.ts);
        addOpt(b, r.dur);
        addOpt(b, r.wait);
        b.add(int64_t(r.kind)).addId(r.name).addId(r.opType).addId(r.core);
        addJson(b, r.columns);
        ++m_counts.deviceTasks;
        return b.endRow();
    }
    case RecordType::Step: {
        rec::StepRec r;
        rec::decode(frame.payload, r);
        BulkInsert &b = m_bulk->step;
        addOpt(b, r.step);
        addOpt(b, r.device);
        addOpt(b, r.startNs);
        addOpt(b, r.endNs);
        addJson(b, r.metrics);
        ++m_counts.steps;
        return b.endRow();
    }
    case RecordType::MemRecord: {
        rec::MemRecordRec r;
        rec::decode(frame.payload, r);
        BulkInsert &b = m_bulk->memRecord;
        addOpt(b, r.device);
        b.add(int64_t(r.component)).add(r.ts);
        addOpt(b, r.allocated);
        addOpt(b, r.reserved);
        addOpt(b, r.active);
        addPtr(b, r.streamPtr);
        ++m_counts.memRecords;
        return b.endRow();
    }
    case RecordType::OpMemory: {
        rec::OpMemoryRec r;
        rec::decode(frame.payload, r);
        BulkInsert &b = m_bulk->opMemory;
        addOpt(b, r.device);
        b.add(int64_t(r.name)).add(r.size);
        addOpt(b, r.allocTs);
        addOpt(b, r.releaseTs);
        addOpt(b, r.activeReleaseTs);
        addPtr(b, r.streamPtr);
        ++m_counts.opMemory;
        return b.endRow();
    }
    default:
        return true; // not an Ascend record: nothing to do here
    }
}

bool AscendWriter::finish()
{
    QString sqlError;
    return m_bulk && m_bulk->flush() && m_db.exec(ascendIndexSql(), &sqlError);
}

} // namespace ts::model

#pragma once
// Writes the Ascend records of a checked stream (DeviceTask, Step, MemRecord, OpMemory) into the
// Ascend tables (ascendschema.sql) of a cache being written. CacheWriter owns the Database and the
// transaction and hands over what handles() accepts; this class owns only its batch inserters,
// so it must be destroyed before the Database is closed. Each record is already in its final
// form, so rows go to SQLite in batches as they arrive (bulkinsert.h) and the indexes are built
// once at finish().

#include "cache/sqlite.h"
#include "records/recordformat.h"

#include <QString>

#include <memory>

namespace ts::model {

struct AscendCounts
{
    qint64 deviceTasks = 0, steps = 0, memRecords = 0, opMemory = 0;
};

class AscendWriter
{
public:
    explicit AscendWriter(Database &db);
    ~AscendWriter();
    AscendWriter(const AscendWriter &) = delete;
    AscendWriter &operator=(const AscendWriter &) = delete;

    // Creates the Ascend tables (idempotent) and prepares the inserters.
    bool createTables(QString *error);
    static bool handles(rec::RecordType type)
    {
        return type >= rec::RecordType::DeviceTask && type <= rec::RecordType::OpMemory;
    }
    // Applies one frame that RecordValidator accepted. False only on an SQLite failure.
    bool apply(const rec::FrameSplitter::Frame &frame);
    // The stream has ended: writes the last batches and builds the indexes.
    bool finish();
    QString lastError() const { return m_db.lastError(); }

    const AscendCounts &counts() const { return m_counts; }

private:
    struct Bulk;
    Database &m_db;
    std::unique_ptr<Bulk> m_bulk;
    AscendCounts m_counts;
};

} // namespace ts::model

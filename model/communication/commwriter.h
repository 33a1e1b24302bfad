#pragma once
// Writes the communication records of a checked stream (CommOp, CommLink, CommMatrix) into the
// tables of commschema.sql. CacheWriter owns the Database and the transaction and hands over what
// handles() accepts; this class owns only its batch inserters, so it must be destroyed before the
// Database is closed. The tables are small (one row per operator and link) and read whole by the
// Communication view, so they get no index.

#include "cache/sqlite.h"
#include "records/recordformat.h"

#include <QString>

#include <memory>

namespace ts::model {

struct CommCounts
{
    qint64 ops = 0, links = 0, matrixLinks = 0;
};

class CommWriter
{
public:
    explicit CommWriter(Database &db);
    ~CommWriter();
    CommWriter(const CommWriter &) = delete;
    CommWriter &operator=(const CommWriter &) = delete;

    bool createTables(QString *error);
    static bool handles(rec::RecordType type)
    {
        return type >= rec::RecordType::CommOp && type <= rec::RecordType::CommMatrix;
    }
    // Applies one frame that RecordValidator accepted. False only on an SQLite failure.
    bool apply(const rec::FrameSplitter::Frame &frame);
    bool finish();

    const CommCounts &counts() const { return m_counts; }

private:
    struct Bulk;
    Database &m_db;
    std::unique_ptr<Bulk> m_bulk;
    CommCounts m_counts;
};

} // namespace ts::model

#pragma once
// Writes the memory records of a checked stream (StackFrame, Stack, MemSegment, MemBlock,
// MemEvent, MemAnnotation) into the memory tables (memoryschema.sql) of a cache being written.
// CacheWriter owns the Database and the transaction; this class owns only its prepared
// statements, so it must be destroyed before the Database is closed. Rows go straight to SQLite
// as they arrive: each record is already in its final form.

#include "cache/sqlite.h"
#include "records/recordformat.h"

#include <QString>

#include <memory>

namespace ts::model {

class MemoryWriter
{
public:
    explicit MemoryWriter(Database &db);
    ~MemoryWriter();
    MemoryWriter(const MemoryWriter &) = delete;
    MemoryWriter &operator=(const MemoryWriter &) = delete;

    // Creates the memory tables (idempotent) and prepares the statements.
    bool createTables(QString *error);
    static bool handles(rec::RecordType type)
    {
        return type >= rec::RecordType::StackFrame && type <= rec::RecordType::MemAnnotation;
    }
    // Applies one frame that RecordValidator accepted. False only on an SQLite failure.
    bool apply(const rec::FrameSplitter::Frame &frame);
    QString lastError() const { return m_db.lastError(); }

    qint64 segments() const { return m_segments; }
    qint64 blocks() const { return m_blocks; }
    qint64 events() const { return m_events; }

private:
    struct Statements;
    Database &m_db;
    std::unique_ptr<Statements> m_stmts;
    qint64 m_segments = 0, m_blocks = 0, m_events = 0;
};

} // namespace ts::model

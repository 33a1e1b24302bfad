#pragma once
// Writes the memory records of a checked stream (StackFrame, Stack, MemSegment, MemBlock,
// MemEvent, MemAnnotation) into the memory tables (memoryschema.sql) of a cache being written.
// CacheWriter owns the Database and the transaction; this class owns only its prepared
// statements, so it must be destroyed before the Database is closed. Rows go straight to SQLite
// as they arrive: each record is already in its final form. Memory events also go, a pack at a
// time, into mem_event_pack (memoryevent.h); finish() writes the last, partial pack when the
// stream has ended (a cache without it still reads: readers take rows after the last pack from
// mem_event).

#include "cache/sqlite.h"
#include "memory/memoryevent.h"
#include "records/recordformat.h"

#include <QString>

#include <memory>
#include <string>

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
    // The stream has ended: writes what is still packed. False only on an SQLite failure.
    bool finish();
    QString lastError() const { return m_db.lastError(); }

    qint64 segments() const { return m_segments; }
    qint64 blocks() const { return m_blocks; }
    qint64 events() const { return m_events; }

private:
    struct Statements;
    // Consecutive mem_event rows of one device, packed, not yet written.
    struct Pack
    {
        int device = 0;
        int64_t firstId = 0;
        int64_t count = 0;
        std::string events;
    };
    bool addToPack(int device, int64_t rowId, const MemoryEvent &e);
    bool writePack();

    Database &m_db;
    std::unique_ptr<Statements> m_stmts;
    Pack m_pack;
    qint64 m_segments = 0, m_blocks = 0, m_events = 0;
};

} // namespace ts::model

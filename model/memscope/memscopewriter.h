#pragma once
// Writes the msMemScope records of a checked stream (MemScopeEvent) into memscope_event, and at
// finish() derives the blocks from them by the pairing rule (blockpairing.h): one pass over the
// MALLOC and FREE rows in time order through an index, holding only the live blocks in memory,
// writing memscope_block and memscope_orphan_free. CacheWriter owns the Database and the
// transaction; this class owns only its inserters and must be destroyed before the Database.

#include "cache/sqlite.h"
#include "memscope/blockpairing.h"
#include "records/recordformat.h"

#include <QString>

#include <memory>

namespace ts::model {

class MemScopeWriter
{
public:
    explicit MemScopeWriter(Database &db);
    ~MemScopeWriter();
    MemScopeWriter(const MemScopeWriter &) = delete;
    MemScopeWriter &operator=(const MemScopeWriter &) = delete;

    bool createTables(QString *error);
    static bool handles(rec::RecordType type) { return type == rec::RecordType::MemScopeEvent; }
    // Applies one frame that RecordValidator accepted. False only on an SQLite failure.
    bool apply(const rec::FrameSplitter::Frame &frame);
    // The stream has ended: the last batch, the indexes, then the blocks.
    bool finish();

    qint64 events() const { return m_events; }
    const PairingCounts &pairing() const { return m_pairing; }

private:
    bool writeBlocks();
    struct Bulk;
    Database &m_db;
    std::unique_ptr<Bulk> m_bulk;
    qint64 m_events = 0;
    PairingCounts m_pairing;
};

} // namespace ts::model

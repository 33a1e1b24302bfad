#include "memscopewriter.h"

#include "cache/bulkinsert.h"
#include "memscope/memscopeschema.h"

namespace ts::model {

struct MemScopeWriter::Bulk
{
    explicit Bulk(sqlite3 *db)
        : event(db, "memscope_event",
                {"row_id", "kind", "event_id", "type_id", "name_id", "ts", "pid", "tid", "device",
                 "ptr", "size", "owner_id", "py_stack_id", "c_stack_id", "attr"})
    {}
    BulkInsert event;
};

namespace {

BulkInsert &addOpt(BulkInsert &b, int64_t v)
{
    return v == -1 ? b.addNull() : b.add(v);
}

} // namespace

MemScopeWriter::MemScopeWriter(Database &db) : m_db(db) {}
MemScopeWriter::~MemScopeWriter() = default;

bool MemScopeWriter::createTables(QString *error)
{
    QString sqlError;
    if (!m_db.exec(memScopeSchemaSql(), &sqlError)) {
        if (error)
            *error = QStringLiteral("cannot create the msMemScope tables: %1").arg(sqlError);
        return false;
    }
    m_bulk = std::make_unique<Bulk>(m_db.handle());
    if (!m_bulk->event.ok()) {
        if (error)
            *error =
                QStringLiteral("cannot prepare the msMemScope tables: %1").arg(m_db.lastError());
        m_bulk.reset();
        return false;
    }
    return true;
}

bool MemScopeWriter::apply(const rec::FrameSplitter::Frame &frame)
{
    if (!m_bulk || frame.type != rec::RecordType::MemScopeEvent)
        return m_bulk != nullptr;
    rec::MemScopeEventRec r;
    rec::decode(frame.payload, r);
    BulkInsert &b = m_bulk->event;
    addOpt(b, r.rowId);
    b.add(int64_t(r.kind)).addId(r.event).addId(r.eventType).addId(r.name).add(r.ts);
    addOpt(b, r.pid);
    addOpt(b, r.tid);
    addOpt(b, r.device);
    if (r.flags & rec::kMemScopeHasPtr)
        b.add(int64_t(r.ptr)); // same bits
    else
        b.addNull();
    if (r.flags & rec::kMemScopeHasSize)
        b.add(r.size);
    else
        b.addNull();
    b.addId(r.owner).addId(r.pyStack).addId(r.cStack);
    if (r.attr.empty())
        b.addNull();
    else
        b.addText(r.attr);
    ++m_events;
    return b.endRow();
}

bool MemScopeWriter::writeBlocks()
{
    // Batched like the events: a block per MALLOC, so as many rows as a third of the dump.
    BulkInsert blocks(m_db.handle(), "memscope_block",
                      {"alloc_event", "free_event", "alloc_ts", "free_ts", "device", "pid",
                       "type_id", "ptr", "size", "owner_id"});
    BulkInsert orphans(m_db.handle(), "memscope_orphan_free", {"event"});
    Statement events(m_db, "SELECT id, kind, ts, pid, type_id, ptr, device, size, owner_id "
                           "FROM memscope_event WHERE kind IN (1, 2) ORDER BY ts, row_id, id");
    if (!blocks.ok() || !orphans.ok() || !events.ok())
        return false;
    BlockPairing pairing(
        [&blocks](const PairedBlock &b) {
            const PairingEvent &a = b.alloc;
            blocks.add(a.event);
            addOpt(blocks, b.freeEvent).add(a.ts);
            addOpt(blocks, b.freeTs);
            addOpt(blocks, a.device);
            addOpt(blocks, a.pid).addId(a.type).add(int64_t(a.ptr));
            blocks.add(int64_t(b.bytes())).addId(a.owner);
            return blocks.endRow();
        },
        [&orphans](const PairingEvent &f) { return orphans.add(f.event).endRow(); });
    const auto nullable = [&events](int col) {
        return events.isNull(col) ? -1 : events.int64(col);
    };
    while (events.step()) {
        PairingEvent e;
        e.event = events.int64(0);
        e.malloc = events.int64(1) == int64_t(rec::MemScopeKind::Malloc);
        e.ts = events.int64(2);
        e.pid = nullable(3);
        e.type = uint32_t(events.int64(4));
        e.ptr = uint64_t(events.int64(5));
        e.device = int32_t(nullable(6));
        e.size = events.int64(7);
        e.owner = uint32_t(events.int64(8));
        if (!pairing.add(e))
            return false;
    }
    const bool ok = pairing.finish() && blocks.flush() && orphans.flush();
    m_pairing = pairing.counts();
    return ok;
}

bool MemScopeWriter::finish()
{
    QString sqlError;
    return m_bulk && m_bulk->event.flush() && m_db.exec(memScopeIndexSql(), &sqlError) &&
           writeBlocks();
}

} // namespace ts::model

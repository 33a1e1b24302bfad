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
    Statement insertBlock(m_db, "INSERT INTO memscope_block(alloc_event, free_event, alloc_ts, "
                                "free_ts, device, pid, type_id, ptr, size, owner_id) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    Statement insertOrphan(m_db, "INSERT INTO memscope_orphan_free(event) VALUES (?1)");
    Statement events(m_db, "SELECT id, kind, ts, pid, type_id, ptr, device, size, owner_id "
                           "FROM memscope_event WHERE kind IN (1, 2) ORDER BY ts, row_id, id");
    if (!insertBlock.ok() || !insertOrphan.ok() || !events.ok())
        return false;
    const auto optional = [](Statement &s, int index, int64_t v) -> Statement & {
        return v == -1 ? s.bindNull(index) : s.bind(index, v);
    };
    BlockPairing pairing(
        [&](const PairedBlock &b) {
            const PairingEvent &a = b.alloc;
            insertBlock.bind(1, a.event);
            optional(insertBlock, 2, b.freeEvent).bind(3, a.ts);
            optional(insertBlock, 4, b.freeTs);
            optional(insertBlock, 5, a.device);
            optional(insertBlock, 6, a.pid).bindId(7, a.type).bind(8, int64_t(a.ptr));
            insertBlock.bind(9, int64_t(b.bytes())).bindId(10, a.owner);
            const bool ok = insertBlock.run();
            insertBlock.reset();
            return ok;
        },
        [&](const PairingEvent &f) {
            const bool ok = insertOrphan.bind(1, f.event).run();
            insertOrphan.reset();
            return ok;
        });
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
    const bool ok = pairing.finish();
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

#include "memorywriter.h"

#include "memory/blobstatement.h"
#include "memory/memoryschema.h"

namespace ts::model {

using rec::RecordType;

struct MemoryWriter::Statements
{
    explicit Statements(const Database &db)
        : frame(db, "INSERT INTO stack_frame(id,name_id,file_id,line) VALUES (?,?,?,?)"),
          segment(db, "INSERT INTO mem_segment(id,device,address,total_size,allocated_size,"
                      "active_size,requested_size,stream,segment_type,is_expandable,pool_id_0,"
                      "pool_id_1,stack_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
          block(db, "INSERT INTO mem_block(segment_id,address,size,requested_size,state,stack_id) "
                    "VALUES (?,?,?,?,?,?)"),
          event(db, "INSERT INTO mem_event(device,seq,action,addr,size,stream,ts,before_trace,"
                    "device_free,category_id,stack_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
          annotation(db, "INSERT INTO mem_annotation(device,ts,stage,name_id) VALUES (?,?,?,?)"),
          stack(db, "INSERT INTO stack(id,depth,frames) VALUES (?,?,?)", true),
          pack(db, "INSERT INTO mem_event_pack(first_id,device,count,events) VALUES (?,?,?,?)",
               true)
    {}
    bool ok() const
    {
        for (const Statement *s : {&frame, &segment, &block, &event, &annotation})
            if (!s->ok())
                return false;
        return stack.ok() && pack.ok();
    }
    Statement frame, segment, block, event, annotation;
    BlobStatement stack, pack; // blob columns
};

namespace {

int64_t bits(uint64_t v)
{
    return int64_t(v);
} // u64 stored with the same bits
Statement &bindTime(Statement &s, int index, int64_t ns)
{
    return ns == -1 ? s.bindNull(index) : s.bind(index, ns);
}

} // namespace

MemoryWriter::MemoryWriter(Database &db) : m_db(db) {}
MemoryWriter::~MemoryWriter() = default;

bool MemoryWriter::createTables(QString *error)
{
    QString sqlError;
    if (!m_db.exec(memorySchemaSql(), &sqlError)) {
        if (error)
            *error = QStringLiteral("cannot create the memory tables: %1").arg(sqlError);
        return false;
    }
    m_stmts = std::make_unique<Statements>(m_db);
    if (!m_stmts->ok()) {
        if (error)
            *error = QStringLiteral("cannot prepare the memory tables: %1").arg(m_db.lastError());
        m_stmts.reset();
        return false;
    }
    return true;
}

bool MemoryWriter::apply(const rec::FrameSplitter::Frame &frame)
{
    if (!m_stmts)
        return false;
    Statements &st = *m_stmts;
    switch (frame.type) {
    case RecordType::StackFrame: {
        rec::StackFrameRec r;
        rec::decode(frame.payload, r);
        st.frame.bind(1, int64_t(r.id)).bind(2, int64_t(r.name)).bind(3, int64_t(r.file));
        return st.frame.bind(4, int64_t(r.line)).run();
    }
    case RecordType::Stack: {
        rec::StackRec r;
        rec::decode(frame.payload, r);
        return st.stack.bind(1, int64_t(r.id))
            .bind(2, int64_t(r.count()))
            .bindBlob(3, r.frameBytes)
            .run();
    }
    case RecordType::MemSegment: {
        rec::MemSegmentRec r;
        rec::decode(frame.payload, r);
        Statement &s = st.segment;
        s.bind(1, int64_t(r.id)).bind(2, int64_t(r.device)).bind(3, bits(r.address));
        s.bind(4, bits(r.totalSize)).bind(5, bits(r.allocatedSize)).bind(6, bits(r.activeSize));
        s.bind(7, bits(r.requestedSize)).bind(8, bits(r.stream));
        s.bind(9, int64_t(r.segmentType)).bind(10, int64_t(r.flags & rec::kSegmentExpandable));
        if (r.flags & rec::kSegmentHasPoolId)
            s.bind(11, r.poolId0).bind(12, r.poolId1);
        else
            s.bindNull(11).bindNull(12);
        ++m_segments;
        return s.bindId(13, r.stack).run();
    }
    case RecordType::MemBlock: {
        rec::MemBlockRec r;
        rec::decode(frame.payload, r);
        Statement &s = st.block;
        s.bind(1, int64_t(r.segment)).bind(2, bits(r.address)).bind(3, bits(r.size));
        s.bind(4, bits(r.requestedSize)).bind(5, int64_t(r.state)).bindId(6, r.stack);
        ++m_blocks;
        return s.run();
    }
    case RecordType::MemEvent: {
        rec::MemEventRec r;
        rec::decode(frame.payload, r);
        Statement &s = st.event;
        s.bind(1, int64_t(r.device)).bind(2, bits(r.sequence)).bind(3, int64_t(r.action));
        s.bind(4, bits(r.addr)).bind(5, bits(r.size)).bind(6, bits(r.stream));
        bindTime(s, 7, r.timeNs).bind(8, int64_t(r.flags & rec::kMemBeforeTrace ? 1 : 0));
        if (r.action == rec::MemAction::Oom)
            s.bind(9, bits(r.deviceFree));
        else
            s.bindNull(9);
        s.bindId(10, r.category).bindId(11, r.stack);
        ++m_events;
        if (!s.run())
            return false;
        MemoryEvent e;
        e.seq = bits(r.sequence);
        e.time = r.timeNs == -1 ? 0 : r.timeNs;
        e.addr = r.addr;
        e.size = r.size;
        e.stream = r.stream;
        e.stack = r.stack;
        e.action = uint8_t(r.action);
        e.flags = uint8_t((r.timeNs != -1 ? kEventTimed : 0) |
                          (r.flags & rec::kMemBeforeTrace ? kEventBeforeTrace : 0));
        return addToPack(r.device, sqlite3_last_insert_rowid(m_db.handle()), e);
    }
    case RecordType::MemAnnotation: {
        rec::MemAnnotationRec r;
        rec::decode(frame.payload, r);
        Statement &s = st.annotation;
        s.bind(1, int64_t(r.device));
        bindTime(s, 2, r.timeNs).bind(3, int64_t(r.stage)).bind(4, int64_t(r.name));
        return s.run();
    }
    default:
        return true; // not a memory record: nothing to do here
    }
}

bool MemoryWriter::addToPack(int device, int64_t rowId, const MemoryEvent &e)
{
    // A pack is one device's run of consecutive rows: anything else starts the next one.
    if (m_pack.count && (device != m_pack.device || rowId != m_pack.firstId + m_pack.count) &&
        !writePack())
        return false;
    if (m_pack.count == 0) {
        m_pack.device = device;
        m_pack.firstId = rowId;
        m_pack.events.reserve(size_t(kMaxPackedEvents) * kPackedEventBytes);
    }
    appendPacked(m_pack.events, e);
    ++m_pack.count;
    return m_pack.count < kMaxPackedEvents || writePack();
}

bool MemoryWriter::finish()
{
    return m_pack.count == 0 || writePack();
}

bool MemoryWriter::writePack()
{
    Pack &p = m_pack;
    const bool ok = m_stmts->pack.bind(1, p.firstId)
                        .bind(2, int64_t(p.device))
                        .bind(3, p.count)
                        .bindBlob(4, p.events)
                        .run();
    p.count = 0;
    p.events.clear();
    return ok;
}

} // namespace ts::model

#include "commwriter.h"

#include "cache/bulkinsert.h"
#include "communication/commschema.h"

namespace ts::model {

using rec::RecordType;

struct CommWriter::Bulk
{
    explicit Bulk(sqlite3 *db)
        : op(db, "comm_op",
             {"rank", "step_id", "scope_id", "op_id", "group_id", "start_ns", "elapse", "transit",
              "wait", "sync", "idle", "wait_ratio", "sync_ratio"}),
          link(db, "comm_link",
               {"rank", "step_id", "scope_id", "op_id", "group_id", "link_id", "size", "time",
                "bandwidth", "large_packet_ratio", "distribution"}),
          matrix(db, "comm_matrix",
                 {"rank", "step_id", "scope_id", "op_id", "group_id", "src_rank", "dst_rank",
                  "transport_id", "size", "time", "bandwidth", "op_name_id"})
    {}
    bool ok() const { return op.ok() && link.ok() && matrix.ok(); }
    bool flush() { return op.flush() && link.flush() && matrix.flush(); }
    BulkInsert op, link, matrix;
};

namespace {

// -1 is the records' "none": NULL in the tables.
BulkInsert &addOpt(BulkInsert &b, int64_t v)
{
    return v == -1 ? b.addNull() : b.add(v);
}
BulkInsert &addOpt(BulkInsert &b, double v)
{
    return v == -1 ? b.addNull() : b.add(v);
}
BulkInsert &addKey(BulkInsert &b, const rec::CommKey &k)
{
    addOpt(b, int64_t(k.rank));
    return b.addId(k.step).addId(k.scope).addId(k.op).addId(k.group);
}

} // namespace

CommWriter::CommWriter(Database &db) : m_db(db) {}
CommWriter::~CommWriter() = default;

bool CommWriter::createTables(QString *error)
{
    QString sqlError;
    if (!m_db.exec(commSchemaSql(), &sqlError)) {
        if (error)
            *error = QStringLiteral("cannot create the communication tables: %1").arg(sqlError);
        return false;
    }
    m_bulk = std::make_unique<Bulk>(m_db.handle());
    if (!m_bulk->ok()) {
        if (error)
            *error =
                QStringLiteral("cannot prepare the communication tables: %1").arg(m_db.lastError());
        m_bulk.reset();
        return false;
    }
    return true;
}

bool CommWriter::apply(const rec::FrameSplitter::Frame &frame)
{
    if (!m_bulk)
        return false;
    switch (frame.type) {
    case RecordType::CommOp: {
        rec::CommOpRec r;
        rec::decode(frame.payload, r);
        BulkInsert &b = addKey(m_bulk->op, r.key);
        for (int64_t v : {r.startNs, r.elapse, r.transit, r.wait, r.sync, r.idle})
            addOpt(b, v);
        addOpt(b, r.waitRatio);
        addOpt(b, r.syncRatio);
        ++m_counts.ops;
        return b.endRow();
    }
    case RecordType::CommLink: {
        rec::CommLinkRec r;
        rec::decode(frame.payload, r);
        BulkInsert &b = addKey(m_bulk->link, r.key);
        b.addId(r.link);
        addOpt(b, r.size);
        addOpt(b, r.time);
        addOpt(b, r.bandwidth);
        addOpt(b, r.largePacketRatio);
        if (r.distribution.empty())
            b.addNull();
        else
            b.addText(r.distribution);
        ++m_counts.links;
        return b.endRow();
    }
    case RecordType::CommMatrix: {
        rec::CommMatrixRec r;
        rec::decode(frame.payload, r);
        BulkInsert &b = addKey(m_bulk->matrix, r.key);
        b.add(int64_t(r.srcRank)).add(int64_t(r.dstRank)).addId(r.transport);
        addOpt(b, r.size);
        addOpt(b, r.time);
        addOpt(b, r.bandwidth);
        b.addId(r.opName);
        ++m_counts.matrixLinks;
        return b.endRow();
    }
    default:
        return true;
    }
}

bool CommWriter::finish()
{
    return m_bulk && m_bulk->flush();
}

} // namespace ts::model

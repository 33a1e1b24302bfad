#include "memscopesummary.h"

namespace ts::model {

namespace {

qint64 scalar(const Database &db, const char *sql)
{
    Statement s(db, sql);
    return s.ok() && s.step() ? s.int64(0) : 0;
}

} // namespace

MemScopeSummary MemScopeSummary::fromDatabase(const Database &db)
{
    MemScopeSummary m;
    // Caches written before the msMemScope tables existed have none: nothing to count.
    if (!db.isOpen() ||
        scalar(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                   "('memscope_event','memscope_block','memscope_orphan_free')") != 3)
        return m;
    m.events = scalar(db, "SELECT count(*) FROM memscope_event");
    m.present = m.events > 0;
    m.blocks = scalar(db, "SELECT count(*) FROM memscope_block");
    m.leakedBlocks = scalar(db, "SELECT count(*) FROM memscope_block WHERE free_event IS NULL");
    m.leakedBytes =
        scalar(db, "SELECT coalesce(sum(size), 0) FROM memscope_block WHERE free_event IS NULL");
    m.orphanFrees = scalar(db, "SELECT count(*) FROM memscope_orphan_free");
    return m;
}

MemScopeSummary MemScopeSummary::fromCache(const QString &cachePath, QString *error)
{
    Database db;
    if (!db.openReadOnly(cachePath, error))
        return {};
    return fromDatabase(db);
}

MemScopeSummary &MemScopeSummary::operator+=(const MemScopeSummary &o)
{
    present = present || o.present;
    events += o.events;
    blocks += o.blocks;
    leakedBlocks += o.leakedBlocks;
    leakedBytes += o.leakedBytes;
    orphanFrees += o.orphanFrees;
    return *this;
}

} // namespace ts::model

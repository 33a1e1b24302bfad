#include "memorysummary.h"

namespace ts::model {

namespace {

qint64 scalar(const Database &db, const char *sql)
{
    Statement s(db, sql);
    return s.ok() && s.step() ? s.int64(0) : 0;
}

} // namespace

MemorySummary MemorySummary::fromDatabase(const Database &db)
{
    MemorySummary m;
    if (!db.isOpen() ||
        scalar(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                   "('mem_segment','mem_block','mem_event','stack_frame','stack')") != 5)
        return m;
    m.segments = scalar(db, "SELECT count(*) FROM mem_segment");
    m.blocks = scalar(db, "SELECT count(*) FROM mem_block");
    m.memoryEvents = scalar(db, "SELECT count(*) FROM mem_event");
    m.frames = scalar(db, "SELECT count(*) FROM stack_frame");
    m.stacks = scalar(db, "SELECT count(*) FROM stack");
    m.annotations = scalar(db, "SELECT count(*) FROM mem_annotation");
    m.devices = scalar(db, "SELECT count(*) FROM (SELECT device FROM mem_segment UNION "
                           "SELECT device FROM mem_event)");
    // A snapshot with nothing recorded still says so through its metadata key.
    const bool snapshot =
        scalar(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='metadata'") &&
        scalar(db, "SELECT count(*) FROM metadata WHERE key='snapshot_generation'");
    m.present = snapshot || m.segments || m.memoryEvents;
    return m;
}

MemorySummary MemorySummary::fromCache(const QString &cachePath, QString *error)
{
    Database db;
    if (!db.openReadOnly(cachePath, error))
        return {};
    return fromDatabase(db);
}

MemorySummary &MemorySummary::operator+=(const MemorySummary &o)
{
    present = present || o.present;
    segments += o.segments;
    blocks += o.blocks;
    memoryEvents += o.memoryEvents;
    frames += o.frames;
    stacks += o.stacks;
    annotations += o.annotations;
    devices += o.devices;
    return *this;
}

} // namespace ts::model

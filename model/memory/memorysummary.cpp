#include "memorysummary.h"

#include "memory/profilermemory.h"

namespace ts::model {

namespace {

qint64 scalar(const Database &db, const char *sql)
{
    Statement s(db, sql);
    return s.ok() && s.step() ? s.int64(0) : 0;
}

bool hasSnapshotTables(const Database &db)
{
    return db.isOpen() &&
           scalar(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                      "('mem_segment','mem_block','mem_event','stack_frame','stack')") == 5;
}

// A snapshot with nothing recorded still says so through its metadata key.
bool isSnapshot(const Database &db)
{
    return scalar(db,
                  "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='metadata'") &&
           scalar(db, "SELECT EXISTS (SELECT 1 FROM metadata WHERE key='snapshot_generation')");
}

bool hasProfilerSeries(const Database &db)
{
    if (!db.isOpen())
        return false;
    // Derived counter tracks of those names with at least one sample (counter_track_ts index).
    Statement s(db, "SELECT EXISTS (SELECT 1 FROM track t JOIN string n ON n.id = t.name_id "
                    "WHERE t.kind = 2 AND (t.flags & 1) != 0 AND n.str IN (?1, ?2) AND "
                    "EXISTS (SELECT 1 FROM counter c WHERE c.track_id = t.id))");
    if (!s.ok())
        return false;
    s.bind(1, std::string_view(kProfilerAllocatedSeries));
    s.bind(2, std::string_view(kProfilerReservedSeries));
    return s.step() && s.int64(0) != 0;
}

} // namespace

MemorySummary MemorySummary::presence(const Database &db)
{
    MemorySummary m;
    m.profilerSeries = hasProfilerSeries(db);
    m.present = hasSnapshotTables(db) &&
                (isSnapshot(db) || scalar(db, "SELECT EXISTS (SELECT 1 FROM mem_segment)") ||
                 scalar(db, "SELECT EXISTS (SELECT 1 FROM mem_event)"));
    return m;
}

MemorySummary MemorySummary::presenceInCache(const QString &cachePath, QString *error)
{
    Database db;
    if (!db.openReadOnly(cachePath, error))
        return {};
    return presence(db);
}

MemorySummary MemorySummary::fromDatabase(const Database &db)
{
    MemorySummary m;
    m.profilerSeries = hasProfilerSeries(db);
    if (!hasSnapshotTables(db))
        return m;
    m.segments = scalar(db, "SELECT count(*) FROM mem_segment");
    m.blocks = scalar(db, "SELECT count(*) FROM mem_block");
    m.memoryEvents = scalar(db, "SELECT count(*) FROM mem_event");
    m.frames = scalar(db, "SELECT count(*) FROM stack_frame");
    m.stacks = scalar(db, "SELECT count(*) FROM stack");
    m.annotations = scalar(db, "SELECT count(*) FROM mem_annotation");
    m.devices = scalar(db, "SELECT count(*) FROM (SELECT device FROM mem_segment UNION "
                           "SELECT device FROM mem_event)");
    m.present = isSnapshot(db) || m.segments || m.memoryEvents;
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
    profilerSeries = profilerSeries || o.profilerSeries;
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

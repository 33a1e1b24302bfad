#pragma once
// The packed copy of each (track, depth) slice array that a cache carries beside its slice table
// (table slice_pack, see schema.sql), so the timeline loads millions of slices with a few large
// blob reads instead of one SQLite row per slice.
//
// A pack row holds up to kPackChunk consecutive slices of one (track, depth), each a 24-byte
// little-endian record: i64 ts (ns, cache time — before base_time_ns), i64 dur (ns),
// u32 name (string.id), u32 slice.id. On a little-endian machine that is TimelineSlice's own
// layout, so a blob is copied straight into the array and then checked.
//
// SlicePackWriter is fed by CacheWriter while it assigns depths (slices already sorted per
// track); readSlicePacks() trusts nothing: a cache may come from another machine, so every
// structural field and every record is checked, and anything off is an error, never UB.

#include "timeline/timelinedata.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ts::model {

inline constexpr uint32_t kPackChunk = 65536; // slices per pack row (1.5 MiB blobs)
inline constexpr int kPackRecordBytes = 24;

class SlicePackWriter
{
public:
    explicit SlicePackWriter(sqlite3 *db);
    ~SlicePackWriter();
    SlicePackWriter(const SlicePackWriter &) = delete;
    SlicePackWriter &operator=(const SlicePackWriter &) = delete;

    bool ok() const { return m_insert != nullptr; }
    // The slices of one track, in the cache's id order (ts within each depth). A depth's pack
    // is written as soon as it is full, so memory stays at a chunk per depth however long the
    // track; false on an SQLite failure.
    bool add(int64_t trackId, uint32_t depth, int64_t ts, int64_t dur, uint32_t name,
             uint32_t sliceId);
    // Writes the rest of the current track's packs; false on an SQLite failure.
    bool finishTrack(int64_t trackId);

private:
    struct Depth
    {
        std::vector<TimelineSlice> pending;
        uint64_t written = 0; // slices of this depth already in packs
    };
    bool writePack(int64_t trackId, uint32_t depth, Depth &d);

    sqlite3_stmt *m_insert = nullptr;
    std::vector<Depth> m_depths; // reused from track to track
    std::vector<char> m_bytes;   // big-endian hosts only
};

struct PackLimits
{
    uint32_t stringCount = 0; // string ids are 1..stringCount
    uint32_t sliceCount = 0;  // slice ids are 1..sliceCount, and that many must be packed
    uint64_t fileBytes = 0;   // no more slices than the file could hold
    int64_t offset = 0;       // base_time_ns, added to every ts
};

// Reads every pack into the Slices tracks of `tracks` (found by track.id through `byTrackId`),
// adding the offset to ts and keeping names as cache string ids. On success *start / *end
// hold the earliest start and latest end (unchanged when no slice).
bool readSlicePacks(sqlite3 *db, const QHash<qint64, TimelineTrack *> &byTrackId,
                    const PackLimits &limits, int64_t *start, int64_t *end, QString *error);

} // namespace ts::model

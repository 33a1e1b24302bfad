#pragma once
// Everything the timeline draws, in memory, as sorted arrays: for each track and depth the
// slices ordered by start (24 bytes each), and each counter series. Built once from one or
// more caches (a folder of ranks) in a worker thread; read-only afterwards, so the GUI can query
// it from any thread without locks.
//
// Level of detail happens at query time (Tracy / Qt Creator tracing style): visibleBlocks()
// binary-searches the window and folds every run of slices narrower than the merge width into
// one block, jumping over the run with another binary search. Its cost follows the pixels on
// screen, not the size of the trace, and no slice is ever dropped: each one lies inside some
// returned block.
//
// Slices come from each cache's slice packs (slicepack.h), checked record by record; the caches
// of a folder are read on several threads. Times are the cache's plus its base_time_ns
// (timeOffset()), so the ranks of a cluster line up.

#include <QHash>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>
#include <vector>

namespace ts::model {

struct TimelineSlice
{
    int64_t ts;
    int64_t dur;
    uint32_t name;  // index into TimelineData::names()
    uint32_t rowId; // slice.id in its cache
    int64_t end() const { return ts + dur; }
};

struct TimelineTrack
{
    enum class Kind { Slices, Counter };
    Kind kind = Kind::Slices;
    int cacheIndex = 0;
    qint64 trackId = 0; // track.id in its cache
    QString name;
    bool device = false;   // runs on an accelerator: a GPU stream, Ascend Hardware (deviceTrack())
    bool analysis = false; // derived by the profiler from other tracks (analysisTrack())
    std::vector<std::vector<TimelineSlice>> depths; // Slices: depth → sorted by ts
    int64_t maxDur = 0;             // longest slice on the track: bounds the window search
    std::vector<int64_t> counterTs; // Counter: sorted
    std::vector<double> counterValue;
    double counterMin = 0, counterMax = 0;
};

struct TimelineGroup
{
    QString title;       // "Rank 0 · GPU 0 — python3 train.py"
    QVector<int> tracks; // indexes into TimelineData::tracks()
    bool shared = false; // a titled group (an Ascend rank) that other caches of its title join
};

// One drawn rectangle: a single slice, or a merged run of `count` slices.
struct TimelineBlock
{
    int64_t start;
    int64_t end;
    uint32_t count;   // 1: a real slice
    uint32_t index;   // index in the depth array of the first (or only) slice
    uint32_t longest; // the longer of the run's first and last slices (cheap, stable): its colour
};

struct CacheTimeline;

// Names one slice of a TimelineData: tracks()[track].depths[depth][index].
struct SliceRef
{
    int track = -1;
    int depth = 0;
    uint32_t index = 0;
    bool isValid() const { return track >= 0; }
    bool operator==(const SliceRef &) const = default;
};

class TimelineData
{
public:
    // Loads every cache; false with error when none could be read. groupTitles, when given, is
    // aligned with cachePaths: a cache with a title shows all its tracks in one group of that
    // title ("Rank 2 · NPU 4"), each track named after its process ("Ascend Hardware · Stream
    // 2"), and caches with the same title share the group (the files of one Ascend rank).
    bool load(const QStringList &cachePaths, QString *error, const QStringList &groupTitles = {});

    const std::vector<TimelineTrack> &tracks() const { return m_tracks; }
    const QVector<TimelineGroup> &groups() const { return m_groups; }
    const QStringList &cachePaths() const { return m_cachePaths; }
    const QStringList &names() const { return m_names; } // one table for every cache
    const QString &name(uint32_t id) const { return m_names[int(id)]; }
    int64_t start() const { return m_start; }
    int64_t end() const { return m_end; }
    uint64_t sliceCount() const { return m_sliceCount; }

    // Blocks of `depth` on `track` overlapping [t0, t1); runs narrower than mergeNs fold.
    std::vector<TimelineBlock> visibleBlocks(int track, int depth, int64_t t0, int64_t t1,
                                             int64_t mergeNs) const;
    // The slices overlapping [t0, t1), exactly (no merging): for tests and statistics.
    std::vector<uint32_t> overlapping(int track, int depth, int64_t t0, int64_t t1) const;
    // The slice under time t on a track, or -1 (its depth in *depth): the deepest depth with a
    // slice whose [ts, end] lies within toleranceNs of t; at that depth the nearest one (one
    // that contains t exactly wins over a neighbour within the tolerance).
    int sliceAt(int track, int64_t t, int64_t toleranceNs, int *depth) const;
    // Counter: min and max of the samples in force within [t0, t1) (step curve).
    bool counterRange(int track, int64_t t0, int64_t t1, double *lo, double *hi) const;
    // Index of the track showing (cache, track id), or -1. A hash lookup.
    int trackIndex(int cacheIndex, qint64 trackId) const;

    const TimelineSlice &slice(const SliceRef &ref) const
    {
        return m_tracks[size_t(ref.track)].depths[size_t(ref.depth)][ref.index];
    }
    // The slice known by its cache row (a flow end, a slice picked by SQL): cacheTs is slice.ts as
    // stored in that cache, before timeOffset(). depth < 0 searches every depth. Invalid ref
    // when it is not loaded.
    SliceRef find(int cacheIndex, qint64 trackId, int depth, int64_t cacheTs, qint64 sliceId) const;
    // The base_time_ns added to every time of cache `cacheIndex` at load (0 if unknown).
    int64_t timeOffset(int cacheIndex) const
    {
        return cacheIndex >= 0 && size_t(cacheIndex) < m_offsets.size()
                   ? m_offsets[size_t(cacheIndex)]
                   : 0;
    }
    // Why each cache that could not be read was left out (empty when all loaded).
    const QStringList &loadErrors() const { return m_loadErrors; }

private:
    void clear();
    void merge(CacheTimeline &&cache);
    uint32_t internName(const QString &name);

    std::vector<TimelineTrack> m_tracks;
    QVector<TimelineGroup> m_groups;
    QStringList m_cachePaths;
    QStringList m_names;
    QHash<QString, uint32_t> m_nameIds;
    QHash<QPair<int, qint64>, int> m_trackIndex; // (cache, track.id) → index in m_tracks
    std::vector<int64_t> m_offsets;              // by cache index
    QStringList m_loadErrors;
    int64_t m_start = 0, m_end = 0;
    uint64_t m_sliceCount = 0;
};

} // namespace ts::model

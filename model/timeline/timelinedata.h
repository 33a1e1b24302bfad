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

#include <QHash>
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
    uint32_t name;   // index into TimelineData::names()
    uint32_t rowId;  // slice.id in its cache
    int64_t end() const { return ts + dur; }
};

struct TimelineTrack
{
    enum class Kind { Slices, Counter };
    Kind kind = Kind::Slices;
    int cacheIndex = 0;
    qint64 trackId = 0;           // track.id in its cache
    QString name;
    std::vector<std::vector<TimelineSlice>> depths; // Slices: depth → sorted by ts
    int64_t maxDur = 0;           // longest slice on the track: bounds the window search
    std::vector<int64_t> counterTs;   // Counter: sorted
    std::vector<double> counterValue;
    double counterMin = 0, counterMax = 0;
};

struct TimelineGroup
{
    QString title;       // "Rank 0 · GPU 0 — python3 train.py"
    QVector<int> tracks; // indexes into TimelineData::tracks()
};

// One drawn rectangle: a single slice, or a merged run of `count` slices.
struct TimelineBlock
{
    int64_t start;
    int64_t end;
    uint32_t count;    // 1: a real slice
    uint32_t index;    // index in the depth array of the first (or only) slice
    uint32_t longest;  // index of the longest slice of the run: its name colours the block
};

class TimelineData
{
public:
    // Loads every cache; false with error when none could be read.
    bool load(const QStringList &cachePaths, QString *error);

    const std::vector<TimelineTrack> &tracks() const { return m_tracks; }
    const QVector<TimelineGroup> &groups() const { return m_groups; }
    const QStringList &cachePaths() const { return m_cachePaths; }
    const QString &name(uint32_t id) const { return m_names[int(id)]; }
    int64_t start() const { return m_start; }
    int64_t end() const { return m_end; }
    uint64_t sliceCount() const { return m_sliceCount; }

    // Blocks of `depth` on `track` overlapping [t0, t1); runs narrower than mergeNs fold.
    std::vector<TimelineBlock> visibleBlocks(int track, int depth, int64_t t0, int64_t t1,
                                             int64_t mergeNs) const;
    // The slices overlapping [t0, t1), exactly (no merging): for tests and statistics.
    std::vector<uint32_t> overlapping(int track, int depth, int64_t t0, int64_t t1) const;
    // The deepest slice under time t on a track, or -1 (depth in *depth).
    int sliceAt(int track, int64_t t, int64_t toleranceNs, int *depth) const;
    // Counter: min and max of the samples in force within [t0, t1) (step curve).
    bool counterRange(int track, int64_t t0, int64_t t1, double *lo, double *hi) const;
    // Index of the track showing (cache, track id), or -1.
    int trackIndex(int cacheIndex, qint64 trackId) const;

private:
    bool loadCache(int cacheIndex, const QString &path, QString *error);
    uint32_t internName(const QString &name);

    std::vector<TimelineTrack> m_tracks;
    QVector<TimelineGroup> m_groups;
    QStringList m_cachePaths;
    QStringList m_names;
    QHash<QString, uint32_t> m_nameIds;
    int64_t m_start = 0, m_end = 0;
    uint64_t m_sliceCount = 0;
};

} // namespace ts::model

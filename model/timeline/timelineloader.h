#pragma once
// Reads what the timeline shows of one cache: its slices' names, tracks grouped by process,
// every slice (from the slice packs) and every counter sample, all checked. Self-contained so
// that TimelineData can read the caches of a folder on several threads at once and merge them.

#include "timeline/timelinedata.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>
#include <vector>

namespace ts::model {

struct CacheTimeline
{
    bool ok = false;
    QString error;
    int64_t offset = 0;                // base_time_ns, already added to every time below
    QStringList strings;               // the names slices use, by TimelineSlice::name ([0] empty)
    std::vector<TimelineTrack> tracks; // every track of the cache, cacheIndex set
    QVector<TimelineGroup> groups;     // indexes into `tracks`: only tracks with something on them
    int64_t start = 0, end = 0;        // meaningless when `tracks` is empty
    uint64_t sliceCount = 0;
};

// Whether a track's slices ran on an accelerator (TimelineTrack::device), from names only:
// a process labelled "GPU n" (Kineto) or "NPU…" (Ascend text), the Ascend layers "Ascend
// Hardware" and "HCCL" (the DB export labels none), or a thread named "stream n" (older Kineto).
bool deviceTrack(const QString &processName, const QString &processLabel, const QString &trackName);
// Whether a track is the profiler's own analysis of others (Ascend's "Overlap Analysis":
// Computing, Communication, Free spans), not work that ran: operator tables leave it out.
bool analysisTrack(const QString &processName);

// groupTitle: empty, one group per process; else one group of that title for the whole cache,
// each track named after its process (see TimelineData::load).
CacheTimeline readCacheTimeline(int cacheIndex, const QString &path,
                                const QString &groupTitle = {});

} // namespace ts::model

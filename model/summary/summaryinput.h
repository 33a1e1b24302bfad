#pragma once
// What the per-step summary needs from the caches beyond the timeline's slices: which caches
// make one rank, the Ascend step_time rows (step_trace_time.csv / STEP_TIME / analysis.db), and
// which device slices are not device work (Kineto's gpu_user_annotation copies of the CPU's
// annotations, ProfilerStep#N among them, that span the kernels of a GPU stream). Read once per
// input in a worker (a scan of each slice table for the annotations), then kept.
//
// A rank is the caches that show in one shared timeline group (the files of an Ascend rank
// folder), else one cache (a Kineto rank file, or the only trace) — or, where one trace holds
// several devices (one process driving GPU 0 and GPU 1), one per device, each with the trace's
// host groups, since a device is idle whatever the other does. Its number comes from the Ascend
// rank_id metadata or the trace's distributedInfo rank.

#include "timeline/timelinedata.h"

#include <QString>
#include <QVector>

#include <atomic>
#include <cstdint>
#include <vector>

namespace ts::model {

struct StepTimeRow
{
    int64_t step = -1;              // -1: the row names no step
    int64_t startNs = 0, endNs = 0; // timeline time (cache offset added); valid when hasRange
    bool hasRange = false;          // STEP_TIME gives the range, step_trace_time.csv does not
    QVector<QPair<QString, int64_t>> metrics; // ns by step_trace_time column name
    int64_t metric(const char *name) const;   // -1 when the row lacks it
};

struct SummaryRank
{
    QString label;       // "Rank 2 · NPU 4", "Rank 0", or "Trace 1" when nothing names a rank
    bool titled = false; // label is the rank group's title
    int number = -1;     // rank id when known
    QVector<int> caches; // cache indexes of TimelineData
    QVector<int> groups; // TimelineData::groups() holding its tracks: what it measures, and where
                         // its steps are drawn
    std::vector<StepTimeRow> stepTimes;
};

struct SummaryInput
{
    QVector<SummaryRank> ranks; // by rank number, unknown ones last, then in cache order
    QVector<int> rankOfCache;   // cache index → index into ranks
    // [cache index] → sorted slice ids (slice.id) that are annotations, not device work.
    std::vector<std::vector<uint32_t>> annotations;

    bool isAnnotation(int cacheIndex, uint32_t rowId) const;
};

// Reads what SummaryInput holds from every cache of data. false with *error when a cache cannot
// be read; false without error when *cancel became true.
// groupTitles: as given to TimelineData::load (a cache without tracks, step_trace_time.csv, joins
// its rank by it).
bool loadSummaryInput(const TimelineData &data, const QStringList &groupTitles, SummaryInput *out,
                      QString *error, const std::atomic<bool> *cancel = nullptr);

// The ranks of data from what it already holds, without reading a cache (tests, and inputs whose
// caches carry nothing more): one per shared group, else one per cache.
SummaryInput summaryInputOf(const TimelineData &data, const QStringList &groupTitles = {});

} // namespace ts::model

#pragma once
// Where each step's time went, per rank (issue 13's Summary view, `--stats summary`, and the
// step marks of the timeline).
//
// Steps: the host slices named ProfilerStep#N (PyTorch, torch_npu) give a step's range; an Ascend
// rank's step_time rows give the range where STEP_TIME has one, and the figures where
// step_trace_time.csv / analysis.db have them. A step is matched across ranks by its number.
//
// Figures computed from the timeline, over the step's range [start, end), every device slice
// clipped to it:
// - device work: the slices of device tracks (GPU streams, Ascend Hardware, HCCL), less the
//   annotations (gpu_user_annotation, any ProfilerStep#N) and Ascend's derived Overlap
//   Analysis layer;
// - communication: device work on an HCCL track or whose name holds nccl, hccl, hcom, notify,
//   sdma, rdma or reduce_inline (any case: NCCL kernels, Ascend's HCCL tasks on the Ascend
//   Hardware streams); a stream's other waits (EVENT_WAIT …: a name holding "wait") are not
//   work; computing: the rest of the device work (kernels, copies, sets);
// - computing / communication time: the length of the union of their intervals; overlapped: the
//   length of the intersection of the two unions; communication not overlapped: communication
//   less overlapped; free: the step less the union of all device work. So computing +
//   communication not overlapped + free = the step, as in step_trace_time.csv;
// - kernel time: the sum of the device work's clipped durations; launch time: the host's
//   runtime launch calls — host slices whose name holds "Launch" (cudaLaunchKernel,
//   cuLaunchKernel, hipLaunchKernel, aclrtLaunchKernel …) or starts with "aclnn" — as the time
//   each host thread spends in them (the union per thread, summed over threads);
// - the top kernels: the device work grouped by name, longest total (clipped) first.
// Where an Ascend step_time row carries Computing, Communication(Not Overlapped), Overlapped,
// Communication and Free, those figures are used instead (source StepTrace) and the step time is
// its Stage column, else their sum.
//
// Cluster: for each step, the rank with the longest step time and the spread (longest less
// shortest) over the ranks that have it.

#include "summary/summaryinput.h"
#include "timeline/timelinedata.h"

#include <QString>
#include <QVector>

#include <atomic>
#include <cstdint>
#include <vector>

namespace ts::model {

// A half-open interval [start, end).
struct Interval
{
    int64_t start, end;
};
// Sorts and merges in place: disjoint, ordered intervals remain. Returns their total length.
int64_t mergeIntervals(std::vector<Interval> &intervals);
// Length of the intersection of two merged lists.
int64_t intersectionLength(const std::vector<Interval> &a, const std::vector<Interval> &b);

enum class FigureSource { Kernels, StepTrace };
QString figureSourceName(FigureSource source); // "kernels", "step_trace_time"

struct KernelTotal
{
    QString name;
    qint64 count = 0;
    int64_t totalNs = 0;
    SliceRef longest; // the longest slice of the name in the step
};

struct RankStep
{
    int64_t step = -1; // -1: a step without a number
    int rank = 0;      // index into SummaryInput::ranks
    bool hasRange = false;
    int64_t start = 0, end = 0; // timeline time, when hasRange
    SliceRef stepSlice;         // its ProfilerStep#N slice, when there is one
    FigureSource source = FigureSource::Kernels;
    int64_t stepNs = 0, computingNs = 0, commNotOverlappedNs = 0, overlappedNs = 0,
            communicationNs = 0, freeNs = 0;
    int64_t kernelNs = 0, launchNs = 0; // -1: unknown (no range)
    qint64 kernelCount = 0;
    QVector<KernelTotal> topKernels; // at most SummaryQuery::topKernels
    // Cluster figures of this step, repeated on each of its ranks' rows.
    int slowestRank = -1; // index into SummaryInput::ranks
    int64_t spreadNs = 0;
};

struct StepSummary
{
    QVector<SummaryRank> ranks;
    QVector<RankStep> rows; // by step number (unnumbered last), then rank
    bool isEmpty() const { return rows.isEmpty(); }
};

struct SummaryQuery
{
    int topKernels = 10;
};

// Empty when *cancel became true meanwhile.
StepSummary computeStepSummary(const TimelineData &data, const SummaryInput &input,
                               const SummaryQuery &query = {},
                               const std::atomic<bool> *cancel = nullptr);

// The step number of a ProfilerStep#N name, or -1.
int64_t profilerStepNumber(const QString &name);

} // namespace ts::model

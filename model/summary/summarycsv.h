#pragma once
// The CSV text of the per-step summary: what `--stats summary` prints and the Summary view
// copies and exports, from one place (RFC 4180 fields and µs with three decimals as in
// operatorcsv.h). One line per step and rank, in the summary's order:
// step,rank,step_us,computing_us,communication_not_overlapped_us,overlapped_us,communication_us,
// free_us,kernel_us,launch_us,kernels,source,slowest_rank,spread_us
// step is empty for a step without a number; kernel_us and launch_us are empty where the step has
// no time range (figures from step_trace_time.csv alone).

#include "summary/stepsummary.h"

#include <QByteArray>

namespace ts::model {

QByteArray summaryCsvHeader();
QByteArray summaryCsv(const StepSummary &summary, const QVector<int> &rows);
QByteArray summaryCsv(const StepSummary &summary); // every row

} // namespace ts::model

#pragma once
// The CSV text of the operator tables: what `--stats operators` and `--compare` print and what
// the Operators and Compare views export, from one place. RFC 4180: a field holding a comma,
// quote or line break is quoted, its quotes doubled; lines end in \n. Times are µs with exactly
// three decimals, written from the integer nanoseconds (no floating-point rounding).

#include "ascend/kerneldetails.h"
#include "timeline/operatorcompare.h"
#include "timeline/operatorstats.h"

#include <QByteArray>
#include <QString>

namespace ts::model {

QString microseconds(qint64 ns);       // 1234567 → "1234.567", -5 → "-0.005"
QString csvField(const QString &text); // quoted when it must be
QString sideName(uint8_t sides);       // "cpu", "device", "cpu+device"

// name,count,total_us,self_us,mean_us,min_us,max_us,share_pct,side — mean rounded to the ns,
// share in percent with three decimals. With Ascend's kernel table (not empty): then type,core
// and one column per metric (its mean), filled for device rows the table names.
QByteArray operatorsCsv(const QVector<OperatorStats> &rows, const KernelDetails *kernels = nullptr);
// name,count_base,count_new,total_base_us,total_new_us,delta_us,self_base_us,self_new_us
QByteArray compareCsv(const QVector<OperatorDelta> &rows);

} // namespace ts::model

#pragma once
// Two runs' operators side by side (issue 13's Compare): one row per name found in either run,
// with both counts and totals and the difference, the largest change (either way) first.

#include "timeline/operatorstats.h"

#include <QString>
#include <QVector>

namespace ts::model {

struct OperatorDelta
{
    QString name;
    qint64 countBase = 0, countNew = 0;
    qint64 totalBaseNs = 0, totalNewNs = 0; // 0 where the name is missing from that run
    qint64 selfBaseNs = 0, selfNewNs = 0;
    qint64 deltaNs() const { return totalNewNs - totalBaseNs; } // new − base
};

// Rows of the same name within one side are summed (a table split by side may list a name
// twice). Sorted by |delta| descending, then by name.
QVector<OperatorDelta> compareOperators(const QVector<OperatorStats> &base,
                                        const QVector<OperatorStats> &next);

} // namespace ts::model

#pragma once
// Two runs' operators side by side (issue 13's Compare): one row per name found in either run,
// with both counts and totals and the difference, the largest change (either way) first.

#include "timeline/operatorstats.h"

#include <QString>
#include <QStringList>
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

// One opened run: its caches as the timeline loads them.
struct RunCaches
{
    QString path; // what the user opened, for errors
    QStringList caches;
    QStringList groupTitles;
};

// Both runs' slices loaded at the same time (the base on a thread of its own: each load is
// mostly one core's work), their operators taken host and device together, and compared.
// false with *error naming the run that could not be loaded.
bool compareRuns(const RunCaches &base, const RunCaches &next, QVector<OperatorDelta> *rows,
                 QString *error);

} // namespace ts::model

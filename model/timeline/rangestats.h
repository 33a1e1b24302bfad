#pragma once
// What a range selection summarises: the slices overlapping [t0, t1) on the chosen tracks,
// grouped by name. Durations are the slices' full durations, not clipped to the range (as
// Perfetto's area selection counts them), so a slice's figures do not depend on where the range
// was dragged; the overlap rule is TimelineData::overlapping()'s.

#include <QList>
#include <QString>
#include <QVector>

#include <cstdint>

namespace ts::model {

class TimelineData;

struct NameStats
{
    QString name;
    qint64 count = 0;
    qint64 totalNs = 0;
    qint64 maxNs = 0;
    double meanNs = 0;
};

// Sorted by total, largest first.
QList<NameStats> rangeStats(const TimelineData &data, const QVector<int> &tracks, int64_t t0,
                            int64_t t1);

} // namespace ts::model

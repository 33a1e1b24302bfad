#include "rangestats.h"

namespace ts::model {

QVector<NameStats> rangeStats(const TimelineData &data, const QVector<int> &tracks, int64_t t0,
                              int64_t t1)
{
    if (tracks.isEmpty())
        return {}; // (an empty list means every track to operatorStats)
    OperatorQuery query;
    query.wholeInput = false;
    query.t0 = t0;
    query.t1 = t1;
    query.tracks = tracks;
    query.splitSides = false;
    return operatorStats(data, query);
}

} // namespace ts::model

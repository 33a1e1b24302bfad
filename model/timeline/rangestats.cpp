#include "rangestats.h"

#include "timelinedata.h"

#include <QHash>

#include <algorithm>

namespace ts::model {

QList<NameStats> rangeStats(const TimelineData &data, const QVector<int> &tracks, int64_t t0,
                            int64_t t1)
{
    QHash<uint32_t, NameStats> byName;
    for (int t : tracks) {
        if (t < 0 || size_t(t) >= data.tracks().size())
            continue;
        const TimelineTrack &track = data.tracks()[size_t(t)];
        for (int d = 0; d < int(track.depths.size()); ++d) {
            for (uint32_t i : data.overlapping(t, d, t0, t1)) {
                const TimelineSlice &s = track.depths[size_t(d)][i];
                NameStats &n = byName[s.name];
                ++n.count;
                n.totalNs += s.dur;
                n.maxNs = std::max<qint64>(n.maxNs, s.dur);
            }
        }
    }
    QList<NameStats> out;
    out.reserve(byName.size());
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        NameStats n = it.value();
        n.name = data.name(it.key());
        n.meanNs = n.count ? double(n.totalNs) / double(n.count) : 0;
        out.append(n);
    }
    std::sort(out.begin(), out.end(), [](const NameStats &a, const NameStats &b) {
        return a.totalNs != b.totalNs ? a.totalNs > b.totalNs : a.name < b.name;
    });
    return out;
}

} // namespace ts::model

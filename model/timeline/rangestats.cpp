#include "rangestats.h"

#include "timeline/timelinedata.h"

#include <QHash>

#include <algorithm>

namespace ts::model {

QVector<NameStats> rangeStats(const TimelineData &data, const QVector<int> &tracks, int64_t t0,
                              int64_t t1)
{
    struct Sum
    {
        qint64 count = 0, total = 0, max = 0;
    };
    QHash<uint32_t, Sum> byName; // name id → sums; a trace has few distinct names
    QVector<int> unique = tracks;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end()); // count each once
    for (int t : std::as_const(unique)) {
        if (t < 0 || size_t(t) >= data.tracks().size())
            continue;
        const TimelineTrack &track = data.tracks()[size_t(t)];
        for (int d = 0; d < int(track.depths.size()); ++d) {
            const std::vector<TimelineSlice> &v = track.depths[size_t(d)];
            for (uint32_t i : data.overlapping(t, d, t0, t1)) {
                Sum &s = byName[v[i].name];
                ++s.count;
                s.total += v[i].dur;
                s.max = std::max<qint64>(s.max, v[i].dur);
            }
        }
    }
    QVector<NameStats> out;
    out.reserve(byName.size());
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        const Sum &s = it.value();
        out.append(NameStats{data.name(it.key()), s.count, s.total, s.max,
                             double(s.total) / double(s.count)});
    }
    std::sort(out.begin(), out.end(), [](const NameStats &a, const NameStats &b) {
        return a.totalNs != b.totalNs ? a.totalNs > b.totalNs : a.name < b.name;
    });
    return out;
}

} // namespace ts::model

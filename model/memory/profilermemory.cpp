#include "profilermemory.h"

#include "memory/curvebuilding.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ts::model {

namespace {

constexpr int kTime = int(MemoryAxis::Time);
constexpr int kSeq = int(MemoryAxis::Sequence);

// Counter values are finite doubles of bytes; a curve holds int64. Absurd values saturate
// instead of overflowing.
int64_t bytesOf(double v)
{
    constexpr double kLimit = double(int64_t(1) << 62);
    return int64_t(std::llround(std::clamp(v, -kLimit, kLimit)));
}

struct Series
{
    qint64 track = 0;
    qint64 pid = 0;
    QString label;
    bool reserved = false;
};

// Reads one series into its Time and Sequence curves; *first / *last / *count describe it.
bool readSeries(const Database &db, qint64 track, int64_t offsetNs, MemoryCurve curves[2],
                int64_t *first, int64_t *last, int64_t *count, QString *error)
{
    // The (track_id, ts) index gives time order, and samples at one time in arrival order.
    Statement q(db, "SELECT ts, value FROM counter WHERE track_id = ?1 ORDER BY ts");
    if (!q.ok()) {
        *error = db.lastError();
        return false;
    }
    q.bind(1, int64_t(track));
    int64_t index = 0;
    while (q.step()) {
        const int64_t ts = q.int64(0) + offsetNs;
        const int64_t bytes = bytesOf(q.real(1));
        if (index == 0)
            *first = ts;
        *last = ts;
        appendPoint(curves[kTime], ts, bytes);
        appendPoint(curves[kSeq], index, bytes);
        ++index;
    }
    *count = index;
    return true;
}

} // namespace

bool loadProfilerMemory(const Database &db, int64_t offsetNs, std::vector<MemoryDevice> *out,
                        QString *error)
{
    Statement tracks(db, "SELECT t.id, p.pid, coalesce(nullif(l.str, ''), pn.str), n.str "
                         "FROM track t JOIN string n ON n.id = t.name_id "
                         "JOIN process p ON p.id = t.process_id "
                         "LEFT JOIN string l ON l.id = p.label_id "
                         "LEFT JOIN string pn ON pn.id = p.name_id "
                         "WHERE t.kind = 2 AND (t.flags & 1) != 0 AND n.str IN (?1, ?2) "
                         "ORDER BY p.pid, t.id");
    if (!tracks.ok()) {
        *error = db.lastError();
        return false;
    }
    tracks.bind(1, std::string_view(kProfilerAllocatedSeries));
    tracks.bind(2, std::string_view(kProfilerReservedSeries));
    std::vector<Series> series;
    while (tracks.step())
        series.push_back(Series{tracks.int64(0), tracks.int64(1), tracks.text(2),
                                tracks.text(3) == QLatin1String(kProfilerReservedSeries)});

    for (size_t i = 0; i < series.size();) {
        const qint64 pid = series[i].pid;
        MemoryDevice d;
        d.device = int(pid); // Kineto's device pids are small; a host pid fits an int too
        d.label = series[i].label.isEmpty() ? QStringLiteral("pid %1").arg(pid) : series[i].label;
        d.fromProfiler = true;
        d.hasTime = true;
        int64_t first = std::numeric_limits<int64_t>::max();
        int64_t last = std::numeric_limits<int64_t>::lowest();
        int64_t samples = 0;
        // A process has one series of each name; should a second appear, the later one wins.
        for (; i < series.size() && series[i].pid == pid; ++i) {
            MemoryCurve curves[2];
            int64_t f = 0, l = 0, n = 0;
            if (!readSeries(db, series[i].track, offsetNs, curves, &f, &l, &n, error))
                return false;
            if (n == 0)
                continue;
            first = std::min(first, f);
            last = std::max(last, l);
            samples = std::max(samples, n);
            MemoryCurve *to = series[i].reserved ? d.reserved : d.allocated;
            for (int axis : {kTime, kSeq}) {
                curves[axis].buildTree();
                to[axis] = std::move(curves[axis]);
            }
        }
        if (samples == 0)
            continue; // series without samples: nothing to show
        d.start[kTime] = first;
        d.end[kTime] = last + 1;
        d.start[kSeq] = 0;
        d.end[kSeq] = samples;
        for (int axis : {kTime, kSeq}) {
            d.peakAllocated[axis] = peakOf(d.allocated[axis]);
            d.peakReserved[axis] = peakOf(d.reserved[axis]);
        }
        out->push_back(std::move(d));
    }
    return true;
}

} // namespace ts::model

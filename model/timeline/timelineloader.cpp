#include "timelineloader.h"

#include "cache/cachereader.h"
#include "records/recordformat.h"
#include "timeline/slicepack.h"

#include <QCoreApplication>
#include <sqlite3.h>

#include <QHash>

#include <algorithm>
#include <limits>

namespace ts::model {

namespace {

QString titleOf(const ProcessInfo &p)
{
    QString title = !p.label.isEmpty() ? p.label : p.name;
    if (title.isEmpty())
        title = QCoreApplication::translate("TimelineLoader", "Process %1").arg(p.pid);
    else if (!p.label.isEmpty() && !p.name.isEmpty())
        title += QStringLiteral(" — %1").arg(p.name);
    if (p.rank >= 0)
        title =
            QCoreApplication::translate("TimelineLoader", "Rank %1 · %2").arg(p.rank).arg(title);
    return title;
}

// The texts of the names the slices use, and each slice's name renumbered into them. A cache's
// string table also holds every argument key, category and flow name — far more strings than
// the few hundred names a timeline draws (a rank of Ascend text holds one per flow) — so only
// the used ones are read: one by one when they are few, else in one pass over the table.
bool readSliceNames(const CacheReader &reader, std::vector<TimelineTrack> &tracks,
                    uint32_t stringCount, QStringList *strings, QString *error)
{
    constexpr uint32_t kUnseen = std::numeric_limits<uint32_t>::max();
    std::vector<uint32_t> compact(size_t(stringCount) + 1, kUnseen); // string.id → index
    std::vector<uint32_t> used{0};                                   // index → string.id
    for (TimelineTrack &t : tracks) {
        for (auto &depth : t.depths) {
            for (TimelineSlice &slice : depth) {
                uint32_t &c = compact[slice.name]; // checked ≤ stringCount by readSlicePacks
                if (c == kUnseen) {
                    c = uint32_t(used.size());
                    used.push_back(slice.name);
                }
                slice.name = c;
            }
        }
    }
    strings->reserve(qsizetype(used.size()));
    strings->append(QString());
    if (used.size() * 16 < compact.size()) {
        Statement s(reader.database(), "SELECT str FROM string WHERE id = ?");
        for (size_t i = 1; i < used.size(); ++i) {
            s.reset();
            s.bind(1, int64_t(used[i]));
            if (!s.step()) {
                *error = QStringLiteral("a slice names string %1, which is not there").arg(used[i]);
                return false;
            }
            strings->append(s.text(0));
        }
        return true;
    }
    for (size_t i = 1; i < used.size(); ++i)
        strings->append(QString());
    Statement s(reader.database(), "SELECT id, str FROM string ORDER BY id");
    size_t found = 0;
    while (s.step()) {
        const int64_t id = s.int64(0);
        if (id < 1 || id > int64_t(stringCount))
            continue;
        if (const uint32_t c = compact[size_t(id)]; c != kUnseen) {
            (*strings)[qsizetype(c)] = s.text(1);
            ++found;
        }
    }
    if (found + 1 != used.size()) {
        *error = QStringLiteral("slices name strings that are not there");
        return false;
    }
    return true;
}

bool readCounters(const CacheReader &reader, const QHash<qint64, TimelineTrack *> &counterTracks,
                  int64_t offset, QString *error)
{
    Statement s(reader.database(), "SELECT track_id, ts, value FROM counter ORDER BY track_id, ts");
    qint64 lastTrackId = std::numeric_limits<qint64>::lowest();
    TimelineTrack *track = nullptr;
    while (s.step()) {
        const qint64 trackId = s.int64(0);
        if (trackId != lastTrackId) {
            track = counterTracks.value(trackId, nullptr);
            lastTrackId = trackId;
            if (track) {
                track->counterMin = std::numeric_limits<double>::max();
                track->counterMax = std::numeric_limits<double>::lowest();
            }
        }
        if (!track)
            continue;
        const int64_t raw = s.int64(1);
        if (raw < -rec::kMaxAbsTime || raw > rec::kMaxAbsTime) {
            *error = QStringLiteral("counter sample time out of range");
            return false;
        }
        const int64_t ts = raw + offset; // both within ±2^62: no overflow
        const double value = s.real(2);
        track->counterTs.push_back(ts);
        track->counterValue.push_back(value);
        track->counterMin = std::min(track->counterMin, value);
        track->counterMax = std::max(track->counterMax, value);
    }
    return true;
}

} // namespace

bool deviceTrack(const QString &processName, const QString &processLabel, const QString &trackName)
{
    const auto starts = [](const QString &text, const char *prefix) {
        return text.startsWith(QLatin1String(prefix), Qt::CaseInsensitive);
    };
    return starts(processLabel, "GPU") || starts(processLabel, "NPU") ||
           processName == QLatin1String("Ascend Hardware") ||
           processName == QLatin1String("HCCL") || starts(trackName, "stream ");
}

bool analysisTrack(const QString &processName)
{
    return processName == QLatin1String("Overlap Analysis");
}

CacheTimeline readCacheTimeline(int cacheIndex, const QString &path, const QString &groupTitle)
{
    CacheTimeline out;
    CacheReader reader;
    if (!reader.open(path, &out.error))
        return out;
    auto refuse = [&](const QString &why) {
        out.error = QStringLiteral("%1: %2").arg(path, why);
        out.tracks.clear();
        out.groups.clear();
        return out;
    };
    sqlite3 *db = reader.database().handle();
    // One read transaction: every query below sees the same file.
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    struct EndRead
    {
        sqlite3 *db;
        ~EndRead() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
    } endRead{db};

    // Ranks that wrote relative times (Kineto's baseTimeNanoseconds) align on absolute time.
    const QString base = reader.meta(QStringLiteral("base_time_ns"));
    bool baseOk = true;
    out.offset = base.isEmpty() ? 0 : base.toLongLong(&baseOk);
    if (!baseOk || out.offset < -rec::kMaxAbsTime || out.offset > rec::kMaxAbsTime)
        return refuse(QStringLiteral("base_time_ns is out of range"));

    QHash<qint64, int> groupOf;     // process.id → index in out.groups
    QHash<qint64, QString> layerOf; // process.id → its name, when the cache is one titled group
    QHash<qint64, int> layerOrder;  // process.id → its place in display order (sort index)
    QHash<qint64, ProcessInfo> processById;
    if (!groupTitle.isEmpty())
        out.groups.append(TimelineGroup{groupTitle, {}, true});
    for (const ProcessInfo &p : reader.processes()) {
        processById.insert(p.id, p);
        if (!groupTitle.isEmpty()) {
            // An Ascend layer: named by its process_name metadata (never by decoding pid bits).
            groupOf.insert(p.id, 0);
            layerOf.insert(p.id, !p.name.isEmpty() ? p.name : titleOf(p));
            layerOrder.insert(p.id, int(layerOrder.size()));
            continue;
        }
        groupOf.insert(p.id, out.groups.size());
        out.groups.append(TimelineGroup{titleOf(p), {}});
    }
    const QList<TrackInfo> infos = reader.tracks(false);
    out.tracks.reserve(size_t(infos.size())); // pointers into it are kept below
    std::vector<int> trackLayer; // by track index: layerOrder of its process (-1: not a layer)
    QHash<qint64, TimelineTrack *> sliceTracks, counterTracks;
    for (const TrackInfo &t : infos) {
        TimelineTrack track;
        track.kind = t.kind == 2 ? TimelineTrack::Kind::Counter : TimelineTrack::Kind::Slices;
        track.cacheIndex = cacheIndex;
        track.trackId = t.id;
        track.name = t.name.isEmpty()
                         ? QCoreApplication::translate("TimelineLoader", "track %1").arg(t.id)
                         : t.name;
        const ProcessInfo process = processById.value(t.processId);
        track.device = deviceTrack(process.name, process.label, t.name);
        track.analysis = analysisTrack(process.name);
        if (const QString layer = layerOf.value(t.processId); !layer.isEmpty())
            track.name = QStringLiteral("%1 · %2").arg(layer, track.name);
        const int index = int(out.tracks.size());
        trackLayer.push_back(layerOrder.value(t.processId, -1));
        const int group = groupOf.value(t.processId, -1);
        if (group < 0) {
            groupOf.insert(t.processId, out.groups.size());
            out.groups.append(
                TimelineGroup{QCoreApplication::translate("TimelineLoader", "Global"), {index}});
        } else {
            out.groups[group].tracks.append(index);
        }
        out.tracks.push_back(std::move(track));
        (t.kind == 2 ? counterTracks : sliceTracks).insert(t.id, &out.tracks.back());
    }

    // The string ids slices may name: up to the last one (readSlicePacks refuses a name beyond
    // it). Our writer numbers strings densely and a row takes more than 4 bytes of the file, so a
    // last id beyond a quarter of the file is forged, and what is sized by it (4 bytes an id)
    // stays within the file's size.
    Statement names(reader.database(), "SELECT coalesce(max(id), 0) FROM string");
    Statement count(reader.database(), "SELECT coalesce(max(id), 0) FROM slice");
    Statement pages(reader.database(), "SELECT page_count * page_size FROM pragma_page_count, "
                                       "pragma_page_size");
    if (!names.step() || !count.step() || !pages.step())
        return refuse(reader.database().lastError());
    const int64_t slices = count.int64(0);
    if (slices < 0 || slices > int64_t(std::numeric_limits<uint32_t>::max()))
        return refuse(QStringLiteral("slice ids out of range"));
    const int64_t stringCount = names.int64(0);
    if (stringCount < 0 || stringCount > pages.int64(0) / 4)
        return refuse(QStringLiteral("string ids out of range"));
    PackLimits limits;
    limits.stringCount = uint32_t(stringCount);
    limits.sliceCount = uint32_t(slices);
    limits.fileBytes = uint64_t(std::max<int64_t>(0, pages.int64(0)));
    limits.offset = out.offset;
    out.start = std::numeric_limits<int64_t>::max();
    out.end = std::numeric_limits<int64_t>::lowest();
    if (!readSlicePacks(db, sliceTracks, limits, &out.start, &out.end, &out.error))
        return refuse(out.error);
    out.sliceCount = limits.sliceCount;
    if (!readSliceNames(reader, out.tracks, limits.stringCount, &out.strings, &out.error))
        return refuse(out.error);
    if (!readCounters(reader, counterTracks, out.offset, &out.error))
        return refuse(out.error);
    for (const TimelineTrack &t : out.tracks) {
        if (!t.counterTs.empty()) {
            out.start = std::min(out.start, t.counterTs.front());
            out.end = std::max(out.end, t.counterTs.back());
        }
    }

    // Kineto declares every visible GPU, idle ones too: show only tracks with something on them.
    for (TimelineGroup &g : out.groups) {
        QVector<int> &list = g.tracks;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](int i) {
                                      const TimelineTrack &t = out.tracks[size_t(i)];
                                      return t.counterTs.empty() && t.depths.empty();
                                  }),
                   list.end());
        // Counters after the threads and streams of a group; in a rank's group, by layer first
        // (their display order, process_sort_index).
        std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
            return std::pair(trackLayer[size_t(a)], out.tracks[size_t(a)].kind) <
                   std::pair(trackLayer[size_t(b)], out.tracks[size_t(b)].kind);
        });
    }
    out.groups.erase(std::remove_if(out.groups.begin(), out.groups.end(),
                                    [](const TimelineGroup &g) { return g.tracks.isEmpty(); }),
                     out.groups.end());
    out.ok = true;
    return out;
}

} // namespace ts::model

#include "summaryinput.h"

#include "ascend/ascendreader.h"
#include "cache/cachereader.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <climits>
#include <numeric>

namespace ts::model {

int64_t StepTimeRow::metric(const char *name) const
{
    for (const auto &m : metrics) {
        if (m.first == QLatin1String(name))
            return m.second;
    }
    return -1;
}

bool SummaryInput::isAnnotation(int cacheIndex, uint32_t rowId) const
{
    if (cacheIndex < 0 || size_t(cacheIndex) >= annotations.size())
        return false;
    const std::vector<uint32_t> &ids = annotations[size_t(cacheIndex)];
    return std::binary_search(ids.begin(), ids.end(), rowId);
}

namespace {

bool hasDeviceTrack(const TimelineData &data, const TimelineGroup &group)
{
    return std::any_of(group.tracks.begin(), group.tracks.end(),
                       [&](int t) { return data.tracks()[size_t(t)].device; });
}

// A trace whose process drives several devices: one rank per device group, sharing the host
// groups, named after the device's group ("Rank 0 · GPU 1").
void splitByDevice(const TimelineData &data, SummaryInput &out)
{
    QVector<SummaryRank> ranks;
    for (const SummaryRank &r : std::as_const(out.ranks)) {
        QVector<int> host, devices;
        for (int g : r.groups)
            (hasDeviceTrack(data, data.groups()[g]) ? devices : host).append(g);
        if (r.titled || devices.size() < 2) {
            ranks.append(r);
            continue;
        }
        for (int g : std::as_const(devices)) {
            SummaryRank one = r;
            one.titled = true;
            one.label = data.groups()[g].title.section(QStringLiteral(" — "), 0, 0);
            one.groups = host;
            one.groups.append(g);
            ranks.append(std::move(one));
        }
    }
    out.ranks = std::move(ranks);
    for (int &r : out.rankOfCache)
        r = -1;
    for (int r = 0; r < out.ranks.size(); ++r) {
        for (int c : std::as_const(out.ranks[r].caches)) {
            if (out.rankOfCache[c] < 0)
                out.rankOfCache[c] = r; // the first of a split trace's ranks
        }
    }
}

} // namespace

SummaryInput summaryInputOf(const TimelineData &data, const QStringList &groupTitles)
{
    SummaryInput out;
    const int caches = int(data.cachePaths().size());
    out.rankOfCache.fill(-1, caches);
    out.annotations.assign(size_t(caches), {});
    QHash<QString, int> rankOfTitle;
    // A shared group (an Ascend rank) gathers its caches; the others stand alone.
    for (int g = 0; g < data.groups().size(); ++g) {
        const TimelineGroup &group = data.groups()[g];
        for (int t : group.tracks) {
            const int cache = data.tracks()[size_t(t)].cacheIndex;
            if (cache < 0 || cache >= caches)
                continue;
            int &rank = out.rankOfCache[cache];
            if (rank < 0) {
                if (group.shared) {
                    rank = rankOfTitle.value(group.title, -1);
                    if (rank < 0) {
                        rank = int(out.ranks.size());
                        rankOfTitle.insert(group.title, rank);
                        out.ranks.append(SummaryRank{group.title, true, -1, {}, {}, {}});
                    }
                } else {
                    rank = int(out.ranks.size());
                    out.ranks.append(SummaryRank{
                        QCoreApplication::translate("StepSummary", "Trace %1").arg(cache + 1),
                        false,
                        -1,
                        {},
                        {},
                        {}});
                }
                out.ranks[rank].caches.append(cache);
            }
            if (!out.ranks[rank].groups.contains(g))
                out.ranks[rank].groups.append(g);
        }
    }
    splitByDevice(data, out);
    // Caches with nothing on the timeline (an Ascend rank's step_trace_time.csv) join the rank
    // of their title.
    for (int c = 0; c < caches; ++c) {
        if (out.rankOfCache[c] >= 0)
            continue;
        const QString title = groupTitles.value(c);
        if (title.isEmpty())
            continue;
        int rank = rankOfTitle.value(title, -1);
        if (rank < 0) { // a rank with no trace at all: its step figures still count
            rank = int(out.ranks.size());
            rankOfTitle.insert(title, rank);
            out.ranks.append(SummaryRank{title, true, -1, {}, {}, {}});
        }
        out.rankOfCache[c] = rank;
        out.ranks[rank].caches.append(c);
    }
    return out;
}

namespace {

bool hasTable(const Database &db, const char *name)
{
    Statement s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    s.bind(1, std::string_view(name));
    return s.ok() && s.step();
}

std::vector<StepTimeRow> readStepTimes(const Database &db, int64_t offset)
{
    std::vector<StepTimeRow> rows;
    if (!hasTable(db, "step_time"))
        return rows;
    Statement s(db, "SELECT step, start_ns, end_ns, metrics FROM step_time ORDER BY id");
    while (s.ok() && s.step()) {
        StepTimeRow r;
        r.step = s.isNull(0) ? -1 : s.int64(0);
        if (!s.isNull(1) && !s.isNull(2) && s.int64(2) >= s.int64(1)) {
            r.hasRange = true;
            r.startNs = s.int64(1) + offset;
            r.endNs = s.int64(2) + offset;
        }
        const QJsonObject metrics = QJsonDocument::fromJson(s.text(3).toUtf8()).object();
        for (auto it = metrics.begin(); it != metrics.end(); ++it) {
            if (it.value().isDouble())
                r.metrics.append({it.key(), int64_t(it.value().toDouble())});
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

// The ids of the slices that annotate rather than run: Kineto's gpu_user_annotation.
std::vector<uint32_t> readAnnotations(const Database &db)
{
    std::vector<uint32_t> ids;
    Statement s(db, "SELECT s.id FROM slice s WHERE s.category_id IN "
                    "(SELECT id FROM string WHERE str = 'gpu_user_annotation') ORDER BY s.id");
    while (s.ok() && s.step()) {
        const int64_t id = s.int64(0);
        if (id > 0 && id <= int64_t(UINT32_MAX))
            ids.push_back(uint32_t(id));
    }
    return ids;
}

int traceRankOf(const CacheReader &reader)
{
    int rank = -1;
    for (const ProcessInfo &p : reader.processes()) {
        if (p.rank >= 0 && (rank < 0 || p.rank < rank))
            rank = p.rank;
    }
    return rank;
}

} // namespace

bool loadSummaryInput(const TimelineData &data, const QStringList &groupTitles, SummaryInput *out,
                      QString *error, const std::atomic<bool> *cancel)
{
    *out = summaryInputOf(data, groupTitles);
    for (int c = 0; c < data.cachePaths().size(); ++c) {
        if (cancel && cancel->load())
            return false;
        CacheReader reader;
        if (!reader.open(data.cachePaths()[c], error))
            return false;
        out->annotations[size_t(c)] = readAnnotations(reader.database());
        const int first = out->rankOfCache.value(c, -1);
        if (first < 0)
            continue; // nothing of it is shown
        const std::vector<StepTimeRow> steps = readStepTimes(reader.database(), data.timeOffset(c));
        SummaryRank &owner = out->ranks[first];
        owner.stepTimes.insert(owner.stepTimes.end(), steps.begin(), steps.end());
        int number = ascendRankOf(reader.database());
        if (number < 0)
            number = traceRankOf(reader);
        for (SummaryRank &r : out->ranks) {
            if (number < 0 || r.number >= 0 || !r.caches.contains(c))
                continue;
            r.number = number;
            if (!r.titled)
                r.label = QCoreApplication::translate("StepSummary", "Rank %1").arg(number);
        }
    }
    // Ranks in rank order, so the chart and the table read 0, 1, 2 …
    QVector<int> order(out->ranks.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const int na = out->ranks[a].number, nb = out->ranks[b].number;
        return (na < 0 ? INT_MAX : na) < (nb < 0 ? INT_MAX : nb);
    });
    QVector<SummaryRank> sorted;
    QVector<int> newIndex(out->ranks.size());
    for (int i = 0; i < order.size(); ++i) {
        newIndex[order[i]] = i;
        sorted.append(std::move(out->ranks[order[i]]));
    }
    for (int &r : out->rankOfCache) {
        if (r >= 0)
            r = newIndex[r];
    }
    out->ranks = std::move(sorted);
    return true;
}

} // namespace ts::model

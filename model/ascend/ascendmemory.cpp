#include "ascendmemory.h"

#include "ascend/ascendreader.h"
#include "cache/sqlite.h"
#include "memory/curvebuilding.h"
#include "memory/memorystacks.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <map>

namespace ts::model {

namespace {

constexpr int kTime = int(MemoryAxis::Time);
constexpr int kSeq = int(MemoryAxis::Sequence);

// What one (rank, NPU) has, gathered from all its caches.
struct NpuMemory
{
    QString title;
    int device = -1;
    std::vector<MemRecordSeries> series;
    std::vector<OpMemoryRow> ops;
};

QString npuLabel(const NpuMemory &n)
{
    if (!n.title.isEmpty())
        return n.title.contains(QLatin1String("NPU")) || n.device < 0
                   ? n.title
                   : QStringLiteral("%1 · NPU %2").arg(n.title).arg(n.device);
    return n.device >= 0 ? QStringLiteral("NPU %1").arg(n.device) : QStringLiteral("NPU ?");
}

// The series the operator bands stand on: the framework allocator's.
int bandSeries(const std::vector<MemRecordSeries> &series)
{
    for (const char *name : {"PTA", "PTA+GE", "GE"}) {
        for (size_t i = 0; i < series.size(); ++i)
            if (series[i].component == QLatin1String(name))
                return int(i);
    }
    return series.empty() ? -1 : 0;
}

void addCurve(MemoryCurve curves[2], const std::vector<qint64> &ts, const std::vector<qint64> &v,
              const SeqAxis &seq)
{
    for (size_t i = 0; i < ts.size(); ++i) {
        if (v[i] < 0)
            continue; // not recorded at this sample
        appendPoint(curves[kTime], ts[i], v[i]);
        appendPoint(curves[kSeq], seq.of(ts[i]), v[i]);
    }
}

void finishCurves(MemoryDevice &d)
{
    for (int axis : {kTime, kSeq}) {
        d.allocated[axis].buildTree();
        d.reserved[axis].buildTree();
        d.peakAllocated[axis] = peakOf(d.allocated[axis]);
        d.peakReserved[axis] = peakOf(d.reserved[axis]);
    }
}

void addBands(MemoryDevice &d, const std::vector<OpMemoryRow> &ops, const SeqAxis &seq,
              QHash<QString, qint64> &nameIds, MemoryStacks *names, bool curveFromBands)
{
    std::vector<CurveDelta> deltas[2];
    for (const OpMemoryRow &op : ops) {
        MemoryAllocation a;
        const bool before = op.allocTs < 0 || op.size < 0;
        a.allocTime = op.allocTs >= 0 && op.size >= 0 ? op.allocTs : d.start[kTime];
        a.freeTime =
            op.releaseTs >= 0 ? std::max<int64_t>(op.releaseTs, a.allocTime) : d.end[kTime];
        a.allocSeq = before ? 0 : seq.of(a.allocTime);
        a.freeSeq =
            op.releaseTs >= 0 ? std::max<int64_t>(seq.of(op.releaseTs), a.allocSeq) : seq.count();
        a.freeRequestedTime = a.freeTime;
        a.freeRequestedSeq = a.freeSeq;
        a.size = uint64_t(op.size < 0 ? -op.size : op.size);
        a.flags =
            uint8_t((before ? kAllocBeforeTrace : 0) | (op.releaseTs < 0 ? kAllocNeverFreed : 0));
        qint64 &id = nameIds[op.name];
        if (id == 0) {
            id = nameIds.size();
            names->addSingleFrame(id, MemoryFrame{op.name, QStringLiteral("operator_memory"), 0});
        }
        a.stackId = id;
        if (a.flags & kAllocNeverFreed)
            d.neverFreed.push_back(uint32_t(d.allocations.size()));
        if (curveFromBands) {
            for (int axis : {kTime, kSeq}) {
                deltas[axis].push_back({a.start(MemoryAxis(axis)), int64_t(a.size)});
                if (!(a.flags & kAllocNeverFreed))
                    deltas[axis].push_back({a.end(MemoryAxis(axis)), -int64_t(a.size)});
            }
        }
        d.allocations.push_back(a);
    }
    if (curveFromBands) {
        for (int axis : {kTime, kSeq})
            d.allocated[axis] = curveOfDeltas(std::move(deltas[axis]));
    }
}

} // namespace

bool loadAscendMemory(const QList<AscendMemorySource> &sources, int firstKey,
                      std::vector<MemoryDevice> *out, MemoryStacks *names, QString *error)
{
    // (rank title, NPU) → what it has, in the order first met.
    std::vector<NpuMemory> npus;
    const auto npuOf = [&npus](const QString &title, int device) -> NpuMemory & {
        for (NpuMemory &n : npus)
            if (n.title == title && n.device == device)
                return n;
        npus.push_back(NpuMemory{title, device, {}, {}});
        return npus.back();
    };
    for (const AscendMemorySource &source : sources) {
        Database db;
        if (!db.openReadOnly(source.cachePath, error))
            return false;
        for (MemRecordSeries &s : memRecordSeries(db))
            npuOf(source.title, s.device).series.push_back(std::move(s));
        for (OpMemoryRow &op : opMemoryRows(db))
            npuOf(source.title, op.device).ops.push_back(std::move(op));
    }

    QHash<QString, qint64> nameIds;
    int key = firstKey;
    for (NpuMemory &n : npus) {
        std::sort(n.ops.begin(), n.ops.end(),
                  [](const OpMemoryRow &a, const OpMemoryRow &b) { return a.allocTs < b.allocTs; });
        SeqAxis seq;
        for (const MemRecordSeries &s : n.series)
            for (qint64 t : s.ts)
                seq.add(t);
        for (const OpMemoryRow &op : n.ops) {
            for (qint64 t : {op.allocTs, op.releaseTs})
                if (t >= 0)
                    seq.add(t);
        }
        seq.finish();
        if (seq.empty())
            continue;
        const auto frame = [&](MemoryDevice &d, const QString &what) {
            d.device = key++;
            d.label = QStringLiteral("%1 · %2").arg(npuLabel(n), what);
            d.hasTime = true;
            d.start[kTime] = seq.first();
            d.end[kTime] = seq.last() + 1;
            d.start[kSeq] = 0;
            d.end[kSeq] = seq.count();
        };
        // The series with the bands first: the view opens on the first device.
        const int bandsOn = n.ops.empty() ? -1 : bandSeries(n.series);
        std::vector<size_t> order;
        if (bandsOn >= 0)
            order.push_back(size_t(bandsOn));
        for (size_t i = 0; i < n.series.size(); ++i)
            if (int(i) != bandsOn)
                order.push_back(i);
        for (size_t i : order) {
            const MemRecordSeries &s = n.series[i];
            MemoryDevice d;
            frame(d, s.component);
            addCurve(d.allocated, s.ts, s.allocated, seq);
            addCurve(d.reserved, s.ts, s.reserved, seq);
            if (int(i) == bandsOn)
                addBands(d, n.ops, seq, nameIds, names, false);
            finishCurves(d);
            out->push_back(std::move(d));
        }
        if (n.series.empty() && !n.ops.empty()) {
            MemoryDevice d;
            frame(d, QCoreApplication::translate("AscendMemory", "operators"));
            addBands(d, n.ops, seq, nameIds, names, true);
            finishCurves(d);
            out->push_back(std::move(d));
        }
    }
    return true;
}

} // namespace ts::model

#include "memorytimeline.h"

#include "ascend/ascendmemory.h"
#include "cache/cachereader.h"
#include "cache/sqlite.h"
#include "memory/dumpblocks.h"
#include "memory/memoryeventreader.h"
#include "memory/memorystacks.h"
#include "memory/memorysummary.h"
#include "memory/profilermemory.h"
#include "memory/snapshotdevice.h"
#include "records/recordformat.h"

#include <algorithm>
#include <utility>

namespace ts::model {

namespace {

std::shared_ptr<const MemoryStacks> readStacks(const QString &cachePath)
{
    // Its own connection: a reader is used by one thread at a time.
    CacheReader reader;
    QString error;
    auto stacks = std::make_shared<MemoryStacks>();
    if (!reader.open(cachePath, &error) || !stacks->load(reader.database(), &error))
        return nullptr;
    return stacks;
}

} // namespace

bool MemoryTimeline::load(const QString &cachePath, QString *error)
{
    *this = MemoryTimeline();
    CacheReader reader;
    if (!reader.open(cachePath, error))
        return false;
    const Database &db = reader.database();
    const MemorySummary has = MemorySummary::presence(db);
    if (!has.hasMemoryView()) {
        *error = QStringLiteral("the cache holds no memory snapshot and no [memory] series");
        return false;
    }
    if (has.present) {
        m_stacks = std::async(std::launch::async, readStacks, cachePath).share();
        if (!loadSnapshot(db, error))
            return false;
    }
    if (has.profilerSeries) {
        // Times as the timeline shows them: a trace that wrote relative times is shifted back.
        const QString base = reader.meta(QStringLiteral("base_time_ns"));
        bool ok = true;
        const int64_t offset = base.isEmpty() ? 0 : base.toLongLong(&ok);
        if (!ok || offset <= -rec::kMaxAbsTime || offset >= rec::kMaxAbsTime) {
            *error = QStringLiteral("base_time_ns is out of range");
            return false;
        }
        std::vector<MemoryDevice> devices;
        if (!loadProfilerMemory(db, offset, &devices, error))
            return false;
        addDevices(std::move(devices));
    }
    return true;
}

bool MemoryTimeline::loadAscend(const QList<AscendMemorySource> &sources, QString *error)
{
    *this = MemoryTimeline();
    auto names = std::make_shared<MemoryStacks>();
    std::vector<MemoryDevice> devices;
    if (!loadAscendMemory(sources, 0, &devices, names.get(), error))
        return false;
    if (devices.empty()) {
        *error = QStringLiteral("no memory_record or operator_memory rows");
        return false;
    }
    addDevices(std::move(devices));
    std::promise<std::shared_ptr<const MemoryStacks>> ready;
    ready.set_value(std::move(names));
    m_stacks = ready.get_future().share();
    return true;
}

namespace {

// An oom entry's place on both axes: its own time, or (untimed) the time of the event before it,
// which buildSnapshotDevice has filled in.
void placeOoms(MemoryDevice &d, const std::vector<MemoryEvent> &events,
               const std::vector<MemoryEvent> &ooms)
{
    for (const MemoryEvent &o : ooms) {
        MemoryOom m;
        m.bytes = o.size;
        m.x[int(MemoryAxis::Sequence)] = o.seq;
        const auto after =
            std::lower_bound(events.begin(), events.end(), o.seq,
                             [](const MemoryEvent &e, int64_t seq) { return e.seq < seq; });
        m.x[int(MemoryAxis::Time)] = o.timed() && d.hasTime    ? o.time
                                     : after == events.begin() ? d.start[int(MemoryAxis::Time)]
                                                               : (after - 1)->time;
        d.ooms.push_back(m);
    }
}

} // namespace

bool MemoryTimeline::loadSnapshot(const Database &db, QString *error)
{
    std::vector<DeviceEvents> traces;
    if (!readMemoryEvents(db, &traces, error))
        return false;
    Statement segments(db, "SELECT device, coalesce(sum(total_size), 0) FROM mem_segment "
                           "GROUP BY device");
    Statement notes(db, "SELECT a.device, a.ts, a.stage, s.str FROM mem_annotation a "
                        "LEFT JOIN string s ON s.id = a.name_id WHERE a.ts IS NOT NULL "
                        "ORDER BY a.device, a.ts, a.id");
    if (!segments.ok() || !notes.ok()) {
        *error = db.lastError();
        return false;
    }
    QHash<int, int64_t> atDump;
    while (segments.step())
        atDump.insert(int(segments.int64(0)), segments.int64(1));
    QHash<int, std::vector<MemoryAnnotation>> annotations;
    while (notes.step()) {
        MemoryAnnotation a;
        a.x[int(MemoryAxis::Time)] = notes.int64(1);
        a.start = notes.int64(2) == int64_t(rec::AnnotationStage::Start);
        a.name = notes.text(3);
        annotations[int(notes.int64(0))].push_back(std::move(a));
    }

    QHash<int, std::vector<DumpBlock>> dumpBlocks;
    if (!readDumpBlocks(db, &dumpBlocks, error))
        return false;

    std::vector<MemoryDevice> devices;
    for (DeviceEvents &t : traces) {
        devices.push_back(buildSnapshotDevice(t.device, t.events, atDump.value(t.device),
                                              annotations.take(t.device)));
        placeOoms(devices.back(), t.events, t.ooms);
        std::vector<MemoryEvent>().swap(t.events); // done with them: give the memory back
        addDumpOnlyBlocks(devices.back(), dumpBlocks.value(t.device));
    }
    for (auto it = atDump.cbegin(); it != atDump.cend(); ++it) {
        const bool traced = std::any_of(devices.begin(), devices.end(), [&](const MemoryDevice &d) {
            return d.device == it.key();
        });
        if (!traced)
            devices.push_back(dumpOnlyDevice(it.key(), it.value(), dumpBlocks.value(it.key())));
    }
    addDevices(std::move(devices));
    return true;
}

void MemoryTimeline::addDevices(std::vector<MemoryDevice> devices)
{
    // A device already there (a snapshot's, when a cache has both kinds) keeps its place.
    for (MemoryDevice &d : devices) {
        if (!m_deviceIndex.contains(d.device)) {
            m_deviceIndex.insert(d.device, -1);
            m_devices.push_back(std::move(d));
        }
    }
    std::sort(m_devices.begin(), m_devices.end(),
              [](const MemoryDevice &a, const MemoryDevice &b) { return a.device < b.device; });
    for (size_t i = 0; i < m_devices.size(); ++i)
        m_deviceIndex.insert(m_devices[i].device, int(i));
}

QVector<int> MemoryTimeline::devices() const
{
    QVector<int> out;
    for (const MemoryDevice &d : m_devices)
        out << d.device;
    return out;
}

const MemoryDevice *MemoryTimeline::device(int device) const
{
    const auto it = m_deviceIndex.constFind(device);
    return it == m_deviceIndex.cend() ? nullptr : &m_devices[size_t(*it)];
}

const std::vector<MemoryAllocation> &MemoryTimeline::allocations(int device) const
{
    static const std::vector<MemoryAllocation> none;
    const MemoryDevice *d = this->device(device);
    return d ? d->allocations : none;
}

int64_t MemoryTimeline::start(int device, MemoryAxis axis) const
{
    const MemoryDevice *d = this->device(device);
    return d ? d->start[int(axis)] : 0;
}

int64_t MemoryTimeline::end(int device, MemoryAxis axis) const
{
    const MemoryDevice *d = this->device(device);
    return d ? d->end[int(axis)] : 0;
}

int64_t MemoryTimeline::allocatedAt(int device, MemoryAxis axis, int64_t x) const
{
    const MemoryDevice *d = this->device(device);
    return d ? d->allocated[int(axis)].at(x) : 0;
}

int64_t MemoryTimeline::reservedAt(int device, MemoryAxis axis, int64_t x) const
{
    const MemoryDevice *d = this->device(device);
    return d ? d->reserved[int(axis)].at(x) : 0;
}

MemoryPeak MemoryTimeline::peakAllocated(int device, MemoryAxis axis) const
{
    const MemoryDevice *d = this->device(device);
    return d ? d->peakAllocated[int(axis)] : MemoryPeak{};
}

MemoryPeak MemoryTimeline::peakReserved(int device, MemoryAxis axis) const
{
    const MemoryDevice *d = this->device(device);
    return d ? d->peakReserved[int(axis)] : MemoryPeak{};
}

std::vector<uint32_t> MemoryTimeline::liveAt(int device, MemoryAxis axis, int64_t x) const
{
    // A linear scan: a click or a hover, not a paint; the intervals have no useful bound on
    // their length (never-freed ones span the trace) for a binary search to exploit.
    std::vector<uint32_t> out;
    const MemoryDevice *d = this->device(device);
    if (!d)
        return out;
    for (size_t i = 0; i < d->allocations.size(); ++i) {
        if (d->allocations[i].isLiveAt(axis, x))
            out.push_back(uint32_t(i));
    }
    std::stable_sort(out.begin(), out.end(), [d](uint32_t a, uint32_t b) {
        return d->allocations[a].size > d->allocations[b].size;
    });
    return out;
}

std::vector<uint32_t> MemoryTimeline::neverFreed(int device) const
{
    const MemoryDevice *d = this->device(device);
    return d ? d->neverFreed : std::vector<uint32_t>{};
}

std::vector<MemoryEnvelopeColumn> MemoryTimeline::envelope(int device, MemoryAxis axis, int64_t x0,
                                                           int64_t x1, int columns) const
{
    std::vector<MemoryEnvelopeColumn> out;
    const MemoryDevice *d = this->device(device);
    if (!d || columns <= 0 || x1 <= x0)
        return out;
    const MemoryCurve &c = d->allocated[int(axis)];
    out.resize(size_t(columns));
    const __int128 width = __int128(x1) - x0;
    for (int col = 0; col < columns; ++col) {
        const int64_t a = int64_t(x0 + width * col / columns);
        const int64_t b = int64_t(x0 + width * (col + 1) / columns);
        // Points in force within [a, b): the one at or before a, then all those inside.
        const size_t first = size_t(std::upper_bound(c.x.begin(), c.x.end(), a) - c.x.begin());
        const size_t last = size_t(std::lower_bound(c.x.begin(), c.x.end(), std::max(a + 1, b)) -
                                   c.x.begin()); // one past the last point < b (or == a)
        int64_t lo = first == 0 ? 0 : c.value[first - 1];
        int64_t hi = lo;
        if (first < last) {
            int64_t l, h;
            c.range(first, last - 1, &l, &h);
            lo = std::min(lo, l);
            hi = std::max(hi, h);
        }
        out[size_t(col)] = {lo, hi};
    }
    return out;
}

QVector<MemoryFrame> MemoryTimeline::stack(qint64 stackId) const
{
    if (!m_stacks.valid())
        return {};
    const std::shared_ptr<const MemoryStacks> &stacks = m_stacks.get();
    return stacks ? stacks->stack(stackId) : QVector<MemoryFrame>();
}

} // namespace ts::model

#include "memorytimeline.h"

#include "cache/cachereader.h"
#include "cache/sqlite.h"
#include "memory/memorysummary.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <numeric>
#include <utility>

namespace ts::model {

namespace {

constexpr int kTime = int(MemoryAxis::Time);
constexpr int kSeq = int(MemoryAxis::Sequence);

// mem_event.action
enum Action {
    kAlloc = 1,
    kFreeRequested = 2,
    kFreeCompleted = 3,
    kSegmentAlloc = 4,
    kSegmentFree = 5,
    kSegmentMap = 6,
    kSegmentUnmap = 7,
};

struct Event
{
    int64_t seq;
    int64_t time; // filled in where the snapshot had none
    int action;
    uint64_t addr;
    uint64_t size;
    uint64_t stream;
    qint64 stack;
    bool beforeTrace;
};

struct Delta
{
    int64_t x;
    int64_t bytes;
};

// Collapses deltas into a step curve: one point per distinct x, the running total after all
// the deltas at that x. baseline is the total before the first point.
MemoryCurve curveOf(std::vector<Delta> deltas, int64_t baseline)
{
    std::stable_sort(deltas.begin(), deltas.end(),
                     [](const Delta &a, const Delta &b) { return a.x < b.x; });
    MemoryCurve c;
    int64_t total = baseline;
    if (baseline != 0 && !deltas.empty()) {
        c.x.push_back(deltas.front().x);
        c.value.push_back(baseline);
    }
    for (const Delta &d : deltas) {
        total += d.bytes;
        if (!c.x.empty() && c.x.back() == d.x) {
            c.value.back() = total;
        } else {
            c.x.push_back(d.x);
            c.value.push_back(total);
        }
    }
    c.buildTree();
    return c;
}

MemoryPeak peakOf(const MemoryCurve &c)
{
    MemoryPeak p;
    for (size_t i = 0; i < c.value.size(); ++i) {
        if (c.value[i] > p.bytes || i == 0) {
            p.bytes = std::max<int64_t>(c.value[i], 0);
            p.x = c.x[i];
        }
    }
    return p;
}

// Where an event has no time, the nearest earlier one's (the next one's at the front), so the
// Time axis stays usable on a partly timed trace. False when no event has a time.
bool fillTimes(std::vector<Event> &events, const std::vector<bool> &timed)
{
    const auto first = std::find(timed.begin(), timed.end(), true);
    if (first == timed.end()) {
        for (Event &e : events)
            e.time = e.seq;
        return false;
    }
    int64_t last = events[size_t(first - timed.begin())].time;
    for (size_t i = 0; i < events.size(); ++i) {
        if (timed[i])
            last = events[i].time;
        else
            events[i].time = last;
    }
    return true;
}

} // namespace

int64_t MemoryCurve::at(int64_t xAt) const
{
    const auto it = std::upper_bound(x.begin(), x.end(), xAt);
    return it == x.begin() ? 0 : value[size_t(it - x.begin()) - 1];
}

void MemoryCurve::buildTree()
{
    const size_t n = value.size();
    treeMin.assign(2 * n, 0);
    treeMax.assign(2 * n, 0);
    for (size_t i = 0; i < n; ++i)
        treeMin[n + i] = treeMax[n + i] = value[i];
    for (size_t i = n; i-- > 1;) {
        treeMin[i] = std::min(treeMin[2 * i], treeMin[2 * i + 1]);
        treeMax[i] = std::max(treeMax[2 * i], treeMax[2 * i + 1]);
    }
}

void MemoryCurve::range(size_t first, size_t last, int64_t *lo, int64_t *hi) const
{
    int64_t mn = std::numeric_limits<int64_t>::max(), mx = std::numeric_limits<int64_t>::lowest();
    const size_t n = value.size();
    for (size_t l = first + n, r = last + n + 1; l < r; l /= 2, r /= 2) {
        if (l & 1) {
            mn = std::min(mn, treeMin[l]);
            mx = std::max(mx, treeMax[l]);
            ++l;
        }
        if (r & 1) {
            --r;
            mn = std::min(mn, treeMin[r]);
            mx = std::max(mx, treeMax[r]);
        }
    }
    *lo = mn;
    *hi = mx;
}

bool MemoryTimeline::load(const QString &cachePath, QString *error)
{
    *this = MemoryTimeline();
    CacheReader reader;
    if (!reader.open(cachePath, error))
        return false;
    const Database &db = reader.database();
    if (!MemorySummary::fromDatabase(db).present) {
        *error = QStringLiteral("the cache holds no memory snapshot");
        return false;
    }
    return loadStacks(db, error) && loadEvents(db, error);
}

bool MemoryTimeline::loadStacks(const Database &db, QString *error)
{
    QHash<QString, QString> interned; // frames share their file and function names
    auto intern = [&](const QString &s) {
        auto it = interned.constFind(s);
        return it != interned.cend() ? *it : *interned.insert(s, s);
    };
    Statement frames(db, "SELECT f.id, n.str, fl.str, f.line FROM stack_frame f "
                         "LEFT JOIN string n ON n.id = f.name_id "
                         "LEFT JOIN string fl ON fl.id = f.file_id");
    if (!frames.ok()) {
        *error = db.lastError();
        return false;
    }
    while (frames.step())
        m_frames.insert(frames.int64(0), MemoryFrame{intern(frames.text(1)), intern(frames.text(2)),
                                                     int(frames.int64(3))});

    // Statement has no blob accessor; this one query reads the frame lists directly.
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db.handle(), "SELECT id, depth, frames FROM stack", -1, &st, nullptr) !=
        SQLITE_OK) {
        *error = db.lastError();
        return false;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const auto *blob = static_cast<const unsigned char *>(sqlite3_column_blob(st, 2));
        const int bytes = sqlite3_column_bytes(st, 2);
        const int64_t depth = sqlite3_column_int64(st, 1);
        if (depth < 0 || depth * 4 != bytes)
            continue; // a torn row: the stack reads as unknown
        std::vector<uint32_t> ids(static_cast<size_t>(depth));
        for (int64_t i = 0; i < depth; ++i) {
            const unsigned char *p = blob + 4 * i;
            ids[size_t(i)] =
                uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
        }
        m_stacks.insert(sqlite3_column_int64(st, 0), std::move(ids));
    }
    sqlite3_finalize(st);
    return true;
}

bool MemoryTimeline::loadEvents(const Database &db, QString *error)
{
    // A table scan, not the (device, seq) index: the importer writes each device's trace in
    // order, and walking the index costs a random row lookup per event (seconds at 2 M events).
    // A cache written otherwise is sorted here instead.
    Statement q(db, "SELECT device, seq, action, addr, size, stream, ts, before_trace, stack_id "
                    "FROM mem_event");
    Statement segments(db, "SELECT coalesce(sum(total_size), 0) FROM mem_segment "
                           "WHERE device = ?1");
    if (!q.ok() || !segments.ok()) {
        *error = db.lastError();
        return false;
    }
    struct Row
    {
        int device;
        bool timed;
        Event event;
    };
    std::vector<Row> rows;
    while (q.step()) {
        const int action = int(q.int64(2));
        if (action < kAlloc || action > kSegmentUnmap)
            continue; // oom, snapshot: markers, not memory
        rows.push_back(Row{int(q.int64(0)), !q.isNull(6),
                           Event{q.int64(1), q.int64(6), action, uint64_t(q.int64(3)),
                                 uint64_t(q.int64(4)), uint64_t(q.int64(5)),
                                 q.isNull(8) ? 0 : q.int64(8), q.int64(7) != 0}});
    }
    const auto before = [](const Row &a, const Row &b) {
        return a.device != b.device ? a.device < b.device : a.event.seq < b.event.seq;
    };
    if (!std::is_sorted(rows.begin(), rows.end(), before))
        std::stable_sort(rows.begin(), rows.end(), before);

    std::vector<Event> events;
    std::vector<bool> timed;
    for (size_t next = 0; next < rows.size();) {
        const int device = rows[next].device;
        events.clear();
        timed.clear();
        for (; next < rows.size() && rows[next].device == device; ++next) {
            events.push_back(rows[next].event);
            timed.push_back(rows[next].timed);
        }

        MemoryDevice d;
        d.device = device;
        d.hasTime = fillTimes(events, timed);
        d.start[kSeq] = events.front().seq;
        d.end[kSeq] = events.back().seq + 1;
        d.start[kTime] = std::numeric_limits<int64_t>::max();
        d.end[kTime] = std::numeric_limits<int64_t>::lowest();
        for (const Event &e : events) {
            d.start[kTime] = std::min(d.start[kTime], e.time);
            d.end[kTime] = std::max(d.end[kTime], e.time + 1);
        }

        // Open allocations by address, oldest first; requested: a free_requested was seen.
        QHash<uint64_t, std::deque<uint32_t>> open;
        std::vector<bool> requested;
        std::vector<Delta> reserved[2];
        int64_t reservedNet = 0;
        for (const Event &e : events) {
            switch (e.action) {
            case kAlloc: {
                MemoryAllocation a;
                a.allocTime = e.time;
                a.allocSeq = e.seq;
                a.address = e.addr;
                a.size = e.size;
                a.stream = e.stream;
                a.stackId = e.stack;
                open[e.addr].push_back(uint32_t(d.allocations.size()));
                d.allocations.push_back(a);
                requested.push_back(false);
                break;
            }
            case kFreeRequested:
            case kFreeCompleted: {
                auto it = open.find(e.addr);
                // A request already seen for the oldest open one: this one is for the next.
                uint32_t index = UINT32_MAX;
                if (it != open.end()) {
                    for (uint32_t i : *it) {
                        if (e.action == kFreeCompleted || !requested[i]) {
                            index = i;
                            break;
                        }
                    }
                }
                if (index == UINT32_MAX) {
                    // Nothing open here: allocated before the trace began (flagged by the
                    // importer, or an orphan we read the same way).
                    MemoryAllocation a;
                    a.allocTime = d.start[kTime];
                    a.allocSeq = d.start[kSeq];
                    a.address = e.addr;
                    a.size = e.size;
                    a.stream = e.stream;
                    a.stackId = e.stack;
                    a.flags = kAllocBeforeTrace;
                    index = uint32_t(d.allocations.size());
                    d.allocations.push_back(a);
                    requested.push_back(false);
                    it = open.insert(e.addr, {});
                    it->push_back(index);
                }
                MemoryAllocation &a = d.allocations[index];
                a.freeTime = e.time;
                a.freeSeq = e.seq;
                if (e.action == kFreeRequested) {
                    requested[index] = true;
                    a.freeRequestedTime = e.time;
                    a.freeRequestedSeq = e.seq;
                } else {
                    if (!requested[index]) {
                        a.freeRequestedTime = e.time;
                        a.freeRequestedSeq = e.seq;
                    }
                    it->erase(std::find(it->begin(), it->end(), index));
                    if (it->empty())
                        open.erase(it);
                }
                break;
            }
            case kSegmentAlloc:
            case kSegmentMap:
            case kSegmentFree:
            case kSegmentUnmap: {
                const int64_t bytes = (e.action == kSegmentAlloc || e.action == kSegmentMap)
                                          ? int64_t(e.size)
                                          : -int64_t(e.size);
                reserved[kTime].push_back({e.time, bytes});
                reserved[kSeq].push_back({e.seq, bytes});
                reservedNet += bytes;
                break;
            }
            }
        }
        for (const auto &list : std::as_const(open)) {
            for (uint32_t i : list) {
                MemoryAllocation &a = d.allocations[i];
                if (requested[i]) {
                    a.flags |= kAllocFreeRequestedOnly;
                } else {
                    a.flags |= kAllocNeverFreed;
                    a.freeTime = a.freeRequestedTime = d.end[kTime];
                    a.freeSeq = a.freeRequestedSeq = d.end[kSeq];
                    d.neverFreed.push_back(i);
                }
            }
        }
        std::sort(d.neverFreed.begin(), d.neverFreed.end());

        for (int axis : {kTime, kSeq}) {
            std::vector<Delta> deltas;
            deltas.reserve(2 * d.allocations.size());
            const auto ax = MemoryAxis(axis);
            for (const MemoryAllocation &a : d.allocations) {
                deltas.push_back({a.start(ax), int64_t(a.size)});
                deltas.push_back({a.end(ax), -int64_t(a.size)});
            }
            d.allocated[axis] = curveOf(std::move(deltas), 0);
            d.peakAllocated[axis] = peakOf(d.allocated[axis]);
        }

        // What was reserved when the trace began: what the dump still holds less what the
        // trace added, and never less than what it later frees.
        segments.reset();
        segments.bind(1, int64_t(device));
        const int64_t atDump = segments.step() ? segments.int64(0) : 0;
        int64_t running = 0, lowest = 0;
        for (const Delta &r : reserved[kSeq]) {
            running += r.bytes;
            lowest = std::min(lowest, running);
        }
        const int64_t baseline = std::max<int64_t>({atDump - reservedNet, -lowest, 0});
        for (int axis : {kTime, kSeq}) {
            if (baseline != 0)
                reserved[axis].insert(reserved[axis].begin(), Delta{d.start[axis], baseline});
            d.reserved[axis] = curveOf(std::move(reserved[axis]), 0);
            d.peakReserved[axis] = peakOf(d.reserved[axis]);
        }

        m_deviceIndex.insert(device, int(m_devices.size()));
        m_devices.push_back(std::move(d));
    }
    return true;
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
    QVector<MemoryFrame> out;
    const auto it = m_stacks.constFind(stackId);
    if (it == m_stacks.cend())
        return out;
    out.reserve(qsizetype(it->size()));
    for (uint32_t id : *it) {
        const auto f = m_frames.constFind(id);
        out << (f != m_frames.cend() ? *f
                                     : MemoryFrame{QStringLiteral("??"), QStringLiteral("??"), 0});
    }
    return out;
}

} // namespace ts::model

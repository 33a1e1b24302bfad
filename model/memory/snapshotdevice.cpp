#include "snapshotdevice.h"

#include "memory/addressmap.h"
#include "memory/curvebuilding.h"
#include "records/recordformat.h"

#include <algorithm>
#include <limits>

namespace ts::model {

namespace {

constexpr int kTime = int(MemoryAxis::Time);
constexpr int kSeq = int(MemoryAxis::Sequence);
constexpr uint32_t kNone = AddressMap::kNone;

using rec::MemAction;

// One pass over the events (each pass over ~100 MB of them costs): fills in the times and finds
// the trace's range, whether times follow the sequence, and how many allocs there are.
struct Scan
{
    bool timeOrdered = true; // times never go backwards in seq order
    size_t allocs = 0;
};

Scan scan(MemoryDevice &d, std::vector<MemoryEvent> &events)
{
    // Where an event has no time, the nearest earlier one's (the next one's at the front), so
    // the Time axis stays usable on a partly timed trace. With no time at all, the Time axis is
    // the sequence.
    const auto firstTimed =
        std::find_if(events.begin(), events.end(), [](const MemoryEvent &e) { return e.timed(); });
    d.hasTime = firstTimed != events.end();
    int64_t last = d.hasTime ? firstTimed->time : 0;
    Scan out;
    int64_t lo = std::numeric_limits<int64_t>::max(), hi = std::numeric_limits<int64_t>::lowest();
    for (MemoryEvent &e : events) {
        if (!d.hasTime)
            e.time = e.seq;
        else if (e.timed())
            last = e.time;
        else
            e.time = last;
        out.timeOrdered = out.timeOrdered && e.time >= hi;
        lo = std::min(lo, e.time);
        hi = std::max(hi, e.time);
        out.allocs += e.action == uint8_t(MemAction::Alloc);
    }
    d.start[kTime] = lo;
    d.end[kTime] = hi + 1;
    d.start[kSeq] = events.front().seq;
    d.end[kSeq] = events.back().seq + 1;
    return out;
}

// Matches frees to allocs in one pass over the events. Positions are indexes into the events;
// position n (one past the last) is the trace's end.
class Matcher
{
public:
    Matcher(MemoryDevice &d, const std::vector<MemoryEvent> &events, size_t allocs)
        : m_d(d), m_events(events)
    {
        m_d.allocations.reserve(allocs);
        m_state.reserve(allocs);
    }

    void run()
    {
        for (uint32_t pos = 0; pos < m_events.size(); ++pos) {
            const MemoryEvent &e = m_events[pos];
            switch (MemAction(e.action)) {
            case MemAction::Alloc:
                allocate(e, pos, false);
                break;
            case MemAction::FreeRequested:
            case MemAction::FreeCompleted:
                release(e, pos);
                break;
            case MemAction::SegmentAlloc:
            case MemAction::SegmentMap:
                segment(e, int64_t(e.size));
                break;
            case MemAction::SegmentFree:
            case MemAction::SegmentUnmap:
                segment(e, -int64_t(e.size));
                break;
            default:
                break; // markers never reach here
            }
        }
        closeTrace();
    }

    // The allocated total's change at each position, 0 … n.
    std::vector<int64_t> deltas() const
    {
        std::vector<int64_t> at(m_events.size() + 1, 0);
        for (size_t i = 0; i < m_state.size(); ++i) {
            const int64_t size = int64_t(m_d.allocations[i].size);
            at[m_state[i].startPos] += size;
            at[m_state[i].endPos] -= size;
        }
        return at;
    }
    std::vector<CurveDelta> reserved[2]; // segment changes by axis, in event order
    int64_t reservedNet = 0;

private:
    enum : uint8_t { kOpen = 1, kRequested = 2 };
    // Per allocation while matching: where it starts and ends, its successor in its address's
    // list of open allocations (oldest first), and whether it is open or its free requested.
    struct State
    {
        uint32_t startPos = 0, endPos = 0, next = kNone;
        uint8_t flags = 0;
    };

    uint32_t allocate(const MemoryEvent &e, uint32_t pos, bool beforeTrace)
    {
        MemoryAllocation a;
        // Allocated before the trace began: it starts at the trace's start.
        a.allocTime = beforeTrace ? m_d.start[kTime] : e.time;
        a.allocSeq = beforeTrace ? m_d.start[kSeq] : e.seq;
        a.address = e.addr;
        a.size = e.size;
        a.stream = e.stream;
        a.stackId = e.stack;
        a.flags = beforeTrace ? kAllocBeforeTrace : 0;
        const uint32_t index = uint32_t(m_d.allocations.size());
        m_d.allocations.push_back(a);
        m_state.push_back(State{beforeTrace ? 0 : pos, 0, kNone, kOpen});
        if (AddressMap::Slot *s = m_open.find(e.addr)) {
            m_state[s->tail].next = index;
            s->tail = index;
        } else {
            m_open.insert(e.addr, index, index);
        }
        return index;
    }

    void release(const MemoryEvent &e, uint32_t pos)
    {
        const bool completed = e.action == uint8_t(MemAction::FreeCompleted);
        // A completion closes the oldest open allocation here; a request marks the oldest one
        // not yet requested (one already requested was requested by an earlier event).
        AddressMap::Slot *slot = m_open.find(e.addr);
        uint32_t prev = kNone, index = kNone;
        for (uint32_t i = slot ? slot->head : kNone; i != kNone; prev = i, i = m_state[i].next) {
            if (completed || !(m_state[i].flags & kRequested)) {
                index = i;
                break;
            }
        }
        if (index == kNone) {
            // Nothing open here: allocated before the trace began (flagged by the importer, or
            // an orphan read the same way).
            prev = slot ? slot->tail : kNone;
            index = allocate(e, pos, true);
            slot = m_open.find(e.addr);
        }
        MemoryAllocation &a = m_d.allocations[index];
        State &s = m_state[index];
        a.freeTime = e.time;
        a.freeSeq = e.seq;
        s.endPos = pos;
        if (!completed) {
            s.flags |= kRequested;
            a.freeRequestedTime = e.time;
            a.freeRequestedSeq = e.seq;
            return;
        }
        if (!(s.flags & kRequested)) {
            a.freeRequestedTime = e.time;
            a.freeRequestedSeq = e.seq;
        }
        s.flags &= uint8_t(~kOpen);
        (prev == kNone ? slot->head : m_state[prev].next) = s.next;
        if (slot->tail == index)
            slot->tail = prev;
        if (slot->head == kNone)
            m_open.erase(slot);
    }

    void segment(const MemoryEvent &e, int64_t bytes)
    {
        reserved[kTime].push_back({e.time, bytes});
        reserved[kSeq].push_back({e.seq, bytes});
        reservedNet += bytes;
    }

    // What is still open: freed by a request that never completed (it ends there), or never
    // freed (it ends at the trace's end).
    void closeTrace()
    {
        const uint32_t end = uint32_t(m_events.size());
        for (uint32_t i = 0; i < m_state.size(); ++i) {
            if (!(m_state[i].flags & kOpen))
                continue;
            MemoryAllocation &a = m_d.allocations[i];
            if (m_state[i].flags & kRequested) {
                a.flags |= kAllocFreeRequestedOnly;
                continue;
            }
            a.flags |= kAllocNeverFreed;
            a.freeTime = a.freeRequestedTime = m_d.end[kTime];
            a.freeSeq = a.freeRequestedSeq = m_d.end[kSeq];
            m_state[i].endPos = end;
            m_d.neverFreed.push_back(i);
        }
    }

    MemoryDevice &m_d;
    const std::vector<MemoryEvent> &m_events;
    std::vector<State> m_state; // by allocation
    AddressMap m_open;
};

// Each annotation's Sequence x: the seq of the first event at or after its time (the trace's
// end when none is). Times may go backwards, so search the running maximum of the times.
void placeAnnotations(MemoryDevice &d, const std::vector<MemoryEvent> &events,
                      std::vector<MemoryAnnotation> annotations)
{
    if (!d.hasTime || annotations.empty())
        return; // nothing to place them against, or nothing to place
    std::vector<int64_t> latest(events.size());
    int64_t m = std::numeric_limits<int64_t>::lowest();
    for (size_t i = 0; i < events.size(); ++i)
        latest[i] = m = std::max(m, events[i].time);
    for (MemoryAnnotation &a : annotations) {
        const auto it = std::lower_bound(latest.begin(), latest.end(), a.x[kTime]);
        a.x[kSeq] = it == latest.end() ? d.end[kSeq] : events[size_t(it - latest.begin())].seq;
    }
    std::stable_sort(annotations.begin(), annotations.end(),
                     [](const MemoryAnnotation &a, const MemoryAnnotation &b) {
                         return a.x[kTime] < b.x[kTime];
                     });
    d.annotations = std::move(annotations);
}

} // namespace

MemoryDevice buildSnapshotDevice(int device, std::vector<MemoryEvent> &events,
                                 int64_t reservedAtDump, std::vector<MemoryAnnotation> annotations)
{
    MemoryDevice d;
    d.device = device;
    d.label = QStringLiteral("GPU %1").arg(device);
    const Scan facts = scan(d, events);

    Matcher matcher(d, events, facts.allocs);
    matcher.run();

    // Both axes' curves in one pass: x of position p is its event's seq or time, then the end.
    const size_t n = events.size();
    const std::vector<int64_t> deltaAt = matcher.deltas();
    const size_t points =
        size_t(std::count_if(deltaAt.begin(), deltaAt.end(), [](int64_t v) { return v != 0; }));
    for (int axis : {kTime, kSeq}) {
        if (axis == kSeq || facts.timeOrdered) {
            d.allocated[axis].x.reserve(points);
            d.allocated[axis].value.reserve(points);
        }
    }
    int64_t total = 0;
    for (size_t p = 0; p < deltaAt.size(); ++p) {
        if (deltaAt[p] == 0)
            continue;
        total += deltaAt[p];
        appendPoint(d.allocated[kSeq], p < n ? events[p].seq : d.end[kSeq], total);
        if (facts.timeOrdered)
            appendPoint(d.allocated[kTime], p < n ? events[p].time : d.end[kTime], total);
    }
    d.allocated[kSeq].buildTree();
    if (facts.timeOrdered) {
        d.allocated[kTime].buildTree();
    } else {
        // Times go backwards somewhere: sort the changes by time instead.
        std::vector<CurveDelta> deltas;
        deltas.reserve(2 * d.allocations.size());
        for (const MemoryAllocation &a : d.allocations) {
            deltas.push_back({a.allocTime, int64_t(a.size)});
            deltas.push_back({a.freeTime, -int64_t(a.size)});
        }
        d.allocated[kTime] = curveOfDeltas(std::move(deltas));
    }

    // What was reserved when the trace began: what the dump still holds less what the trace
    // added, and never less than what it later frees.
    int64_t running = 0, lowest = 0;
    for (const CurveDelta &r : matcher.reserved[kSeq]) {
        running += r.bytes;
        lowest = std::min(lowest, running);
    }
    const int64_t baseline = std::max<int64_t>({reservedAtDump - matcher.reservedNet, -lowest, 0});
    for (int axis : {kTime, kSeq}) {
        std::vector<CurveDelta> &r = matcher.reserved[axis];
        if (baseline != 0)
            r.insert(r.begin(), CurveDelta{d.start[axis], baseline});
        d.reserved[axis] = curveOfDeltas(std::move(r));
    }
    for (int axis : {kTime, kSeq}) {
        d.peakAllocated[axis] = peakOf(d.allocated[axis]);
        d.peakReserved[axis] = peakOf(d.reserved[axis]);
    }
    placeAnnotations(d, events, std::move(annotations));
    return d;
}

} // namespace ts::model

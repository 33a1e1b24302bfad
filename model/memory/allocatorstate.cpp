#include "allocatorstate.h"

#include "cache/cachereader.h"
#include "cache/sqlite.h"
#include "memory/allocatortiling.h"
#include "memory/lifetimeindex.h"
#include "memory/memorysummary.h"
#include "memory/memorytimeline.h"
#include "memory/segmenthistory.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace ts::model {

namespace {

// mem_event.action
enum Action {
    kAlloc = 1,
    kFreeRequested = 2,
    kFreeCompleted = 3,
    kSegmentAlloc = 4,
    kSegmentUnmap = 7,
    kLastAction = 9,
};
// mem_block.state of a block freed but waiting on another stream
constexpr int kDumpPendingFree = 2;

constexpr int64_t kForever = LifetimeIndex::kForever;
constexpr int64_t kNoTime = std::numeric_limits<int64_t>::lowest();

// An event's entry in Device::refs: an index into the timeline's allocations, or (with
// kSideBit) into Device::side, or kNoEvent for a seq the importer skipped.
constexpr uint32_t kSideBit = 0x80000000u;
constexpr uint32_t kNoEvent = UINT32_MAX;

// A trace holds at most a few times more seqs than rows (the importer skips a bad entry but
// counts it); beyond that a seq is not one our importer wrote, and is dropped.
int64_t seqBound(int64_t rows)
{
    return std::min<int64_t>(4 * rows + 4096, kSideBit - 1);
}

// When an allocation's block is alive and when its free was requested, as event seqs.
struct Life
{
    int64_t begin, request, end;
};

Life lifeOf(const MemoryAllocation &a)
{
    const bool completed = !(a.flags & (kAllocNeverFreed | kAllocFreeRequestedOnly));
    const bool requested =
        (a.flags & kAllocFreeRequestedOnly) || (completed && a.freeRequestedSeq < a.freeSeq);
    return Life{(a.flags & kAllocBeforeTrace) ? -1 : a.allocSeq,
                requested ? a.freeRequestedSeq : kForever, completed ? a.freeSeq : kForever};
}

// The action an allocation's event at seq must have, 0 when none of its events is there.
int expectedAction(const MemoryAllocation &a, int64_t seq)
{
    const Life l = lifeOf(a);
    if (!(a.flags & kAllocBeforeTrace) && seq == a.allocSeq)
        return kAlloc;
    if (l.request != kForever && seq == l.request)
        return kFreeRequested;
    if (l.end != kForever && seq == l.end)
        return kFreeCompleted;
    return 0;
}

struct SideEvent
{
    int64_t time;
    uint64_t address, size;
};

struct DumpBlock
{
    uint64_t address, size, requested, stream;
    int state;
    qint64 stack;
};

// One device while loading.
struct Pending
{
    std::vector<SegmentPiece> segments;
    std::vector<DumpBlock> blocks; // active ones
    std::vector<SegmentChange> changes;
};

} // namespace

struct AllocatorState::Device
{
    int device = 0;
    int64_t events = 0;
    bool hasTime = false;
    int64_t firstTime = kNoTime;
    std::vector<uint8_t> actions; // by seq; 0: no entry there
    std::vector<uint32_t> refs;   // by seq
    std::vector<SideEvent> side;

    std::vector<SegmentPiece> pieces;     // by address
    std::vector<AllocatorBlock> dumpOnly; // dump blocks no event touches
    std::vector<int64_t> dumpOnlyBegin;   // their begin (-1, or after a repair)
    std::unordered_map<uint32_t, std::pair<uint64_t, uint64_t>> exact; // allocation → size, req
    LifetimeIndex lifetimes; // over the timeline's allocations
    AllocatorRepairs repairs;
};

AllocatorState::AllocatorState() = default;
AllocatorState::~AllocatorState() = default;
AllocatorState::AllocatorState(AllocatorState &&) noexcept = default;
AllocatorState &AllocatorState::operator=(AllocatorState &&) noexcept = default;

namespace {

// The dump's active blocks: the trace's blocks still alive at its end take their exact size
// from them; the rest were allocated before the trace (or their alloc went unrecorded).
void matchDumpBlocks(AllocatorState::Device &dev, const std::vector<MemoryAllocation> &all,
                     const std::vector<DumpBlock> &blocks)
{
    std::unordered_multimap<uint64_t, uint32_t> alive; // at the dump, by address
    for (uint32_t i = 0; i < all.size(); ++i) {
        if (lifeOf(all[i]).end == kForever)
            alive.emplace(all[i].address, i);
    }
    std::vector<const DumpBlock *> untouched;
    for (const DumpBlock &b : blocks) {
        const auto it = alive.find(b.address);
        if (it == alive.end()) {
            untouched.push_back(&b);
            continue;
        }
        const uint32_t i = it->second;
        alive.erase(it);
        // PyTorch 2.0 dumps have no requested size: the trace's is the same number.
        const uint64_t requested = b.requested ? b.requested : all[i].size;
        dev.exact[i] = {std::max(b.size, requested), requested};
        if ((lifeOf(all[i]).request != kForever) != (b.state == kDumpPendingFree))
            ++dev.repairs.stateMismatches;
    }
    dev.repairs.blocksMissingFromDump = int(alive.size());

    // A dump block at an address the trace freed was allocated after that free.
    std::unordered_map<uint64_t, int64_t> lastFree;
    for (const DumpBlock *b : untouched)
        lastFree.emplace(b->address, -1);
    for (const MemoryAllocation &a : all) {
        const auto it = lastFree.find(a.address);
        const int64_t end = lifeOf(a).end;
        if (it != lastFree.end() && end != kForever)
            it->second = std::max(it->second, end);
    }
    for (const DumpBlock *b : untouched) {
        AllocatorBlock out;
        out.address = b->address;
        out.size = b->size;
        out.requestedSize = b->requested ? b->requested : b->size;
        out.stream = b->stream;
        out.stackId = b->stack;
        out.state = b->state == kDumpPendingFree ? AllocatorBlockState::PendingFree
                                                 : AllocatorBlockState::Allocated;
        if (!b->requested)
            out.flags |= kBlockRequestedUnknown;
        const int64_t begin = lastFree[b->address];
        if (begin < 0)
            out.flags |= kBlockBeforeTrace;
        else
            ++dev.repairs.blocksWithoutAlloc;
        dev.dumpOnly.push_back(out);
        dev.dumpOnlyBegin.push_back(begin);
    }
}

// The allocator rounds every request up to a multiple of its kMinBlockSize, 512 bytes, and
// to at least 512, before anything else (CUDACachingAllocator round_size): a floor on the
// block's size when the dump does not give it.
uint64_t derivedBlockSize(uint64_t requested)
{
    constexpr uint64_t kMinBlock = 512;
    return requested <= kMinBlock ? kMinBlock : (requested + kMinBlock - 1) / kMinBlock * kMinBlock;
}

// Points each seq an allocation's event should have at that allocation; the scan keeps the
// pointers whose event has the expected action.
void pointAtAllocations(AllocatorState::Device &dev, const std::vector<MemoryAllocation> &all)
{
    for (uint32_t i = 0; i < all.size(); ++i) {
        const Life l = lifeOf(all[i]);
        for (int64_t seq :
             {l.begin, l.request == kForever ? -1 : l.request, l.end == kForever ? -1 : l.end}) {
            if (seq < 0 || seq >= kSideBit - 1)
                continue;
            if (size_t(seq) >= dev.refs.size())
                dev.refs.resize(size_t(seq) + 1, kNoEvent);
            dev.refs[size_t(seq)] = i;
        }
    }
}

// Once every event is read: the segments' history, the dump's blocks, the blocks' lifetimes.
void finish(AllocatorState::Device &dev, Pending &p, const std::vector<MemoryAllocation> &all)
{
    dev.actions.resize(std::max(dev.actions.size(), dev.refs.size()), 0);
    dev.refs.resize(dev.actions.size(), kNoEvent);
    SegmentHistory h = replaySegments(p.segments, std::move(p.changes));
    dev.pieces = std::move(h.pieces);
    dev.repairs.segmentsWithoutAlloc = h.segmentsWithoutAlloc;
    dev.repairs.segmentsWithoutFree = h.segmentsWithoutFree;
    matchDumpBlocks(dev, all, p.blocks);
    std::vector<int64_t> begins, ends;
    begins.reserve(all.size());
    ends.reserve(all.size());
    for (const MemoryAllocation &a : all) {
        const Life l = lifeOf(a);
        begins.push_back(l.begin);
        ends.push_back(l.end);
    }
    dev.lifetimes.build(std::move(begins), std::move(ends));
}

} // namespace

bool AllocatorState::load(const QString &cachePath, std::shared_ptr<const MemoryTimeline> timeline,
                          QString *error)
{
    *this = AllocatorState();
    m_timeline = timeline ? std::move(timeline) : std::make_shared<const MemoryTimeline>();
    CacheReader reader;
    if (!reader.open(cachePath, error))
        return false;
    const Database &db = reader.database();
    if (!MemorySummary::fromDatabase(db).present) {
        *error = QStringLiteral("the cache holds no memory snapshot");
        return false;
    }
    Statement segments(db, "SELECT id, device, address, total_size, stream, is_expandable "
                           "FROM mem_segment ORDER BY id");
    Statement blocks(db, "SELECT segment_id, address, size, requested_size, state, stack_id "
                         "FROM mem_block WHERE state IN (1, 2)");
    Statement count(db, "SELECT count(*) FROM mem_event");
    // A table scan, as MemoryTimeline does: rows arrive device by device in seq order.
    Statement events(db, "SELECT device, seq, action, addr, size, stream, ts FROM mem_event");
    if (!segments.ok() || !blocks.ok() || !count.ok() || !events.ok() || !count.step()) {
        *error = db.lastError();
        return false;
    }

    std::map<int, Pending> pending;
    std::unordered_map<int64_t, std::pair<int, uint64_t>> segmentOf; // id → device, stream
    while (segments.step()) {
        const int device = int(segments.int64(1));
        segmentOf[segments.int64(0)] = {device, uint64_t(segments.int64(4))};
        pending[device].segments.push_back(
            SegmentPiece{uint64_t(segments.int64(2)), uint64_t(segments.int64(3)),
                         uint64_t(segments.int64(4)), -1, kForever, segments.int64(5) != 0});
    }
    while (blocks.step()) {
        const auto it = segmentOf.find(blocks.int64(0));
        if (it == segmentOf.end())
            continue; // the writer checks this; a block of no segment has no device
        pending[it->second.first].blocks.push_back(DumpBlock{
            uint64_t(blocks.int64(1)), uint64_t(blocks.int64(2)), uint64_t(blocks.int64(3)),
            it->second.second, int(blocks.int64(4)), blocks.isNull(5) ? 0 : blocks.int64(5)});
    }
    for (int d : m_timeline->devices())
        pending[d];

    // Every event: its action, and where its details live (the allocation, or a side entry).
    std::map<int, Device> devices;
    auto deviceFor = [&](int d) -> Device & {
        auto [it, inserted] = devices.try_emplace(d);
        if (inserted) {
            it->second.device = d;
            pointAtAllocations(it->second, m_timeline->allocations(d));
        }
        return it->second;
    };
    const int64_t bound = seqBound(count.int64(0));
    while (events.step()) {
        const int d = int(events.int64(0));
        const int64_t seq = events.int64(1);
        const int action = int(events.int64(2));
        Device &dev = deviceFor(d);
        if (seq < 0 || seq > bound || action < kAlloc || action > kLastAction)
            continue;
        const int64_t time = events.isNull(6) ? kNoTime : events.int64(6);
        if (time != kNoTime) {
            dev.hasTime = true;
            dev.firstTime = dev.firstTime == kNoTime ? time : std::min(dev.firstTime, time);
        }
        if (size_t(seq) >= dev.actions.size())
            dev.actions.resize(size_t(seq) + 1, 0);
        if (size_t(seq) >= dev.refs.size())
            dev.refs.resize(size_t(seq) + 1, kNoEvent);
        dev.actions[size_t(seq)] = uint8_t(action);
        ++dev.events;
        uint32_t &ref = dev.refs[size_t(seq)];
        const auto &all = m_timeline->allocations(d);
        if (ref != kNoEvent && !(ref & kSideBit) && ref < all.size() &&
            expectedAction(all[ref], seq) == action)
            continue; // the timeline's allocation tells the rest
        const uint64_t addr = uint64_t(events.int64(3)), size = uint64_t(events.int64(4));
        ref = kSideBit | uint32_t(dev.side.size());
        dev.side.push_back(SideEvent{time, addr, size});
        if (action >= kSegmentAlloc && action <= kSegmentUnmap)
            pending[d].changes.push_back(
                SegmentChange{seq, action, addr, size, uint64_t(events.int64(5))});
    }

    for (auto &[d, p] : pending)
        finish(deviceFor(d), p, m_timeline->allocations(d));
    for (auto &[d, dev] : devices)
        m_devices.push_back(std::move(dev));
    return true;
}

QVector<int> AllocatorState::devices() const
{
    QVector<int> out;
    for (const Device &d : m_devices)
        out << d.device;
    return out;
}

const AllocatorState::Device *AllocatorState::find(int device) const
{
    const auto it = std::lower_bound(m_devices.begin(), m_devices.end(), device,
                                     [](const Device &d, int v) { return d.device < v; });
    return it != m_devices.end() && it->device == device ? &*it : nullptr;
}

int64_t AllocatorState::lastSeq(int device) const
{
    const Device *d = find(device);
    return d ? int64_t(d->actions.size()) - 1 : -1;
}

int64_t AllocatorState::eventCount(int device) const
{
    const Device *d = find(device);
    return d ? d->events : 0;
}

bool AllocatorState::hasTime(int device) const
{
    const Device *d = find(device);
    return d && d->hasTime;
}

int64_t AllocatorState::firstTime(int device) const
{
    const Device *d = find(device);
    return d ? d->firstTime : kNoTime;
}

AllocatorRepairs AllocatorState::repairs(int device) const
{
    const Device *d = find(device);
    return d ? d->repairs : AllocatorRepairs{};
}

int64_t AllocatorState::step(int device, int64_t seq, int64_t steps) const
{
    const int64_t last = lastSeq(device);
    const int64_t from = std::clamp<int64_t>(seq, -1, last);
    // Clamped before adding, so no overflow for any steps within ±2^62.
    return std::clamp<int64_t>(
        from + std::clamp<int64_t>(steps, -(int64_t(1) << 62), int64_t(1) << 62), -1, last);
}

int64_t AllocatorState::seqAtTime(int device, int64_t timeNs) const
{
    const Device *d = find(device);
    if (!d || !d->hasTime)
        return -1;
    const int64_t size = int64_t(d->actions.size());
    // An event without a time takes the next one's (a marker may have none).
    auto timeAt = [&](int64_t seq) {
        for (int64_t s = seq; s < size && s < seq + 1024; ++s) {
            const int64_t t = event(device, s).time;
            if (t != kNoTime)
                return t;
        }
        return std::numeric_limits<int64_t>::max();
    };
    int64_t lo = 0, hi = size; // the first seq after timeNs
    while (lo < hi) {
        const int64_t mid = lo + (hi - lo) / 2;
        if (timeAt(mid) <= timeNs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - 1;
}

AllocatorEvent AllocatorState::event(int device, int64_t seq) const
{
    AllocatorEvent e;
    const Device *d = find(device);
    if (!d || seq < 0 || seq >= int64_t(d->actions.size()))
        return e;
    e.seq = seq;
    e.action = d->actions[size_t(seq)];
    const uint32_t ref = d->refs[size_t(seq)];
    if (e.action == 0 || ref == kNoEvent)
        return e;
    if (ref & kSideBit) {
        const SideEvent &s = d->side[ref & ~kSideBit];
        e.address = s.address;
        e.size = s.size;
        e.time = s.time;
        return e;
    }
    const MemoryAllocation &a = m_timeline->allocations(device)[ref];
    e.address = a.address;
    e.size = a.size;
    if (d->hasTime) {
        e.time = e.action == kAlloc           ? a.allocTime
                 : e.action == kFreeRequested ? a.freeRequestedTime
                                              : a.freeTime;
    }
    e.allocation = int32_t(ref);
    return e;
}

AllocatorMoment AllocatorState::at(int device, int64_t seq) const
{
    const Device *d = find(device);
    if (!d)
        return AllocatorMoment{};
    const int64_t k = std::clamp<int64_t>(seq, -1, int64_t(d->actions.size()) - 1);

    // Reserved then: the pieces alive, an expandable segment's touching pieces joined.
    std::vector<AllocatorSegment> segments;
    for (const SegmentPiece &p : d->pieces) {
        if (p.begin > k || k >= p.end)
            continue;
        AllocatorSegment *last = segments.empty() ? nullptr : &segments.back();
        if (last && p.expandable && (last->flags & kSegmentExpandable) &&
            last->stream == p.stream && last->address + last->size == p.address) {
            last->size += p.size;
            last->since = std::min(last->since, p.begin);
        } else {
            AllocatorSegment s;
            s.address = p.address;
            s.size = p.size;
            s.stream = p.stream;
            s.since = p.begin;
            s.flags = p.expandable ? kSegmentExpandable : 0;
            segments.push_back(s);
            last = &segments.back();
        }
        if (p.begin < 0)
            last->flags |= kSegmentBeforeTrace;
    }

    const auto &all = m_timeline->allocations(device);
    const std::vector<uint32_t> alive = d->lifetimes.aliveAt(k);
    std::vector<AllocatorBlock> blocks;
    blocks.reserve(alive.size() + d->dumpOnly.size());
    for (uint32_t i : alive) {
        const MemoryAllocation &a = all[i];
        const Life l = lifeOf(a);
        AllocatorBlock b;
        b.address = a.address;
        b.stream = a.stream;
        b.stackId = a.stackId;
        b.allocation = int32_t(i);
        b.state =
            k >= l.request ? AllocatorBlockState::PendingFree : AllocatorBlockState::Allocated;
        if (a.flags & kAllocBeforeTrace)
            b.flags |= kBlockBeforeTrace;
        // Only a block alive at the dump can be in it.
        const auto exact = l.end == kForever ? d->exact.find(i) : d->exact.end();
        if (exact != d->exact.end()) {
            b.size = exact->second.first;
            b.requestedSize = exact->second.second;
        } else {
            b.requestedSize = a.size;
            b.size = derivedBlockSize(a.size);
            b.flags |= kBlockSizeDerived;
        }
        blocks.push_back(b);
    }
    for (size_t i = 0; i < d->dumpOnly.size(); ++i) {
        if (d->dumpOnlyBegin[i] <= k)
            blocks.push_back(d->dumpOnly[i]);
    }
    return layOutMoment(k, std::move(segments), std::move(blocks));
}

} // namespace ts::model

#include "dumpblocks.h"

#include "cache/sqlite.h"
#include "memory/curvebuilding.h"

#include <algorithm>
#include <unordered_map>

namespace ts::model {

namespace {

constexpr int kTime = int(MemoryAxis::Time);
constexpr int kSeq = int(MemoryAxis::Sequence);

// The curve plus `extra` deltas, merged in one pass: both are in x order.
MemoryCurve withDeltas(const MemoryCurve &c, std::vector<CurveDelta> extra)
{
    std::stable_sort(extra.begin(), extra.end(),
                     [](const CurveDelta &a, const CurveDelta &b) { return a.x < b.x; });
    MemoryCurve out;
    size_t i = 0, j = 0;
    int64_t base = 0, added = 0;
    while (i < c.x.size() || j < extra.size()) {
        const int64_t x =
            j == extra.size() || (i < c.x.size() && c.x[i] < extra[j].x) ? c.x[i] : extra[j].x;
        for (; i < c.x.size() && c.x[i] == x; ++i)
            base = c.value[i];
        for (; j < extra.size() && extra[j].x == x; ++j)
            added += extra[j].bytes;
        appendPoint(out, x, base + added);
    }
    out.buildTree();
    return out;
}

} // namespace

bool readDumpBlocks(const Database &db, QHash<int, std::vector<DumpBlock>> *out, QString *error)
{
    Statement q(db, "SELECT s.device, b.address, b.size, b.requested_size, b.stack_id, s.stream "
                    "FROM mem_block b JOIN mem_segment s ON s.id = b.segment_id "
                    "WHERE b.state IN (1, 2)");
    if (!q.ok()) {
        *error = db.lastError();
        return false;
    }
    while (q.step()) {
        const int64_t requested = q.int64(3), size = q.int64(2);
        DumpBlock b;
        b.address = uint64_t(q.int64(1));
        b.size = uint64_t(std::max<int64_t>(requested > 0 ? requested : size, 0));
        b.stackId = q.isNull(4) ? 0 : q.int64(4);
        b.stream = uint64_t(q.int64(5));
        (*out)[int(q.int64(0))].push_back(b);
    }
    return true;
}

void addDumpOnlyBlocks(MemoryDevice &d, const std::vector<DumpBlock> &blocks)
{
    if (blocks.empty())
        return;
    // Per block address: how many allocations alive at the end stand for blocks there (once
    // each), and the allocation that last freed it (a dump block there began after that free).
    // Keyed by the dump's few addresses, not the trace's many.
    struct AtAddress
    {
        uint32_t alive = 0;
        uint32_t lastFreed = UINT32_MAX;
    };
    std::unordered_map<uint64_t, AtAddress> at;
    at.reserve(blocks.size());
    for (const DumpBlock &b : blocks)
        at.emplace(b.address, AtAddress{});
    for (uint32_t i = 0; i < d.allocations.size(); ++i) {
        const MemoryAllocation &a = d.allocations[i];
        const auto it = at.find(a.address);
        if (it == at.end())
            continue;
        if (a.flags & kAllocNeverFreed)
            ++it->second.alive;
        else if (it->second.lastFreed == UINT32_MAX ||
                 d.allocations[it->second.lastFreed].freeSeq < a.freeSeq)
            it->second.lastFreed = i;
    }
    std::vector<CurveDelta> extra[2];
    for (const DumpBlock &b : blocks) {
        AtAddress &here = at[b.address];
        if (here.alive > 0) {
            --here.alive;
            continue;
        }
        MemoryAllocation a;
        a.address = b.address;
        a.size = b.size;
        a.stream = b.stream;
        a.stackId = b.stackId;
        a.flags = kAllocNeverFreed;
        if (here.lastFreed != UINT32_MAX) {
            a.allocTime = d.allocations[here.lastFreed].freeTime;
            a.allocSeq = d.allocations[here.lastFreed].freeSeq;
        } else {
            a.flags |= kAllocBeforeTrace;
            a.allocTime = d.start[kTime];
            a.allocSeq = d.start[kSeq];
        }
        a.freeTime = a.freeRequestedTime = d.end[kTime];
        a.freeSeq = a.freeRequestedSeq = d.end[kSeq];
        for (int axis : {kTime, kSeq}) {
            extra[axis].push_back({a.start(MemoryAxis(axis)), int64_t(a.size)});
            extra[axis].push_back({a.end(MemoryAxis(axis)), -int64_t(a.size)});
        }
        d.neverFreed.push_back(uint32_t(d.allocations.size()));
        d.allocations.push_back(a);
    }
    if (extra[kSeq].empty())
        return;
    for (int axis : {kTime, kSeq}) {
        d.allocated[axis] = withDeltas(d.allocated[axis], std::move(extra[axis]));
        d.peakAllocated[axis] = peakOf(d.allocated[axis]);
    }
}

MemoryDevice dumpOnlyDevice(int device, int64_t reservedAtDump,
                            const std::vector<DumpBlock> &blocks)
{
    MemoryDevice d;
    d.device = device;
    d.label = QStringLiteral("GPU %1").arg(device);
    d.dumpOnly = true;
    for (int axis : {kTime, kSeq}) {
        d.start[axis] = 0;
        d.end[axis] = 1;
        d.reserved[axis] = curveOfDeltas({{0, reservedAtDump}});
        d.peakReserved[axis] = peakOf(d.reserved[axis]);
        d.allocated[axis].buildTree();
    }
    addDumpOnlyBlocks(d, blocks);
    return d;
}

} // namespace ts::model

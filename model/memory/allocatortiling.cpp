#include "allocatortiling.h"

#include <algorithm>
#include <tuple>

namespace ts::model {

namespace {

uint64_t endOf(uint64_t address, uint64_t size)
{
    return address > UINT64_MAX - size ? UINT64_MAX : address + size;
}

// Fills seg.blocks with blocks[first, last) (by address, each starting inside seg) and the free
// space between them.
void tile(AllocatorSegment &seg, std::vector<AllocatorBlock> &blocks, size_t first, size_t last)
{
    const uint64_t segEnd = endOf(seg.address, seg.size);
    seg.blocks.reserve(2 * (last - first) + 1);
    auto gap = [&seg](uint64_t a, uint64_t b) {
        if (b <= a)
            return;
        AllocatorBlock f;
        f.address = a;
        f.size = b - a;
        f.stream = seg.stream;
        seg.blocks.push_back(f);
        seg.freeBytes += f.size;
        seg.largestFree = std::max(seg.largestFree, f.size);
    };
    uint64_t cursor = seg.address; // the furthest end of the blocks so far
    size_t furthest = SIZE_MAX;    // seg.blocks index of the block reaching cursor
    for (size_t i = first; i < last; ++i) {
        AllocatorBlock &b = blocks[i];
        if (b.address < cursor) {
            b.flags |= kBlockOverlaps;
            if (furthest != SIZE_MAX)
                seg.blocks[furthest].flags |= kBlockOverlaps;
        } else {
            gap(cursor, b.address);
        }
        uint64_t end = endOf(b.address, b.size);
        if (end > segEnd) {
            b.flags |= kBlockPastSegment;
            end = segEnd;
        }
        if (end > cursor || furthest == SIZE_MAX) {
            cursor = std::max(cursor, end);
            furthest = seg.blocks.size();
        }
        seg.blocks.push_back(b);
    }
    gap(cursor, segEnd);
}

} // namespace

AllocatorMoment layOutMoment(int64_t seq, std::vector<AllocatorSegment> segments,
                             std::vector<AllocatorBlock> blocks)
{
    // A total order, so equal inputs lay out alike whatever the sort does with ties.
    std::sort(blocks.begin(), blocks.end(), [](const AllocatorBlock &a, const AllocatorBlock &b) {
        return std::tie(a.address, a.allocation, a.size) <
               std::tie(b.address, b.allocation, b.size);
    });
    // Each block's segment: the last one starting at or before it, if it starts inside. In
    // address order the owners never decrease, so a segment's blocks are one run of `blocks`.
    std::vector<AllocatorBlock> members, orphans;
    std::vector<size_t> owners; // by member
    members.reserve(blocks.size());
    owners.reserve(blocks.size());
    size_t after = 0; // segments before this index start at or before the block
    for (const AllocatorBlock &b : blocks) {
        while (after < segments.size() && segments[after].address <= b.address)
            ++after;
        if (after > 0 && b.address < endOf(segments[after - 1].address, segments[after - 1].size)) {
            members.push_back(b);
            owners.push_back(after - 1);
        } else {
            orphans.push_back(b);
        }
    }

    AllocatorMoment m;
    m.seq = seq;
    AllocatorTotals &t = m.totals;
    size_t next = 0;
    for (size_t i = 0; i < segments.size(); ++i) {
        AllocatorSegment &s = segments[i];
        const size_t first = next;
        while (next < members.size() && owners[next] == i)
            ++next;
        tile(s, members, first, next);
        t.reserved += int64_t(s.size);
        t.free += int64_t(s.freeBytes);
        t.largestFree = std::max(t.largestFree, int64_t(s.largestFree));
        ++t.segments;
    }

    // Blocks in no known segment: one synthetic segment per run of touching blocks.
    std::vector<size_t> runEnds;
    std::vector<AllocatorSegment> unknown;
    for (size_t i = 0; i < orphans.size(); ++i) {
        const AllocatorBlock &b = orphans[i];
        if (unknown.empty() || b.address > endOf(unknown.back().address, unknown.back().size)) {
            if (!unknown.empty())
                runEnds.push_back(i);
            AllocatorSegment s;
            s.address = b.address;
            s.stream = b.stream;
            s.flags = kSegmentUnknown;
            unknown.push_back(s);
        }
        AllocatorSegment &s = unknown.back();
        s.size = std::max(endOf(s.address, s.size), endOf(b.address, b.size)) - s.address;
    }
    runEnds.push_back(orphans.size());
    for (size_t i = 0; i < unknown.size(); ++i)
        tile(unknown[i], orphans, i == 0 ? 0 : runEnds[i - 1], runEnds[i]);

    m.segments = std::move(segments);
    m.segments.insert(m.segments.end(), std::make_move_iterator(unknown.begin()),
                      std::make_move_iterator(unknown.end()));
    std::stable_sort(
        m.segments.begin(), m.segments.end(),
        [](const AllocatorSegment &a, const AllocatorSegment &b) { return a.address < b.address; });
    for (const AllocatorSegment &s : m.segments) {
        for (const AllocatorBlock &b : s.blocks) {
            if (!b.isActive())
                continue;
            ++t.activeBlocks;
            (b.state == AllocatorBlockState::Allocated ? t.allocated : t.pendingFree) +=
                int64_t(b.requestedSize);
            t.waste += int64_t(b.waste());
            if (b.flags & kBlockSizeDerived)
                t.wasteDerived += int64_t(b.waste());
            if (b.flags & kBlockOverlaps)
                ++t.overlappingBlocks;
            if (s.flags & kSegmentUnknown)
                ++t.unknownBlocks;
        }
    }
    t.fragmentation = t.free > 0 ? 1.0 - double(t.largestFree) / double(t.free) : 0.0;
    return m;
}

} // namespace ts::model

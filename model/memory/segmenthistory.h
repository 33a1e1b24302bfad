#pragma once
// The reserved address ranges of one device over its trace, found by undoing the trace's
// segment events backwards from the dump's segments (the only state known for sure). Each range
// becomes a piece alive for begin <= k < end in event seqs. An expandable segment is a run of
// mapped pieces; a segment_unmap may cut a mapped piece, so pieces split where events cut them.
//
// Undoing, from the last event back:
//  - segment_free / segment_unmap of R at s: R was reserved before s (a piece ending at s).
//    Anything reserved after s that overlaps R must have been reserved after the free: its
//    segment_alloc is missing, and it begins at s (segmentsWithoutAlloc).
//  - segment_alloc / segment_map of R at s: what is reserved over R after s began at s. A part
//    of R reserved by the event yet absent later (no free recorded, not in the dump) stays
//    reserved to the end (segmentsWithoutFree): the trace says so, and nothing contradicts it.
// What is still reserved once every event is undone existed before the trace (begin -1).
// Pieces reserved at the same moment never overlap, except where the dump's own segments do,
// or a segment without a free meets a later one over the same range.

#include <cstdint>
#include <vector>

namespace ts::model {

struct SegmentPiece
{
    uint64_t address = 0;
    uint64_t size = 0;
    uint64_t stream = 0;
    int64_t begin = -1;      // reserved from after this event; -1: before the trace
    int64_t end = INT64_MAX; // released by this event; INT64_MAX: still reserved at the dump
    bool expandable = false;
};

struct SegmentChange
{
    int64_t seq = 0;
    int action = 0; // mem_event.action 4 segment_alloc, 5 segment_free, 6 map, 7 unmap
    uint64_t address = 0;
    uint64_t size = 0;
    uint64_t stream = 0;
};

struct SegmentHistory
{
    std::vector<SegmentPiece> pieces; // by address, then begin
    int segmentsWithoutAlloc = 0;
    int segmentsWithoutFree = 0;
};

// atDump: the dump's segments (begin/end ignored). changes: in any order; other actions ignored.
SegmentHistory replaySegments(const std::vector<SegmentPiece> &atDump,
                              std::vector<SegmentChange> changes);

} // namespace ts::model

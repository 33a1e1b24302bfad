#pragma once
// The flows as they arrive, staged until the slices are placed, and the slice ids their ends
// bind to after that. Every stage is an external sort (externalsort.h), so none of it grows in
// memory with the input.
//
// Flow i has two ends: slot 2i (out) and 2i + 1 (in). An end given as a track and a time is a
// TimeEnd, sorted by (track, ts) for the placer to resolve during its one sorted pass over the
// slices. An end given as a slice's arrival sequence (flow v2's bind_id) is resolved after that
// pass, by merging with the (sequence, id) of every placed slice. Both give bindings, sorted by
// slot, which nextFlow() pairs back into flows in arrival order.

#include "cache/externalsort.h"
#include "records/recordformat.h"

#include <QString>

#include <cstdint>

namespace ts::model {

struct TimeEnd
{
    int64_t ts;
    uint32_t track;
    uint32_t slot;
    uint32_t name, category;
    uint32_t next; // 1: binds to the first slice starting at or after ts; 0: the enclosing one
};

class FlowEnds
{
public:
    static constexpr size_t kRunBytes = size_t(4) << 20; // per sort

    explicit FlowEnds(const QString &tempDir, size_t runBytes = kRunBytes);

    // False on an I/O error (error() says which).
    bool add(const rec::FlowRec &flow);
    uint64_t flowCount() const { return m_flows; }

    // The placer's side, in this order. nextTimeEnd() hands out the time-bound ends sorted by
    // (track, ts), Next before Enclosing at one time (a Next end binds to the first slice
    // starting there, an Enclosing one waits for every slice that starts at or before it).
    bool startPlacing();
    bool nextTimeEnd(TimeEnd *end);
    bool bind(const TimeEnd &end, uint32_t sliceId);
    bool placed(uint32_t sequence, uint32_t sliceId);
    bool finishPlacing();

    // The writer's side, after that: the next flow with both ends bound, in arrival order.
    struct Bound
    {
        uint32_t out, in, name, category;
    };
    bool nextFlow(Bound *flow);

    QString error() const;

private:
    struct SequenceEnd
    {
        uint32_t sequence, slot, name, category;
    };
    struct PlacedId
    {
        uint32_t sequence, id;
    };
    struct Binding
    {
        uint32_t slot, slice, name, category;
    };
    struct TimeEndBefore
    {
        bool operator()(const TimeEnd &a, const TimeEnd &b) const
        {
            if (a.track != b.track)
                return a.track < b.track;
            if (a.ts != b.ts)
                return a.ts < b.ts;
            if (a.next != b.next)
                return a.next > b.next;
            return a.slot < b.slot;
        }
    };
    struct SequenceEndBefore
    {
        bool operator()(const SequenceEnd &a, const SequenceEnd &b) const
        {
            return a.sequence != b.sequence ? a.sequence < b.sequence : a.slot < b.slot;
        }
    };
    struct PlacedIdBefore
    {
        bool operator()(const PlacedId &a, const PlacedId &b) const
        {
            return a.sequence < b.sequence;
        }
    };
    struct BindingBefore
    {
        bool operator()(const Binding &a, const Binding &b) const { return a.slot < b.slot; }
    };

    bool addEnd(const rec::FlowEndpoint &end, uint32_t slot, const rec::FlowRec &flow);
    bool bindSequenceEnds();

    uint64_t m_flows = 0;
    ExternalSort<TimeEnd, TimeEndBefore> m_timeEnds;
    ExternalSort<SequenceEnd, SequenceEndBefore> m_sequenceEnds;
    ExternalSort<PlacedId, PlacedIdBefore> m_placedIds;
    ExternalSort<Binding, BindingBefore> m_bindings;
};

} // namespace ts::model

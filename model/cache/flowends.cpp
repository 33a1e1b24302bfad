#include "flowends.h"

#include <limits>

namespace ts::model {

FlowEnds::FlowEnds(const QString &tempDir, size_t runBytes)
    : m_timeEnds(tempDir, runBytes), m_sequenceEnds(tempDir, runBytes),
      m_placedIds(tempDir, runBytes), m_bindings(tempDir, runBytes)
{}

bool FlowEnds::add(const rec::FlowRec &flow)
{
    // Slots are 32-bit like slice ids: past that the flow cannot be stored, only counted.
    const uint64_t slot = 2 * m_flows++;
    if (slot + 1 > std::numeric_limits<uint32_t>::max())
        return true;
    return addEnd(flow.out, uint32_t(slot), flow) && addEnd(flow.in, uint32_t(slot + 1), flow);
}

bool FlowEnds::addEnd(const rec::FlowEndpoint &end, uint32_t slot, const rec::FlowRec &flow)
{
    if (end.bind != rec::FlowBind::Sequence)
        return m_timeEnds.add({end.ts, end.track, slot, flow.name, flow.category,
                               end.bind == rec::FlowBind::Next ? 1u : 0u});
    if (end.sequence > std::numeric_limits<uint32_t>::max())
        return true; // no slice has that sequence: the end stays unbound
    return m_sequenceEnds.add({uint32_t(end.sequence), slot, flow.name, flow.category});
}

bool FlowEnds::startPlacing()
{
    return m_timeEnds.finish() && m_sequenceEnds.finish();
}

bool FlowEnds::nextTimeEnd(TimeEnd *end)
{
    return m_timeEnds.next(end);
}

bool FlowEnds::bind(const TimeEnd &end, uint32_t sliceId)
{
    return sliceId == 0 || m_bindings.add({end.slot, sliceId, end.name, end.category});
}

bool FlowEnds::placed(uint32_t sequence, uint32_t sliceId)
{
    return m_sequenceEnds.count() == 0 || m_placedIds.add({sequence, sliceId});
}

bool FlowEnds::finishPlacing()
{
    return bindSequenceEnds() && m_bindings.finish();
}

// Both sorted by sequence: one merge pass gives every sequence end its slice.
bool FlowEnds::bindSequenceEnds()
{
    if (m_sequenceEnds.count() == 0)
        return true;
    if (!m_placedIds.finish())
        return false;
    SequenceEnd end;
    PlacedId placed{0, 0};
    bool more = m_placedIds.next(&placed);
    while (m_sequenceEnds.next(&end)) {
        while (more && placed.sequence < end.sequence)
            more = m_placedIds.next(&placed);
        if (more && placed.sequence == end.sequence &&
            !m_bindings.add({end.slot, placed.id, end.name, end.category}))
            return false;
    }
    return error().isEmpty();
}

bool FlowEnds::nextFlow(Bound *flow)
{
    Binding b, pending{0, 0, 0, 0};
    bool havePending = false;
    while (m_bindings.next(&b)) {
        if (havePending && b.slot == pending.slot + 1 && pending.slot % 2 == 0) {
            *flow = {pending.slice, b.slice, pending.name, pending.category};
            return true;
        }
        pending = b;
        havePending = true;
    }
    return false;
}

QString FlowEnds::error() const
{
    for (const QString &e :
         {m_timeEnds.error(), m_sequenceEnds.error(), m_placedIds.error(), m_bindings.error()})
        if (!e.isEmpty())
            return e;
    return {};
}

} // namespace ts::model

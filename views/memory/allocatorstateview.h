#pragma once
// The allocator's state at one moment of a device trace, for the Memory view: a header with the
// moment (event k of n, its action, its time) and the totals (allocated, pending free,
// reserved, free and its largest block, fragmentation, rounding waste), a legend, and every
// segment with its blocks (SegmentMap). Hover a block for its details, click it to pick its
// allocation (allocationPicked: the Memory view shows its stack).
//
// Moments are "after event seq", seq from -1 (before the first event) to the last; the
// Sequence axis of MemoryTimeline uses the same numbers. Keys step through them — Left/Right
// one event, PageUp/PageDown 100, Home before the first, End the last: the view moves at once
// and emits momentRequested(seq) so the owner can move its chart's marker; setMoment() from
// outside (a click on the chart) moves the view without a signal. Each move computes the moment
// on the calling thread from the loaded AllocatorState (no cache access; ~10 ms for 40 000
// live blocks at 2 M events).
//
// Integration (the Memory view):
//     auto state = std::make_shared<model::AllocatorState>();
//     state->load(cachePath, timeline, &error);              // in the worker, after the timeline
//     view->setSource(state, device);                         // on the GUI thread
//     // chart click → moment: x is a seq on the Sequence axis (and on a Time axis without times)
//     view->setMoment(axis == Time && state->hasTime(device) ? state->seqAtTime(device, x) : x);
//     // key → chart marker: the event's time, or its seq
//     connect(view, &AllocatorStateView::momentRequested, … state->event(device, seq).time …);
//     connect(view, &AllocatorStateView::allocationPicked, … timeline->stack(…) …);

#include "memory/allocatorstate.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace ts::views {

// Whether a key steps the moment (Left/Right, PageUp/PageDown, Home/End): what the view, its
// segment map and the Memory view around it all route to the stepping.
bool isStepKey(int key);

class SegmentMap;

class AllocatorStateView : public QWidget
{
    Q_OBJECT
public:
    explicit AllocatorStateView(QWidget *parent = nullptr);

    // The state to show and its device; shows the last moment (the dump). Null clears the view.
    void setSource(std::shared_ptr<const model::AllocatorState> state, int device);
    // Shows the state after event seq (clamped to [-1, last]); emits nothing.
    void setMoment(int64_t seq);
    int64_t moment() const { return m_seq; }
    int device() const { return m_device; }
    // What is shown (empty before setSource).
    const model::AllocatorMoment &currentMoment() const { return *m_moment; }

    // For tests and screenshots: the header's text, the picture.
    QString headerText() const;
    SegmentMap *segmentMap() const { return m_map; }

signals:
    // A key moved the view to seq.
    void momentRequested(int64_t seq);
    // A block was clicked: its index in MemoryTimeline::allocations(device) (-1 for a block no
    // trace event names: allocated before the trace, still there at the dump) and its stack id
    // (0 = none; set for those blocks too, from the dump).
    void allocationPicked(int allocationIndex, qint64 stackId);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showHeader();

    std::shared_ptr<const model::AllocatorState> m_state;
    std::shared_ptr<const model::AllocatorMoment> m_moment;
    int m_device = 0;
    int64_t m_seq = -1;

    QLabel *m_header;
    QLabel *m_notes;
    SegmentMap *m_map;
};

} // namespace ts::views

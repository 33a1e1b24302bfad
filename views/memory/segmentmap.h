#pragma once
// The picture of one allocator moment: every segment a bar, its width proportional to its size
// (the largest spans the width, none narrower than kMinBar px so a small one stays visible),
// bars in address order packed into rows that wrap and scroll; inside a bar its blocks at their
// offsets, coloured by state (blockstyle.h), the rounding waste of a block hatched after its
// requested bytes. A synthetic segment (blocks outside every known one) has a dashed outline.
//
// Painting touches only the visible rows' blocks; blocks narrower than a pixel fold into one
// column whose colour mixes their kinds by bytes, so a paint costs O(blocks shown), never more
// fills than pixels. Hover shows a tooltip; a click picks the block (blockClicked). The view's
// stepping keys are left to the parent (AllocatorStateView); Up/Down/scrolling stay here.
//
// Scale: a row holds the same number of bytes everywhere. At zoom 1 (the default) every segment
// fits the visible rows; Ctrl+wheel or +/- zoom in, up to the largest segment filling a row.
// A row never holds less than the largest segment, so a bar never wraps.

#include "memory/allocatorstate.h"

#include <QAbstractScrollArea>

#include <memory>
#include <optional>

namespace ts::views {

class SegmentMap : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int kMinBar = 4;

    explicit SegmentMap(QWidget *parent = nullptr);

    // What to draw; state and device name the allocations in tooltips (state may be null).
    void setMoment(std::shared_ptr<const model::AllocatorMoment> moment,
                   const model::AllocatorState *state, int device);
    // Outlined: the block the user picked (by allocation; by address for one without), and,
    // dashed, the block the current event touched. -1: none.
    void setPicked(int allocation, uint64_t address = 0);
    void setTouched(int allocation);

    struct Hit
    {
        int segment = -1; // indexes into the moment's segments and that segment's blocks
        int block = -1;
    };
    Hit hitAt(const QPoint &viewportPos) const;
    QString toolTipAt(const QPoint &viewportPos) const;
    // Where the byte at address is drawn, in viewport coordinates; none when no bar holds it.
    std::optional<QPoint> pointOf(uint64_t address) const;
    int barCount() const { return int(m_bars.size()); }
    int contentHeight() const { return m_contentHeight; }
    // 1 fits everything; maxZoom() puts the largest segment across a row.
    void setZoom(double zoom);
    double zoom() const { return m_zoom; }
    double maxZoom() const;

signals:
    // allocation: index in MemoryTimeline::allocations(device), -1 for a block no trace event
    // names; stackId 0 = none.
    void blockClicked(int allocation, qint64 stackId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void relayout();
    QRect barAt(size_t segment) const; // viewport coordinates
    void paintBar(QPainter &p, const QRect &r, const model::AllocatorSegment &s) const;
    bool isPicked(const model::AllocatorBlock &b) const;
    QString blockText(const model::AllocatorSegment &s, const model::AllocatorBlock &b) const;

    std::shared_ptr<const model::AllocatorMoment> m_moment;
    const model::AllocatorState *m_state = nullptr;
    int m_device = 0;
    std::vector<QRect> m_bars; // content coordinates, by segment: rows top to bottom
    int m_contentHeight = 0;
    double m_zoom = 1;
    double m_largest = 1, m_fitBytes = 1; // bytes: the largest segment, a row at zoom 1
    int m_picked = -1;
    uint64_t m_pickedAddress = 0;
    int m_touched = -1;
};

} // namespace ts::views

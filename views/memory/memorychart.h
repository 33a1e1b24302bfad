#pragma once
// The active memory timeline of one device: every live allocation as a band stacked on those
// allocated before it (AllocationStacking, painted by allocationbands in a worker), the reserved
// total as a line above, annotations as marks along the top. Until the bands are painted — and
// for sources with curves only, such as a profiler trace's [memory] series — the allocated total
// shows as a min/max envelope, so the first frame never waits for the bands.
//
// Wheel zooms time around the cursor, Ctrl+wheel zooms bytes, Shift+wheel or a drag pans,
// W/S/A/D as in the timeline, double-click or 0 shows everything. Hovering names the allocation
// under the cursor; a click picks that moment and that allocation.

#include "memory/allocationbands.h"
#include "memory/memorytimeline.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <optional>

namespace ts::views {

class TimelineViewport;

// What the band painter hands back: the stacking it built (once per device and axis) and the
// image for one window.
struct PaintedBands
{
    std::shared_ptr<const model::AllocationStacking> stacking;
    BandImage bands;
    unsigned generation = 0;
};

class MemoryChart : public QWidget
{
    Q_OBJECT
public:
    explicit MemoryChart(QWidget *parent = nullptr);
    ~MemoryChart() override;

    // The chart reads timeline from a worker while it paints bands: the owner keeps it alive
    // until setSeries() gets another one or finishPainting() has returned.
    void setSeries(const model::MemoryTimeline *timeline, int device, model::MemoryAxis axis);
    void finishPainting();
    void setMoment(std::optional<int64_t> x);
    std::optional<int64_t> moment() const { return m_moment; }
    void setSelectedAllocation(std::optional<uint32_t> allocation);
    std::optional<uint32_t> selectedAllocation() const { return m_selected; }

    TimelineViewport *viewport() const { return m_viewport; }
    // The byte range on screen, bottom to top.
    double bytesLow() const;
    double bytesHigh() const;
    int64_t xAt(int pixel) const;
    int pixelOf(int64_t x) const;
    QRect plotRect() const;
    // Whether the bands for the current window are painted (tests and benchmarks wait on it).
    bool bandsReady() const;
    // The allocation drawn under a widget point, if any, and the moment its column shows.
    std::optional<model::StackHit> allocationAt(QPoint point, int64_t *moment = nullptr) const;
    // The hover text for a widget point: the allocation under it, else the totals there.
    QString describeAt(QPoint point) const;

signals:
    void momentPicked(int64_t x);
    void allocationPicked(uint32_t allocation);
    void bandsPainted();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    const model::MemoryDevice *currentDevice() const;
    bool hasBands() const;
    BandWindow currentWindow() const;
    double autoTop() const; // the highest total in the visible time range, with headroom
    double yOf(double bytes) const;
    double bytesAt(int y) const;
    void zoomBytes(int anchorY, double factor);
    void resetZoom();
    void requestBands();
    void onBandsPainted();
    void paintEnvelope(class QPainter &p, const QRect &r) const;
    void paintReserved(class QPainter &p, const QRect &r) const;
    struct AnnotationSpan
    {
        int64_t from, to;
        QString name;
    };
    std::vector<AnnotationSpan> annotationSpans() const;
    void paintAnnotations(class QPainter &p, const QRect &r) const;
    void paintAxes(class QPainter &p, const QRect &r) const;

    const model::MemoryTimeline *m_timeline = nullptr;
    int m_device = 0;
    model::MemoryAxis m_axis = model::MemoryAxis::Time;
    TimelineViewport *m_viewport;
    std::optional<std::pair<double, double>> m_bytes; // set once the user zooms bytes
    std::optional<int64_t> m_moment;
    std::optional<uint32_t> m_selected;
    std::optional<QPoint> m_hover;
    std::optional<QPoint> m_pressAt;
    bool m_dragged = false;

    // Built in a worker for (device, axis); painted bands follow the window.
    std::shared_ptr<const model::AllocationStacking> m_stacking;
    BandImage m_bands;
    QFutureWatcher<PaintedBands> m_painter;
    bool m_repaintPending = false;
    unsigned m_seriesGeneration = 0;
};

} // namespace ts::views

#pragma once
// The timeline itself: a sticky time ruler, the pinned band, then every group and track in one
// scrolling column, with track names in a gutter on the left. It owns no data: it paints a
// TimelineData through a TimelineViewport shared with the overview strip, and reports what the
// user selects (a slice, a time range, a flag) through signals; the TimelineView decides what
// follows. Keys follow Perfetto: W/S zoom at the mouse, A/D pan, 0 all, F fit, M flag.

#include "stepbands.h"
#include "timeline/timelinedata.h"
#include "timelinerows.h"
#include "timemapping.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

namespace ts::views {

class TimelineViewport;
class TrackPainter;

struct FlowArrow
{
    model::SliceRef from; // where the arrow starts (e.g. the launch)
    model::SliceRef to;   // where it ends (e.g. the kernel)
};

struct FlagMark
{
    int64_t ts = 0;
    QString name;
};

class TimelineCanvas : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kGutterWidth = 230;
    static constexpr int kRulerHeight = 26;

    TimelineCanvas(TimelineViewport *viewport, QWidget *parent = nullptr);
    ~TimelineCanvas() override;

    void setData(std::shared_ptr<const model::TimelineData> data);
    const model::TimelineData *data() const { return m_data.get(); }
    TimelineRows &rows() { return m_rows; }
    void rowsChanged(); // after the rows' state changed from outside

    void setSelectedSlice(const model::SliceRef &ref);
    model::SliceRef selectedSlice() const { return m_selected; }
    void setRange(int64_t start, int64_t end); // start == end: none
    bool hasRange() const { return m_rangeEnd > m_rangeStart; }
    int64_t rangeStart() const { return m_rangeStart; }
    int64_t rangeEnd() const { return m_rangeEnd; }
    void setFlows(const QVector<FlowArrow> &flows);
    void setFlags(const QVector<FlagMark> &flags);
    void setStepMarks(const QVector<StepMark> &marks);
    const QVector<StepMark> &stepMarks() const { return m_steps; }

    // Vertical scrolling of the track column.
    int scrollY() const { return m_scrollY; }
    int maxScrollY() const;
    void setScrollY(int y);
    // Scrolls so that the track of `ref` is on screen.
    void ensureVisible(const model::SliceRef &ref);

    TimeMapping mapping() const;
    // Screen rectangle of a slice (possibly outside the widget), or an empty rect when its track
    // is not shown.
    QRectF sliceRect(const model::SliceRef &ref) const;
    // The slice under a point of the widget, if any.
    model::SliceRef sliceAt(const QPoint &pos) const;
    // Where a track's row is on screen; empty when it is not shown.
    QRect rowRectOfTrack(int track) const;
    int lastRectCount() const { return m_lastRects; }

signals:
    void sliceSelected(const model::SliceRef &ref);  // invalid ref: selection cleared
    void sliceActivated(const model::SliceRef &ref); // double click
    void rangeSelected(int64_t start, int64_t end);
    void flagRequested(int64_t ts);
    void scrollChanged();
    void trackMenuRequested(int track, const QPoint &globalPos);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    enum class Drag { None, Pending, Pan, Range };
    struct HitRow
    {
        const TimelineRow *row = nullptr;
        QRect rect; // on screen
    };
    HitRow rowAtY(int y) const;
    QRect rowRect(const TimelineRow &row, bool pinned) const;
    int64_t anchorTime() const;
    void paintRuler(QPainter &p, const TimeMapping &map);
    void paintBand(QPainter &p, const QVector<TimelineRow> &rows, bool pinned, const QRect &clip,
                   const TimeMapping &map);
    void paintGroupHeader(QPainter &p, const TimelineRow &row, const QRect &rect,
                          const TimeMapping &map);
    void paintOverlays(QPainter &p, const TimeMapping &map);
    void paintFlow(QPainter &p, const FlowArrow &flow);
    void selectAt(const QPoint &pos);

    TimelineViewport *m_viewport;
    std::shared_ptr<const model::TimelineData> m_data;
    std::unique_ptr<TrackPainter> m_painter;
    TimelineRows m_rows;
    int m_scrollY = 0;

    model::SliceRef m_selected;
    int64_t m_rangeStart = 0, m_rangeEnd = 0;
    QVector<FlowArrow> m_flows;
    QVector<FlagMark> m_flags;
    QVector<StepMark> m_steps; // sorted by group, then start

    Drag m_drag = Drag::None;
    QPoint m_pressPos, m_lastPos;
    int64_t m_pressTime = 0;
    std::optional<QPoint> m_mouse;
    int m_lastRects = 0;
};

} // namespace ts::views

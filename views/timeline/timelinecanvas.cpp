#include "timelinecanvas.h"

#include "slicepalette.h"
#include "stepbands.h"
#include "timeformat.h"
#include "timelineviewport.h"
#include "trackpainter.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ts::views {

namespace {

constexpr double kZoomStep = 0.8;     // W: the window becomes 80% as wide
constexpr double kPanFraction = 0.15; // A/D: 15% of the window
constexpr int kDragThreshold = 4;
constexpr int kClickTolerancePx = 2;
const QColor kBackground(252, 252, 253);
const QColor kGutter(243, 244, 247);
const QColor kHeader(230, 233, 240);
const QColor kGrid(232, 234, 238);

} // namespace

TimelineCanvas::TimelineCanvas(TimelineViewport *viewport, QWidget *parent)
    : QWidget(parent), m_viewport(viewport)
{
    setObjectName(QStringLiteral("timelineCanvas"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(400, 200);
    connect(m_viewport, &TimelineViewport::windowChanged, this, qOverload<>(&QWidget::update));
}

TimelineCanvas::~TimelineCanvas() = default;

void TimelineCanvas::setData(std::shared_ptr<const model::TimelineData> data)
{
    m_data = std::move(data);
    m_painter = m_data ? std::make_unique<TrackPainter>(*m_data) : nullptr;
    m_rows.setData(m_data.get());
    m_selected = {};
    m_scrollY = 0;
    rowsChanged();
}

void TimelineCanvas::rowsChanged()
{
    m_rows.relayout();
    setScrollY(m_scrollY);
    update();
    emit scrollChanged();
}

TimeMapping TimelineCanvas::mapping() const
{
    return TimeMapping{m_viewport->start(), m_viewport->end(), double(kGutterWidth),
                       double(std::max(1, width() - kGutterWidth))};
}

int TimelineCanvas::maxScrollY() const
{
    const int visible = height() - kRulerHeight - m_rows.pinnedHeight();
    return std::max(0, m_rows.scrollHeight() - visible);
}

void TimelineCanvas::setScrollY(int y)
{
    y = std::clamp(y, 0, maxScrollY());
    if (y == m_scrollY)
        return;
    m_scrollY = y;
    update();
    emit scrollChanged();
}

QRect TimelineCanvas::rowRect(const TimelineRow &row, bool pinned) const
{
    const int top =
        pinned ? kRulerHeight + row.y : kRulerHeight + m_rows.pinnedHeight() + row.y - m_scrollY;
    return QRect(0, top, width(), row.height);
}

TimelineCanvas::HitRow TimelineCanvas::rowAtY(int y) const
{
    const int pinnedTop = kRulerHeight;
    const int scrollTop = kRulerHeight + m_rows.pinnedHeight();
    if (y < pinnedTop)
        return {};
    if (y < scrollTop) {
        const int i = TimelineRows::rowAt(m_rows.pinnedRows(), y - pinnedTop);
        if (i < 0)
            return {};
        const TimelineRow &r = m_rows.pinnedRows()[i];
        return {&r, rowRect(r, true)};
    }
    const int i = TimelineRows::rowAt(m_rows.scrollRows(), y - scrollTop + m_scrollY);
    if (i < 0)
        return {};
    const TimelineRow &r = m_rows.scrollRows()[i];
    return {&r, rowRect(r, false)};
}

QRectF TimelineCanvas::sliceRect(const model::SliceRef &ref) const
{
    if (!m_data || !ref.isValid() || size_t(ref.track) >= m_data->tracks().size())
        return {};
    const auto &depths = m_data->tracks()[size_t(ref.track)].depths;
    if (ref.depth < 0 || size_t(ref.depth) >= depths.size() ||
        ref.index >= depths[size_t(ref.depth)].size())
        return {};
    bool pinned = false;
    const TimelineRow *row = m_rows.rowOfTrack(ref.track, &pinned);
    const model::TimelineSlice &s = m_data->slice(ref);
    const TimeMapping map = mapping();
    if (!row) {
        // Hidden or collapsed: the group header stands for it.
        const TimelineRow *header = m_rows.headerOfTrack(ref.track);
        if (!header)
            return {};
        const QRect r = rowRect(*header, false);
        return QRectF(map.x(s.ts), r.top() + 4, std::max(1.0, map.x(s.end()) - map.x(s.ts)),
                      r.height() - 8);
    }
    const QRect r = rowRect(*row, pinned);
    const double y = r.top() + TimelineRows::kTrackPadding + ref.depth * TimelineRows::kDepthHeight;
    return QRectF(map.x(s.ts), y, std::max(1.0, map.x(s.end()) - map.x(s.ts)),
                  TimelineRows::kDepthHeight - 1);
}

QRect TimelineCanvas::rowRectOfTrack(int track) const
{
    bool pinned = false;
    const TimelineRow *row = m_rows.rowOfTrack(track, &pinned);
    return row ? rowRect(*row, pinned) : QRect();
}

model::SliceRef TimelineCanvas::sliceAt(const QPoint &pos) const
{
    if (!m_data || pos.x() < kGutterWidth)
        return {};
    const HitRow hit = rowAtY(pos.y());
    if (!hit.row || hit.row->kind != TimelineRow::Kind::Track)
        return {};
    const int depth =
        (pos.y() - hit.rect.top() - TimelineRows::kTrackPadding) / TimelineRows::kDepthHeight;
    const model::TimelineTrack &track = m_data->tracks()[size_t(hit.row->track)];
    if (depth < 0 || size_t(depth) >= track.depths.size())
        return {};
    const TimeMapping map = mapping();
    const int64_t t = map.time(pos.x());
    const int64_t tolerance = int64_t(map.nsPerPixel() * kClickTolerancePx);
    const auto &v = track.depths[size_t(depth)];
    // The slice containing t, else the nearest one within the tolerance.
    auto it =
        std::lower_bound(v.begin(), v.end(), t - tolerance,
                         [](const model::TimelineSlice &s, int64_t x) { return s.end() < x; });
    model::SliceRef best;
    int64_t bestDistance = tolerance + 1;
    for (; it != v.end() && it->ts <= t + tolerance; ++it) {
        const int64_t distance = t < it->ts ? it->ts - t : t > it->end() ? t - it->end() : 0;
        if (distance < bestDistance) {
            bestDistance = distance;
            best = model::SliceRef{hit.row->track, depth, uint32_t(it - v.begin())};
        }
    }
    return best;
}

void TimelineCanvas::setSelectedSlice(const model::SliceRef &ref)
{
    m_selected = ref;
    update();
}

void TimelineCanvas::setRange(int64_t start, int64_t end)
{
    m_rangeStart = std::min(start, end);
    m_rangeEnd = std::max(start, end);
    update();
}

void TimelineCanvas::setFlows(const QVector<FlowArrow> &flows)
{
    m_flows = flows;
    update();
}

void TimelineCanvas::setFlags(const QVector<FlagMark> &flags)
{
    m_flags = flags;
    update();
}

void TimelineCanvas::setStepMarks(const QVector<StepMark> &marks)
{
    m_steps = marks;
    std::stable_sort(m_steps.begin(), m_steps.end(), [](const StepMark &a, const StepMark &b) {
        return a.group != b.group ? a.group < b.group : a.start < b.start;
    });
    update();
}

void TimelineCanvas::ensureVisible(const model::SliceRef &ref)
{
    if (!ref.isValid())
        return;
    bool pinned = false;
    const TimelineRow *row = m_rows.rowOfTrack(ref.track, &pinned);
    if (!row || pinned)
        return;
    const int y = row->y + TimelineRows::kTrackPadding + ref.depth * TimelineRows::kDepthHeight;
    const int visible = height() - kRulerHeight - m_rows.pinnedHeight();
    if (y < m_scrollY || y + TimelineRows::kDepthHeight > m_scrollY + visible)
        setScrollY(y - visible / 3);
}

int64_t TimelineCanvas::anchorTime() const
{
    if (m_mouse && m_mouse->x() >= kGutterWidth && rect().contains(*m_mouse))
        return mapping().time(m_mouse->x());
    return m_viewport->start() + m_viewport->width() / 2;
}

// --- painting ---------------------------------------------------------------------------------

void TimelineCanvas::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    p.fillRect(rect(), kBackground);
    p.fillRect(QRect(0, 0, kGutterWidth, height()), kGutter);
    m_lastRects = 0;
    if (!m_data) {
        p.setPen(QColor(120, 120, 120));
        p.drawText(rect(), Qt::AlignCenter, tr("Loading the timeline…"));
        return;
    }
    const TimeMapping map = mapping();
    const QRect scrollArea(0, kRulerHeight + m_rows.pinnedHeight(), width(),
                           height() - kRulerHeight - m_rows.pinnedHeight());
    p.save();
    p.setClipRect(scrollArea.intersected(event->rect()));
    paintBand(p, m_rows.scrollRows(), false, scrollArea.intersected(event->rect()), map);
    p.restore();
    if (m_rows.pinnedHeight() > 0) {
        const QRect pinnedArea(0, kRulerHeight, width(), m_rows.pinnedHeight());
        p.save();
        p.setClipRect(pinnedArea);
        paintBand(p, m_rows.pinnedRows(), true, pinnedArea, map);
        p.setPen(QPen(QColor(150, 155, 170), 2));
        p.drawLine(0, pinnedArea.bottom(), width(), pinnedArea.bottom());
        p.restore();
    }
    paintOverlays(p, map);
    paintRuler(p, map);
    if (m_data->tracks().empty() || m_rows.scrollRows().isEmpty()) {
        p.setPen(QColor(120, 120, 120));
        p.drawText(scrollArea, Qt::AlignCenter,
                   tr("This trace has no slices or counters to draw."));
    }
}

void TimelineCanvas::paintRuler(QPainter &p, const TimeMapping &map)
{
    const QRect ruler(0, 0, width(), kRulerHeight);
    p.fillRect(ruler, QColor(246, 247, 250));
    p.setPen(QColor(200, 203, 210));
    p.drawLine(0, kRulerHeight - 1, width(), kRulerHeight - 1);
    p.setPen(QColor(70, 70, 80));
    p.drawText(QRect(8, 0, kGutterWidth - 16, kRulerHeight), Qt::AlignVCenter | Qt::AlignLeft,
               tr("Window %1").arg(formatDuration(map.t1 - map.t0)));

    const int64_t step = rulerStep(map.nsPerPixel(), 110);
    const int64_t origin = m_viewport->boundsStart();
    int64_t tick = origin + ((map.t0 - origin) / step) * step;
    p.save();
    p.setClipRect(QRect(kGutterWidth, 0, width() - kGutterWidth, height()));
    for (; tick <= map.t1; tick += step) {
        const double x = map.x(tick);
        if (x < kGutterWidth - 1)
            continue;
        p.setPen(QColor(150, 152, 160));
        p.drawLine(QPointF(x, kRulerHeight - 8), QPointF(x, kRulerHeight - 1));
        p.setPen(kGrid);
        p.drawLine(QPointF(x, kRulerHeight), QPointF(x, height()));
        const QString label = formatOffset(tick - origin, step);
        if (x + 4 + p.fontMetrics().horizontalAdvance(label) > width())
            continue; // a label cut at the edge reads as a different number
        p.setPen(QColor(70, 70, 80));
        p.drawText(QRectF(x + 4, 0, 140, kRulerHeight - 6), Qt::AlignVCenter | Qt::AlignLeft,
                   label);
    }
    // Flags stand on the ruler as small pennants.
    for (const FlagMark &f : std::as_const(m_flags)) {
        const double x = map.x(f.ts);
        if (x < kGutterWidth || x > width())
            continue;
        QPainterPath pennant;
        pennant.moveTo(x, 2);
        pennant.lineTo(x + 10, 6);
        pennant.lineTo(x, 10);
        pennant.closeSubpath();
        p.fillPath(pennant, QColor(214, 66, 66));
        p.setPen(QColor(214, 66, 66));
        p.drawLine(QPointF(x, 2), QPointF(x, kRulerHeight));
    }
    p.restore();
}

void TimelineCanvas::paintGroupHeader(QPainter &p, const TimelineRow &row, const QRect &rect,
                                      const TimeMapping &map)
{
    p.fillRect(rect, kHeader);
    if (row.group >= 0 && !m_steps.isEmpty()) {
        // The steps along the header, right of its title.
        QFont bold = p.font();
        bold.setBold(true);
        const int titleEnd =
            16 + QFontMetrics(bold).horizontalAdvance(m_data->groups()[row.group].title) + 24;
        const int left = std::max(kGutterWidth, titleEnd);
        p.save();
        const QRect content(left, rect.top(), rect.width() - left, rect.height() - 1);
        p.setClipRect(content);
        paintStepBands(p, m_steps, row.group, content, map, true);
        p.restore();
    }
    p.setPen(QColor(205, 209, 218));
    p.drawLine(rect.bottomLeft(), rect.bottomRight());
    const bool collapsed = row.group >= 0 && m_rows.isCollapsed(row.group);
    const QString title = row.group < 0 ? tr("Pinned") : m_data->groups()[row.group].title;
    const QString arrow = row.group < 0 ? QStringLiteral("📌")
                          : collapsed   ? QStringLiteral("▸")
                                        : QStringLiteral("▾");
    QFont bold = p.font();
    bold.setBold(true);
    p.save();
    p.setFont(bold);
    p.setPen(QColor(40, 44, 52));
    p.drawText(rect.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft,
               QStringLiteral("%1  %2").arg(arrow, title));
    p.restore();
}

void TimelineCanvas::paintBand(QPainter &p, const QVector<TimelineRow> &rows, bool pinned,
                               const QRect &clip, const TimeMapping &map)
{
    const int bandTop = pinned ? kRulerHeight : kRulerHeight + m_rows.pinnedHeight() - m_scrollY;
    int first = TimelineRows::rowAt(rows, clip.top() - bandTop);
    if (first < 0)
        first = 0;
    const double hoverX = m_mouse ? m_mouse->x() : -1;
    for (int i = first; i < rows.size(); ++i) {
        const TimelineRow &row = rows[i];
        const QRect r = rowRect(row, pinned);
        if (r.top() > clip.bottom())
            break;
        if (r.bottom() < clip.top())
            continue;
        if (row.kind == TimelineRow::Kind::Group) {
            paintGroupHeader(p, row, r, map);
            continue;
        }
        const model::TimelineTrack &track = m_data->tracks()[size_t(row.track)];
        const QRect content(kGutterWidth, r.top(), width() - kGutterWidth, r.height());
        p.save();
        p.setClipRect(content.intersected(clip));
        paintStepBands(p, m_steps, row.group, content, map, false);
        if (track.kind == model::TimelineTrack::Kind::Counter) {
            const bool hovering = m_mouse && r.contains(*m_mouse);
            m_painter->paintCounter(p, row.track, content, map, hovering ? hoverX : -1);
        } else {
            m_painter->paintSlices(p, row.track, content, clip, map,
                                   m_selected.isValid() ? &m_selected : nullptr);
            m_lastRects += m_painter->lastRectCount();
        }
        p.restore();
        p.fillRect(QRect(0, r.top(), kGutterWidth, r.height()), kGutter);
        p.setPen(QColor(225, 227, 232));
        p.drawLine(0, r.bottom(), width(), r.bottom());
        p.setPen(QColor(50, 54, 62));
        const QString label =
            p.fontMetrics().elidedText(track.name, Qt::ElideMiddle, kGutterWidth - 28);
        p.drawText(QRect(18, r.top(), kGutterWidth - 24, std::min(r.height(), 22)),
                   Qt::AlignVCenter | Qt::AlignLeft, label);
        p.setPen(QColor(205, 208, 215));
        p.drawLine(kGutterWidth - 1, r.top(), kGutterWidth - 1, r.bottom());
    }
}

void TimelineCanvas::paintOverlays(QPainter &p, const TimeMapping &map)
{
    p.save();
    p.setClipRect(QRect(kGutterWidth, kRulerHeight, width() - kGutterWidth, height()));
    if (hasRange()) {
        const double x0 = map.x(m_rangeStart), x1 = map.x(m_rangeEnd);
        p.fillRect(QRectF(x0, kRulerHeight, std::max(1.0, x1 - x0), height()),
                   QColor(60, 120, 220, 40));
        p.setPen(QPen(QColor(60, 120, 220), 1));
        p.drawLine(QPointF(x0, kRulerHeight), QPointF(x0, height()));
        p.drawLine(QPointF(x1, kRulerHeight), QPointF(x1, height()));
        p.fillRect(QRectF(x0, kRulerHeight, std::max(1.0, x1 - x0), 16), QColor(60, 120, 220));
        p.setPen(Qt::white);
        p.drawText(QRectF(x0, kRulerHeight, std::max(60.0, x1 - x0), 16), Qt::AlignCenter,
                   formatDuration(m_rangeEnd - m_rangeStart));
    }
    for (const FlagMark &f : std::as_const(m_flags)) {
        const double x = map.x(f.ts);
        p.setPen(QPen(QColor(214, 66, 66), 1, Qt::DashLine));
        p.drawLine(QPointF(x, kRulerHeight), QPointF(x, height()));
    }
    p.setRenderHint(QPainter::Antialiasing);
    for (const FlowArrow &f : std::as_const(m_flows))
        paintFlow(p, f);
    p.restore();
}

void TimelineCanvas::paintFlow(QPainter &p, const FlowArrow &flow)
{
    const QRectF a = sliceRect(flow.from);
    const QRectF b = sliceRect(flow.to);
    if (a.isNull() || b.isNull())
        return;
    // From the start of the launch to the start of what it launched, as Perfetto draws it.
    const QPointF from(a.left(), a.center().y());
    const QPointF to(b.left(), b.center().y());
    const double bend = std::max(30.0, std::abs(to.x() - from.x()) / 3);
    QPainterPath path(from);
    path.cubicTo(from + QPointF(bend, 0), to - QPointF(bend, 0), to);
    const QColor color(30, 80, 200);
    p.setPen(QPen(color, 1.6));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    QPainterPath head;
    head.moveTo(to);
    head.lineTo(to + QPointF(-8, -4));
    head.lineTo(to + QPointF(-8, 4));
    head.closeSubpath();
    p.fillPath(head, color);
    p.setBrush(color);
    p.drawEllipse(from, 2.5, 2.5);
}

// --- input ------------------------------------------------------------------------------------

void TimelineCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    const QPoint pos = event->position().toPoint();
    m_pressPos = m_lastPos = pos;
    if (!m_data)
        return;
    const HitRow hit = rowAtY(pos.y());
    if (event->button() == Qt::RightButton) {
        if (hit.row && hit.row->kind == TimelineRow::Kind::Track)
            emit trackMenuRequested(hit.row->track, event->globalPosition().toPoint());
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    if (hit.row && hit.row->kind == TimelineRow::Kind::Group && hit.row->group >= 0 &&
        pos.x() < kGutterWidth + 200) {
        m_rows.setCollapsed(hit.row->group, !m_rows.isCollapsed(hit.row->group));
        rowsChanged();
        return;
    }
    m_pressTime = mapping().time(pos.x());
    m_drag = (event->modifiers() & Qt::ShiftModifier) && pos.x() >= kGutterWidth ? Drag::Range
                                                                                 : Drag::Pending;
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    m_mouse = pos;
    const QPoint delta = pos - m_lastPos;
    m_lastPos = pos;
    switch (m_drag) {
    case Drag::Pending:
        if ((pos - m_pressPos).manhattanLength() < kDragThreshold)
            break;
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
        [[fallthrough]];
    case Drag::Pan:
        m_viewport->pan(-int64_t(std::llround(delta.x() * mapping().nsPerPixel())));
        setScrollY(m_scrollY - delta.y());
        break;
    case Drag::Range:
        setRange(m_pressTime, mapping().time(pos.x()));
        break;
    case Drag::None:
        break;
    }
    update(); // the hover line and counter value follow the mouse
}

void TimelineCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    unsetCursor();
    if (event->button() != Qt::LeftButton)
        return;
    if (drag == Drag::Pending)
        selectAt(event->position().toPoint());
    else if (drag == Drag::Range && hasRange())
        emit rangeSelected(m_rangeStart, m_rangeEnd);
}

void TimelineCanvas::selectAt(const QPoint &pos)
{
    const model::SliceRef ref = sliceAt(pos);
    m_selected = ref;
    update();
    emit sliceSelected(ref);
}

void TimelineCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    const model::SliceRef ref = sliceAt(event->position().toPoint());
    if (!ref.isValid())
        return;
    m_selected = ref;
    const model::TimelineSlice &s = m_data->slice(ref);
    m_viewport->showRange(s.ts, s.end());
    emit sliceSelected(ref);
    emit sliceActivated(ref);
}

void TimelineCanvas::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (angle.y() == 0)
            return;
        const double factor = std::pow(kZoomStep, angle.y() / 120.0);
        m_viewport->zoomAt(mapping().time(event->position().x()), factor);
    } else if (event->modifiers() & Qt::ShiftModifier ||
               std::abs(angle.x()) > std::abs(angle.y())) {
        const int d = angle.x() != 0 ? angle.x() : angle.y();
        m_viewport->pan(-int64_t(double(d) / 120.0 * kPanFraction * double(m_viewport->width())));
    } else {
        setScrollY(m_scrollY - angle.y() / 2);
    }
    event->accept();
}

void TimelineCanvas::keyPressEvent(QKeyEvent *event)
{
    const int64_t pan = int64_t(double(m_viewport->width()) * kPanFraction);
    switch (event->key()) {
    case Qt::Key_W:
        m_viewport->zoomAt(anchorTime(), kZoomStep);
        break;
    case Qt::Key_S:
        m_viewport->zoomAt(anchorTime(), 1.0 / kZoomStep);
        break;
    case Qt::Key_A:
        m_viewport->pan(-pan);
        break;
    case Qt::Key_D:
        m_viewport->pan(pan);
        break;
    case Qt::Key_0:
        m_viewport->showAll();
        break;
    case Qt::Key_F:
        if (m_selected.isValid()) {
            const model::TimelineSlice &s = m_data->slice(m_selected);
            m_viewport->showRange(s.ts, s.end());
        } else if (hasRange()) {
            m_viewport->showRange(m_rangeStart, m_rangeEnd, 0.02);
        }
        break;
    case Qt::Key_M:
        if (m_selected.isValid())
            emit flagRequested(m_data->slice(m_selected).ts);
        else if (hasRange())
            emit flagRequested(m_rangeStart);
        else
            emit flagRequested(anchorTime());
        break;
    case Qt::Key_Z:
        if (event->modifiers() & Qt::ControlModifier)
            m_viewport->undo();
        else
            QWidget::keyPressEvent(event);
        break;
    case Qt::Key_Escape:
        m_selected = {};
        setRange(0, 0);
        setFlows({});
        emit sliceSelected({});
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineCanvas::leaveEvent(QEvent *event)
{
    m_mouse.reset();
    update();
    QWidget::leaveEvent(event);
}

void TimelineCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    setScrollY(m_scrollY);
    emit scrollChanged();
}

} // namespace ts::views

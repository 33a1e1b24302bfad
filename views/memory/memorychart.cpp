#include "memorychart.h"

#include "bytesaxis.h"
#include "stackfilter.h"
#include "timeline/timeformat.h"
#include "timeline/timelineviewport.h"
#include "timeline/trackpainter.h" // formatCounterValue: bytes as people read them

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace ts::views {

namespace {
constexpr int kLeft = 86, kRight = 12, kTop = 24, kBottom = 22;
constexpr int kStrip = 16;            // annotation spans, above the plot
constexpr double kHeadroom = 1.06;    // above the highest total, so the peak is not the frame
constexpr double kMinBytesSpan = 256; // bytes zoom stops here: smaller than any real block
constexpr int kDragThreshold = 4;     // pixels: less is a click
constexpr int kStackFramesInTip = 6;
const QColor kAllocated(86, 140, 214);
const QColor kReserved(214, 110, 66);
const QColor kBackground(252, 252, 253);

QString bytes(double b)
{
    return formatCounterValue(b, true);
}

// The highest value of a step curve in force anywhere in [x0, x1).
int64_t highestIn(const model::MemoryCurve &c, int64_t x0, int64_t x1)
{
    if (c.x.empty())
        return 0;
    const size_t first = size_t(std::upper_bound(c.x.begin(), c.x.end(), x0) - c.x.begin());
    const size_t last = size_t(std::lower_bound(c.x.begin(), c.x.end(), x1) - c.x.begin());
    int64_t hi = first == 0 ? 0 : c.value[first - 1];
    if (first < last) {
        int64_t lo, h;
        c.range(first, last - 1, &lo, &h);
        hi = std::max(hi, h);
    }
    return hi;
}
} // namespace

MemoryChart::MemoryChart(QWidget *parent) : QWidget(parent), m_viewport(new TimelineViewport(this))
{
    m_viewport->setMinimumWindow(1); // a trace of a few events still fills the chart
    setObjectName(QStringLiteral("memoryChart"));
    setMouseTracking(true);
    setMinimumHeight(180);
    setCursor(Qt::CrossCursor);
    setFocusPolicy(Qt::StrongFocus);
    connect(m_viewport, &TimelineViewport::windowChanged, this, [this] {
        requestBands();
        update();
    });
    connect(&m_painter, &QFutureWatcherBase::finished, this, &MemoryChart::onBandsPainted);
}

MemoryChart::~MemoryChart()
{
    finishPainting();
}

void MemoryChart::finishPainting()
{
    m_painter.waitForFinished();
}

const model::MemoryDevice *MemoryChart::currentDevice() const
{
    return m_timeline ? m_timeline->device(m_device) : nullptr;
}

bool MemoryChart::hasBands() const
{
    const model::MemoryDevice *d = currentDevice();
    return d && !d->allocations.empty();
}

void MemoryChart::setSeries(const model::MemoryTimeline *timeline, int device,
                            model::MemoryAxis axis)
{
    if (timeline != m_timeline)
        finishPainting(); // the painter may still read the old one, which its owner may free
    m_timeline = timeline;
    m_device = device;
    m_axis = axis;
    m_moment.reset();
    m_selected.reset();
    m_bytes.reset();
    m_stacking.reset();
    m_bands = BandImage();
    ++m_seriesGeneration;
    if (const model::MemoryDevice *d = currentDevice())
        m_viewport->setBounds(d->start[int(axis)],
                              std::max(d->end[int(axis)], d->start[int(axis)] + 1));
    requestBands();
    update();
}

void MemoryChart::setMoment(std::optional<int64_t> x)
{
    m_moment = x;
    update();
}

void MemoryChart::setSelectedAllocation(std::optional<uint32_t> allocation)
{
    if (m_selected == allocation)
        return;
    m_selected = allocation;
    requestBands();
    update();
}

QRect MemoryChart::plotRect() const
{
    return rect().adjusted(kLeft, kTop, -kRight, -kBottom);
}

double MemoryChart::autoTop() const
{
    const model::MemoryDevice *d = currentDevice();
    if (!d)
        return 1;
    const int a = int(m_axis);
    const int64_t x0 = m_viewport->start(), x1 = std::max(x0 + 1, m_viewport->end());
    const int64_t top =
        std::max(highestIn(d->allocated[a], x0, x1), highestIn(d->reserved[a], x0, x1));
    return std::max(1.0, double(top) * kHeadroom);
}

double MemoryChart::bytesLow() const
{
    return m_bytes ? m_bytes->first : 0.0;
}

double MemoryChart::bytesHigh() const
{
    return m_bytes ? m_bytes->second : autoTop();
}

BandWindow MemoryChart::currentWindow() const
{
    BandWindow w;
    w.x0 = m_viewport->start();
    w.x1 = std::max(w.x0 + 1, m_viewport->end());
    w.low = bytesLow();
    w.high = bytesHigh();
    w.size = plotRect().size();
    w.highlight = m_selected;
    return w;
}

bool MemoryChart::bandsReady() const
{
    return !hasBands() || (!m_bands.image.isNull() && m_bands.window == currentWindow());
}

int64_t MemoryChart::xAt(int pixel) const
{
    const QRect r = plotRect();
    const double f = std::clamp(double(pixel - r.left()) / std::max(1, r.width()), 0.0, 1.0);
    return m_viewport->start() + int64_t(std::floor(f * double(m_viewport->width())));
}

int MemoryChart::pixelOf(int64_t x) const
{
    const QRect r = plotRect();
    return r.left() +
           int(std::floor(double(x - m_viewport->start()) /
                          double(std::max<int64_t>(1, m_viewport->width())) * r.width()));
}

double MemoryChart::yOf(double b) const
{
    const QRect r = plotRect();
    const double low = bytesLow(), high = bytesHigh();
    return r.top() + r.height() - (b - low) / std::max(1e-9, high - low) * r.height();
}

double MemoryChart::bytesAt(int y) const
{
    const QRect r = plotRect();
    const double low = bytesLow(), high = bytesHigh();
    return low + double(r.top() + r.height() - y) / std::max(1, r.height()) * (high - low);
}

void MemoryChart::requestBands()
{
    if (!hasBands() || plotRect().isEmpty())
        return;
    if (m_painter.isRunning()) {
        m_repaintPending = true;
        return;
    }
    m_repaintPending = false;
    const BandWindow window = currentWindow();
    if (m_bands.window == window && !m_bands.image.isNull())
        return;
    const model::MemoryDevice *device = currentDevice();
    m_painter.setFuture(QtConcurrent::run([device, axis = m_axis, stacking = m_stacking, window,
                                           generation = m_seriesGeneration]() {
        PaintedBands out;
        out.generation = generation;
        out.stacking =
            stacking ? stacking : std::make_shared<const model::AllocationStacking>(*device, axis);
        out.bands = paintAllocationBands(*out.stacking, window);
        return out;
    }));
}

void MemoryChart::onBandsPainted()
{
    PaintedBands result = m_painter.result();
    if (result.generation == m_seriesGeneration) {
        m_stacking = std::move(result.stacking);
        m_bands = std::move(result.bands);
        update();
        if (bandsReady())
            emit bandsPainted();
    }
    if (m_repaintPending || !bandsReady())
        requestBands();
}

void MemoryChart::paintEnvelope(QPainter &p, const QRect &r) const
{
    const auto columns = m_timeline->envelope(m_device, m_axis, m_viewport->start(),
                                              m_viewport->end(), std::max(1, r.width()));
    QPainterPath area;
    area.moveTo(r.left(), r.bottom() + 1);
    for (int i = 0; i < int(columns.size()); ++i) {
        area.lineTo(r.left() + i, yOf(double(columns[size_t(i)].max)));
        area.lineTo(r.left() + i + 1, yOf(double(columns[size_t(i)].max)));
    }
    area.lineTo(r.right() + 1, r.bottom() + 1);
    area.closeSubpath();
    p.fillPath(area, kAllocated.lighter(140));
    p.setPen(kAllocated.darker(120));
    for (int i = 0; i < int(columns.size()); ++i)
        p.drawLine(QPointF(r.left() + i + 0.5, yOf(double(columns[size_t(i)].min))),
                   QPointF(r.left() + i + 0.5, yOf(double(columns[size_t(i)].max))));
}

void MemoryChart::paintReserved(QPainter &p, const QRect &r) const
{
    if (currentDevice()->reserved[int(m_axis)].x.empty())
        return; // legacy profiler traces record allocated memory only
    // A step line sampled per column: reserved memory changes rarely (segments come and go).
    QPainterPath reserved;
    for (int i = 0; i <= r.width(); ++i) {
        const double y = yOf(double(m_timeline->reservedAt(m_device, m_axis, xAt(r.left() + i))));
        i == 0 ? reserved.moveTo(r.left(), y) : reserved.lineTo(r.left() + i, y);
    }
    p.setPen(QPen(kReserved, 1.5));
    p.drawPath(reserved);
}

void MemoryChart::paintAxes(QPainter &p, const QRect &r) const
{
    p.setPen(QColor(90, 90, 100));
    const double low = bytesLow(), high = bytesHigh();
    const double bytesPerPixel = (high - low) / std::max(1, r.height());
    const double yStep = byteStep(bytesPerPixel * 40, high);
    for (double v = std::ceil(low / yStep) * yStep; v <= high; v += yStep) {
        const int y = int(yOf(v));
        p.drawText(QRect(0, y - 8, kLeft - 6, 16), Qt::AlignRight | Qt::AlignVCenter, bytes(v));
        p.drawLine(r.left() - 4, y, r.left(), y);
    }
    const model::MemoryDevice *d = currentDevice();
    const int64_t origin = d ? d->start[int(m_axis)] : 0;
    const double perPixel = double(m_viewport->width()) / std::max(1, r.width());
    const int64_t step = rulerStep(perPixel, 110);
    const int64_t firstTick = origin + (m_viewport->start() - origin + step - 1) / step * step;
    for (int64_t x = firstTick; x < m_viewport->end() && !(d && d->dumpOnly); x += step) {
        const int px = pixelOf(x);
        const QString text =
            m_axis == model::MemoryAxis::Time ? formatOffset(x - origin, step) : QString::number(x);
        p.drawLine(px, r.bottom() + 1, px, r.bottom() + 4);
        p.drawText(QRect(px - 60, r.bottom() + 4, 120, kBottom - 4),
                   Qt::AlignHCenter | Qt::AlignTop, text);
    }
    if (m_axis == model::MemoryAxis::Sequence)
        p.drawText(QRect(0, r.bottom() + 4, kLeft - 6, kBottom - 4), Qt::AlignRight | Qt::AlignTop,
                   tr("event"));
    QFont legend = p.font();
    legend.setBold(true);
    p.setFont(legend);
    p.setPen(kAllocated.darker(130));
    const QString allocated = hasBands() ? tr("■ allocations (stacked)") : tr("■ allocated");
    p.drawText(r.adjusted(8, 4, -8, 0), Qt::AlignTop | Qt::AlignLeft, allocated);
    if (d && !d->reserved[int(m_axis)].x.empty()) {
        p.setPen(kReserved);
        p.drawText(r.adjusted(8 + p.fontMetrics().horizontalAdvance(allocated) + 16, 4, -8, 0),
                   Qt::AlignTop | Qt::AlignLeft, tr("— reserved"));
    }
}

std::vector<MemoryChart::AnnotationSpan> MemoryChart::annotationSpans() const
{
    // A START pairs with the next END of the same name; a lone mark is a span of no width.
    std::vector<AnnotationSpan> spans;
    const model::MemoryDevice *d = currentDevice();
    if (!d)
        return spans;
    const int a = int(m_axis);
    const auto &marks = d->annotations;
    std::vector<bool> used(marks.size(), false);
    for (size_t i = 0; i < marks.size(); ++i) {
        if (used[i])
            continue;
        AnnotationSpan span{marks[i].x[a], marks[i].x[a], marks[i].name};
        if (marks[i].start) {
            for (size_t j = i + 1; j < marks.size(); ++j) {
                if (!used[j] && !marks[j].start && marks[j].name == marks[i].name) {
                    used[j] = true;
                    span.to = marks[j].x[a];
                    break;
                }
            }
        }
        spans.push_back(span);
    }
    return spans;
}

void MemoryChart::paintAnnotations(QPainter &p, const QRect &r) const
{
    const QRect strip(r.left(), r.top() - kStrip - 2, r.width(), kStrip);
    p.save();
    p.setClipRect(strip.united(r));
    for (const AnnotationSpan &span : annotationSpans()) {
        const int x0 = pixelOf(span.from), x1 = std::max(pixelOf(span.to), x0 + 1);
        if (x1 < r.left() || x0 > r.right())
            continue;
        const QRect box(x0, strip.top(), x1 - x0, strip.height());
        p.fillRect(box, QColor(120, 110, 180, 60));
        p.setPen(QPen(QColor(110, 100, 170), 1, Qt::DashLine));
        p.drawLine(x0, strip.top(), x0, r.bottom());
        if (x1 > x0 + 1)
            p.drawLine(x1, strip.top(), x1, r.bottom());
        p.setPen(QColor(70, 60, 130));
        const QRect label = box.width() > 30 ? box.adjusted(3, 0, -2, 0)
                                             : QRect(x0 + 3, strip.top(), 240, strip.height());
        p.drawText(label, Qt::AlignVCenter | Qt::AlignLeft,
                   p.fontMetrics().elidedText(span.name, Qt::ElideRight, label.width()));
    }
    // Out-of-memory entries: a red mark along the top and a line down the chart.
    const QColor oom(200, 30, 30);
    for (const model::MemoryOom &o : currentDevice()->ooms) {
        const int x = pixelOf(o.x[int(m_axis)]);
        if (x < r.left() || x > r.right())
            continue;
        p.setPen(QPen(oom, 1));
        p.drawLine(x, strip.top(), x, r.bottom());
        p.setBrush(oom);
        p.drawPolygon(QPolygon(
            {QPoint(x - 5, strip.top()), QPoint(x + 5, strip.top()), QPoint(x, strip.bottom())}));
    }
    p.restore();
}

void MemoryChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), kBackground);
    const QRect r = plotRect();
    if (!currentDevice()) {
        p.setPen(QColor(90, 90, 100));
        p.drawText(r, Qt::AlignCenter, tr("No allocator trace for this device."));
        return;
    }
    p.save();
    p.setClipRect(r);
    if (!m_bands.image.isNull()) {
        const BandWindow &w = m_bands.window;
        if (w == currentWindow()) {
            p.drawImage(r.topLeft(), m_bands.image);
        } else {
            // The last bands stretched to where their window now lies, until the new ones come.
            const QRectF target(QPointF(pixelOf(w.x0), yOf(w.high)),
                                QPointF(pixelOf(w.x1), yOf(w.low)));
            p.drawImage(target, m_bands.image);
        }
    } else {
        paintEnvelope(p, r);
    }
    paintReserved(p, r);
    p.restore();
    paintAnnotations(p, r);
    p.save();
    p.setClipRect(r);
    if (m_moment) {
        const int x = pixelOf(*m_moment);
        p.setPen(QPen(QColor(30, 30, 30), 1.5));
        p.drawLine(x, r.top(), x, r.bottom());
    }
    if (m_hover && r.contains(*m_hover)) {
        p.setPen(QPen(QColor(60, 60, 60), 1, Qt::DashLine));
        p.drawLine(m_hover->x(), r.top(), m_hover->x(), r.bottom());
    }
    p.restore();
    p.setPen(QColor(210, 213, 220));
    p.drawRect(r.adjusted(0, 0, -1, -1));
    paintAxes(p, r);
}

std::optional<model::StackHit> MemoryChart::allocationAt(QPoint point, int64_t *moment) const
{
    const QRect r = plotRect();
    if (!m_stacking || !r.contains(point))
        return std::nullopt;
    const int column = point.x() - r.left();
    const bool painted = m_bands.window == currentWindow();
    const int64_t x = painted && size_t(column) < m_bands.moments.size()
                          ? m_bands.moments[size_t(column)]
                          : xAt(point.x());
    if (moment)
        *moment = x;
    const double b = bytesAt(point.y());
    if (b < 0)
        return std::nullopt;
    return m_stacking->hitAt(x, uint64_t(b));
}

QString MemoryChart::describeAt(QPoint point) const
{
    const model::MemoryDevice *d = currentDevice();
    const QRect r = plotRect();
    if (!d)
        return {};
    const int64_t origin = d->start[int(m_axis)];
    auto when = [&](int64_t x) {
        return m_axis == model::MemoryAxis::Time ? formatOffset(x - origin, 1000)
                                                 : tr("event %1").arg(x);
    };
    if (point.y() < r.top() && point.y() >= r.top() - kStrip - 2) {
        QStringList names;
        for (const AnnotationSpan &span : annotationSpans()) {
            const int x0 = pixelOf(span.from), x1 = std::max(pixelOf(span.to), x0 + 1);
            if (point.x() >= x0 - 2 && point.x() <= x1 + 2)
                names << (span.to > span.from
                              ? tr("%1: %2 – %3").arg(span.name, when(span.from), when(span.to))
                              : tr("%1 at %2").arg(span.name, when(span.from)));
        }
        for (const model::MemoryOom &o : d->ooms) {
            if (std::abs(point.x() - pixelOf(o.x[int(m_axis)])) <= 5)
                names << tr("Out of memory: a request for %1 failed at %2")
                             .arg(bytes(double(o.bytes)), when(o.x[int(m_axis)]));
        }
        return names.join(QLatin1Char('\n'));
    }
    if (!r.contains(point))
        return {};
    int64_t x = xAt(point.x());
    const auto hit = allocationAt(point, &x);
    if (!hit) {
        return tr("%1\nallocated %2 · reserved %3")
            .arg(when(x), bytes(double(m_timeline->allocatedAt(m_device, m_axis, x))),
                 bytes(double(m_timeline->reservedAt(m_device, m_axis, x))));
    }
    const model::MemoryAllocation &a = d->allocations[hit->allocation];
    QStringList lines;
    lines << tr("%1 at 0x%2, stream %3")
                 .arg(bytes(double(a.size)))
                 .arg(a.address, 0, 16)
                 .arg(a.stream);
    const QString allocated = (a.flags & model::kAllocBeforeTrace)
                                  ? tr("allocated before the trace")
                                  : tr("allocated at %1").arg(when(a.start(m_axis)));
    const QString freed = (a.flags & model::kAllocNeverFreed) ? tr("never freed")
                          : (a.flags & model::kAllocFreeRequestedOnly)
                              ? tr("free requested at %1, never completed").arg(when(a.end(m_axis)))
                              : tr("freed at %1").arg(when(a.end(m_axis)));
    lines << allocated + QStringLiteral(" · ") + freed;
    int shown = 0;
    for (const model::MemoryFrame &f : m_timeline->stack(a.stackId)) {
        if (isNoiseFrame(f))
            continue;
        if (shown++ == kStackFramesInTip) {
            lines << tr("  … (click for the whole stack)");
            break;
        }
        lines << QStringLiteral("  ") + f.name.left(120);
    }
    return lines.join(QLatin1Char('\n'));
}

void MemoryChart::resetZoom()
{
    m_bytes.reset();
    m_viewport->showAll(); // repaints through windowChanged
    requestBands();
    update();
}

void MemoryChart::zoomBytes(int anchorY, double factor)
{
    const double low = bytesLow(), high = bytesHigh();
    const double anchor = bytesAt(anchorY);
    double newLow = std::max(0.0, anchor - (anchor - low) * factor);
    double newHigh = anchor + (high - anchor) * factor;
    if (newHigh - newLow < kMinBytesSpan)
        return;
    if (newLow <= 0 && newHigh >= autoTop()) {
        m_bytes.reset(); // zoomed back out past everything: follow the data again
    } else {
        m_bytes = {newLow, newHigh};
    }
    requestBands();
    update();
}

void MemoryChart::resizeEvent(QResizeEvent *)
{
    requestBands();
}

void MemoryChart::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_pressAt && (event->buttons() & Qt::LeftButton)) {
        const QPoint delta = pos - *m_pressAt;
        if (m_dragged || delta.manhattanLength() > kDragThreshold) {
            m_dragged = true;
            const QRect r = plotRect();
            m_viewport->pan(
                -int64_t(double(delta.x()) / std::max(1, r.width()) * double(m_viewport->width())));
            if (m_bytes) {
                const double shift = double(delta.y()) / std::max(1, r.height()) *
                                     (m_bytes->second - m_bytes->first);
                const double s = std::max(shift, -m_bytes->first);
                m_bytes = {m_bytes->first + s, m_bytes->second + s};
                requestBands();
            }
            m_pressAt = pos;
        }
    }
    m_hover = pos;
    const QString tip = describeAt(pos);
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), tip, this);
    update();
}

void MemoryChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressAt = event->position().toPoint();
    m_dragged = false;
}

void MemoryChart::mouseReleaseEvent(QMouseEvent *event)
{
    const bool click = m_pressAt && !m_dragged && event->button() == Qt::LeftButton;
    m_pressAt.reset();
    m_dragged = false;
    const QPoint pos = event->position().toPoint();
    if (!click || !currentDevice() || !plotRect().contains(pos))
        return;
    int64_t x = xAt(pos.x());
    const auto hit = allocationAt(pos, &x);
    setMoment(x);
    emit momentPicked(x);
    if (hit) {
        setSelectedAllocation(hit->allocation);
        emit allocationPicked(hit->allocation);
    }
}

void MemoryChart::mouseDoubleClickEvent(QMouseEvent *)
{
    resetZoom();
}

void MemoryChart::wheelEvent(QWheelEvent *event)
{
    if (!currentDevice())
        return;
    const QPoint pos = event->position().toPoint();
    const double steps = event->angleDelta().y() / 120.0;
    const double sideways = event->angleDelta().x() / 120.0;
    if (event->modifiers() & Qt::ShiftModifier || sideways != 0) {
        const double by = sideways != 0 ? sideways : steps;
        m_viewport->pan(-int64_t(by * 0.1 * double(m_viewport->width())));
    } else if (event->modifiers() & Qt::ControlModifier) {
        zoomBytes(pos.y(), std::pow(0.8, steps));
    } else {
        m_viewport->zoomAt(xAt(pos.x()), std::pow(0.8, steps));
    }
    event->accept();
}

void MemoryChart::keyPressEvent(QKeyEvent *event)
{
    const int64_t anchor =
        m_hover ? xAt(m_hover->x()) : m_viewport->start() + m_viewport->width() / 2;
    switch (event->key()) {
    case Qt::Key_W:
        m_viewport->zoomAt(anchor, 0.8);
        break;
    case Qt::Key_S:
        m_viewport->zoomAt(anchor, 1.25);
        break;
    case Qt::Key_A:
        m_viewport->pan(-m_viewport->width() / 10);
        break;
    case Qt::Key_D:
        m_viewport->pan(m_viewport->width() / 10);
        break;
    case Qt::Key_0:
        resetZoom();
        break;
    default:
        QWidget::keyPressEvent(event); // arrows step the moment in the Memory view
        return;
    }
    event->accept();
}

void MemoryChart::leaveEvent(QEvent *)
{
    m_hover.reset();
    update();
}

} // namespace ts::views

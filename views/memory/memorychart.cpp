#include "memorychart.h"

#include "timeline/trackpainter.h" // formatCounterValue: bytes as people read them

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace ts::views {

namespace {
constexpr int kLeft = 86, kRight = 12, kTop = 10, kBottom = 22;
const QColor kAllocated(86, 140, 214);
const QColor kReserved(214, 110, 66);
} // namespace

MemoryChart::MemoryChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("memoryChart"));
    setMouseTracking(true);
    setMinimumHeight(180);
    setCursor(Qt::CrossCursor);
}

void MemoryChart::setSeries(const model::MemoryTimeline *timeline, int device,
                            model::MemoryAxis axis)
{
    m_timeline = timeline;
    m_device = device;
    m_axis = axis;
    m_moment.reset();
    update();
}

void MemoryChart::setMoment(std::optional<int64_t> x)
{
    m_moment = x;
    update();
}

QRect MemoryChart::plotRect() const
{
    return rect().adjusted(kLeft, kTop, -kRight, -kBottom);
}

int64_t MemoryChart::xAt(int pixel) const
{
    const QRect r = plotRect();
    const int64_t a = m_timeline->start(m_device, m_axis), b = m_timeline->end(m_device, m_axis);
    const double f = std::clamp(double(pixel - r.left()) / std::max(1, r.width()), 0.0, 1.0);
    return a + int64_t(f * double(b - a));
}

int MemoryChart::pixelOf(int64_t x) const
{
    const QRect r = plotRect();
    const int64_t a = m_timeline->start(m_device, m_axis), b = m_timeline->end(m_device, m_axis);
    return r.left() + int(double(x - a) / double(std::max<int64_t>(1, b - a)) * r.width());
}

void MemoryChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(252, 252, 253));
    const QRect r = plotRect();
    p.setPen(QColor(210, 213, 220));
    p.drawRect(r);
    if (!m_timeline || !m_timeline->device(m_device)) {
        p.drawText(r, Qt::AlignCenter, tr("No allocator trace for this device."));
        return;
    }
    const int64_t x0 = m_timeline->start(m_device, m_axis), x1 = m_timeline->end(m_device, m_axis);
    const auto columns = m_timeline->envelope(m_device, m_axis, x0, x1, std::max(1, r.width()));
    const int64_t top = std::max<int64_t>({1, m_timeline->peakReserved(m_device, m_axis).bytes,
                                           m_timeline->peakAllocated(m_device, m_axis).bytes});
    auto yOf = [&](int64_t v) { return r.bottom() - double(v) / double(top) * (r.height() - 4); };

    // Allocated: the area up to each column's maximum, and its min..max spread as a darker bar.
    QPainterPath area;
    area.moveTo(r.left(), r.bottom());
    for (int i = 0; i < int(columns.size()); ++i) {
        area.lineTo(r.left() + i, yOf(columns[size_t(i)].max));
        area.lineTo(r.left() + i + 1, yOf(columns[size_t(i)].max));
    }
    area.lineTo(r.right(), r.bottom());
    area.closeSubpath();
    p.fillPath(area, kAllocated.lighter(140));
    p.setPen(kAllocated.darker(120));
    for (int i = 0; i < int(columns.size()); ++i)
        p.drawLine(QPointF(r.left() + i + 0.5, yOf(columns[size_t(i)].min)),
                   QPointF(r.left() + i + 0.5, yOf(columns[size_t(i)].max)));

    // Reserved: a step line sampled per column (it changes rarely: segments come and go).
    QPainterPath reserved;
    for (int i = 0; i < r.width(); ++i) {
        const double y = yOf(m_timeline->reservedAt(m_device, m_axis, xAt(r.left() + i)));
        i == 0 ? reserved.moveTo(r.left(), y) : reserved.lineTo(r.left() + i, y);
    }
    p.setPen(QPen(kReserved, 1.5));
    p.drawPath(reserved);

    p.setPen(QColor(90, 90, 100));
    for (int k = 0; k <= 4; ++k) {
        const int64_t v = top * k / 4;
        p.drawText(QRect(0, int(yOf(v)) - 8, kLeft - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   formatCounterValue(double(v), true));
    }
    p.drawText(QRect(r.left(), r.bottom() + 3, r.width(), kBottom - 3), Qt::AlignLeft,
               m_axis == model::MemoryAxis::Time ? tr("time →") : tr("allocator events →"));
    p.setPen(kAllocated.darker(130));
    p.drawText(r.adjusted(8, 4, -8, 0), Qt::AlignTop | Qt::AlignLeft, tr("■ allocated"));
    p.setPen(kReserved);
    p.drawText(r.adjusted(96, 4, -8, 0), Qt::AlignTop | Qt::AlignLeft, tr("— reserved"));

    if (m_moment) {
        const int x = pixelOf(*m_moment);
        p.setPen(QPen(QColor(30, 30, 30), 1.5));
        p.drawLine(x, r.top(), x, r.bottom());
    }
    if (m_hoverX && r.contains(*m_hoverX, r.center().y())) {
        const int64_t x = xAt(*m_hoverX);
        const QString text =
            tr("allocated %1 · reserved %2")
                .arg(formatCounterValue(double(m_timeline->allocatedAt(m_device, m_axis, x)), true),
                     formatCounterValue(double(m_timeline->reservedAt(m_device, m_axis, x)), true));
        QRect box(*m_hoverX + 8, r.top() + 22, p.fontMetrics().horizontalAdvance(text) + 12, 20);
        if (box.right() > r.right())
            box.moveRight(*m_hoverX - 8);
        p.setPen(QColor(60, 60, 60));
        p.drawLine(*m_hoverX, r.top(), *m_hoverX, r.bottom());
        p.setBrush(QColor(255, 255, 255, 235));
        p.drawRect(box);
        p.drawText(box, Qt::AlignCenter, text);
    }
}

void MemoryChart::mouseMoveEvent(QMouseEvent *event)
{
    m_hoverX = int(event->position().x());
    update();
}

void MemoryChart::mousePressEvent(QMouseEvent *event)
{
    if (!m_timeline || !m_timeline->device(m_device) || event->button() != Qt::LeftButton)
        return;
    const int64_t x = xAt(int(event->position().x()));
    setMoment(x);
    emit momentPicked(x);
}

void MemoryChart::leaveEvent(QEvent *)
{
    m_hoverX.reset();
    update();
}

} // namespace ts::views

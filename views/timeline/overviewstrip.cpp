#include "overviewstrip.h"

#include "timeline/timelinedata.h"
#include "timelineviewport.h"
#include "timemapping.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ts::views {

OverviewStrip::OverviewStrip(TimelineViewport *viewport, int leftMargin, QWidget *parent)
    : QWidget(parent), m_viewport(viewport), m_left(leftMargin)
{
    setObjectName(QStringLiteral("overviewStrip"));
    setFixedHeight(34);
    setCursor(Qt::PointingHandCursor);
    connect(viewport, &TimelineViewport::windowChanged, this, qOverload<>(&QWidget::update));
}

void OverviewStrip::setData(std::shared_ptr<const model::TimelineData> data)
{
    m_data = std::move(data);
    computeDensity();
    update();
}

void OverviewStrip::computeDensity()
{
    m_density.assign(size_t(std::max(1, width() - m_left)), 0.f);
    if (!m_data || m_data->tracks().empty())
        return;
    const TimeMapping map{m_viewport->boundsStart(), m_viewport->boundsEnd(), 0,
                          double(m_density.size())};
    const int64_t mergeNs = std::max<int64_t>(1, int64_t(std::ceil(map.nsPerPixel())));
    int busiest = 1;
    std::vector<int> busy(m_density.size(), 0);
    for (size_t t = 0; t < m_data->tracks().size(); ++t) {
        if (m_data->tracks()[t].depths.empty())
            continue;
        std::vector<char> seen(busy.size(), 0);
        for (const model::TimelineBlock &b :
             m_data->visibleBlocks(int(t), 0, map.t0, map.t1 + 1, mergeNs)) {
            const int x0 = std::clamp(int(map.x(b.start)), 0, int(busy.size()) - 1);
            const int x1 = std::clamp(int(std::ceil(map.x(b.end))), x0 + 1, int(busy.size()));
            std::fill(seen.begin() + x0, seen.begin() + x1, 1);
        }
        for (size_t x = 0; x < busy.size(); ++x)
            busy[x] += seen[x];
    }
    for (int b : busy)
        busiest = std::max(busiest, b);
    for (size_t x = 0; x < busy.size(); ++x)
        m_density[x] = float(busy[x]) / float(busiest);
}

void OverviewStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(236, 238, 243));
    p.setPen(QColor(90, 95, 110));
    p.drawText(QRect(8, 0, m_left - 16, height()), Qt::AlignVCenter | Qt::AlignLeft,
               tr("Overview"));
    const int h = height() - 6;
    for (size_t x = 0; x < m_density.size(); ++x) {
        if (m_density[x] <= 0)
            continue;
        const int bar = std::max(1, int(std::lround(m_density[x] * h)));
        p.fillRect(QRect(m_left + int(x), height() - 3 - bar, 1, bar), QColor(110, 130, 180));
    }
    const TimeMapping map{m_viewport->boundsStart(), m_viewport->boundsEnd(), double(m_left),
                          double(std::max(1, width() - m_left))};
    const double x0 = map.x(m_viewport->start());
    const double x1 = std::max(x0 + 3, map.x(m_viewport->end()));
    p.fillRect(QRectF(m_left, 0, x0 - m_left, height()), QColor(255, 255, 255, 120));
    p.fillRect(QRectF(x1, 0, width() - x1, height()), QColor(255, 255, 255, 120));
    p.setPen(QPen(QColor(40, 90, 200), 2));
    p.drawRect(QRectF(x0, 1, x1 - x0, height() - 2));
}

void OverviewStrip::moveWindowTo(double x)
{
    const TimeMapping map{m_viewport->boundsStart(), m_viewport->boundsEnd(), double(m_left),
                          double(std::max(1, width() - m_left))};
    m_viewport->centreOn(map.time(x));
}

void OverviewStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->position().x() >= m_left)
        moveWindowTo(event->position().x());
}

void OverviewStrip::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        moveWindowTo(event->position().x());
}

void OverviewStrip::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    computeDensity();
}

} // namespace ts::views

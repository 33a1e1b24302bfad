#include "commheatmap.h"

#include "commtablemodels.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ts::views {

namespace {

constexpr int kLabelWidth = 44;  // left: the sending ranks
constexpr int kLabelHeight = 34; // top: the title and the receiving ranks

QColor shade(double t) // t in 0…1: light to dark blue
{
    const QColor low(0xe8, 0xf1, 0xfb), high(0x0b, 0x3d, 0x91);
    return QColor::fromRgbF(low.redF() + (high.redF() - low.redF()) * t,
                            low.greenF() + (high.greenF() - low.greenF()) * t,
                            low.blueF() + (high.blueF() - low.blueF()) * t);
}

} // namespace

CommHeatMap::CommHeatMap(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("commHeatMap"));
    setMouseTracking(true);
    setMinimumSize(240, 200);
}

void CommHeatMap::setCells(QList<model::CommMatrixCell> cells)
{
    m_cells.clear();
    m_ranks.clear();
    for (const model::CommMatrixCell &c : cells) {
        Cell &cell = m_cells[{c.src, c.dst}];
        cell.size += double(c.size);
        cell.time += double(c.time);
        if (!cell.transports.contains(c.transport))
            cell.transports << c.transport;
        cell.present = true;
        for (int r : {c.src, c.dst})
            if (!m_ranks.contains(r))
                m_ranks << r;
    }
    std::sort(m_ranks.begin(), m_ranks.end());
    update();
}

void CommHeatMap::setMetric(Metric metric)
{
    m_metric = metric;
    update();
}

double CommHeatMap::metricOf(const Cell &c) const
{
    switch (m_metric) {
    case Metric::Bandwidth:
        return c.time > 0 ? c.size / c.time : std::numeric_limits<double>::quiet_NaN(); // GB/s
    case Metric::Size:
        return c.size / 1e6; // MB
    case Metric::Time:
        return c.time / 1e6; // ms
    }
    return 0;
}

double CommHeatMap::valueAt(int src, int dst) const
{
    const auto it = m_cells.constFind({src, dst});
    return it == m_cells.cend() ? std::numeric_limits<double>::quiet_NaN() : metricOf(*it);
}

QRectF CommHeatMap::gridRect() const
{
    const QRectF area = QRectF(rect()).adjusted(kLabelWidth, kLabelHeight, -6, -6);
    const double side = std::max(0.0, std::min(area.width(), area.height()));
    return {area.topLeft(), QSizeF(side, side)};
}

const CommHeatMap::Cell *CommHeatMap::cellAt(QPoint pos, int *src, int *dst) const
{
    const QRectF grid = gridRect();
    const int n = int(m_ranks.size());
    if (n == 0 || !grid.contains(pos))
        return nullptr;
    const int row = std::clamp(int((pos.y() - grid.top()) / grid.height() * n), 0, n - 1);
    const int col = std::clamp(int((pos.x() - grid.left()) / grid.width() * n), 0, n - 1);
    *src = m_ranks[row];
    *dst = m_ranks[col];
    const auto it = m_cells.constFind({*src, *dst});
    return it == m_cells.cend() ? nullptr : &*it;
}

void CommHeatMap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const int n = int(m_ranks.size());
    p.setPen(palette().text().color());
    p.drawText(QRectF(0, 0, width(), 16), Qt::AlignCenter, tr("receiving rank →"));
    if (n == 0) {
        p.drawText(rect(), Qt::AlignCenter, tr("No communication matrix for this selection"));
        return;
    }
    // The scale spans the links between ranks: a rank's copy to itself (LOCAL, an order of
    // magnitude faster) would wash every other cell out; it is drawn at the end of the scale.
    double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
    for (int pass = 0; pass < 2 && lo > hi; ++pass) {
        for (auto it = m_cells.cbegin(); it != m_cells.cend(); ++it) {
            const double v = metricOf(*it);
            if (std::isfinite(v) && (pass == 1 || it.key().first != it.key().second)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    }
    const QRectF grid = gridRect();
    const double step = grid.width() / n;
    QFont small = font();
    small.setPointSizeF(std::max(6.0, std::min(font().pointSizeF(), step / 4)));
    p.setFont(small);
    for (int i = 0; i < n; ++i) {
        const QString label = QString::number(m_ranks[i]);
        p.setPen(palette().text().color());
        p.drawText(QRectF(0, grid.top() + i * step, kLabelWidth - 4, step),
                   Qt::AlignRight | Qt::AlignVCenter, label);
        p.drawText(QRectF(grid.left() + i * step, 16, step, kLabelHeight - 16), Qt::AlignCenter,
                   label);
        for (int j = 0; j < n; ++j) {
            const QRectF cell(grid.left() + j * step, grid.top() + i * step, step, step);
            const double v = valueAt(m_ranks[i], m_ranks[j]);
            if (!std::isfinite(v)) {
                p.fillRect(cell, palette().alternateBase());
                continue;
            }
            const double t = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 1.0;
            p.fillRect(cell.adjusted(0.5, 0.5, -0.5, -0.5), shade(t));
            if (step >= 28) {
                p.setPen(t > 0.5 ? Qt::white : Qt::black);
                p.drawText(cell, Qt::AlignCenter, QString::number(v, 'g', 3));
            }
        }
    }
    p.save();
    p.setPen(palette().text().color());
    p.translate(10, grid.center().y());
    p.rotate(-90);
    p.setFont(font());
    p.drawText(QRectF(-grid.height() / 2, -10, grid.height(), 16), Qt::AlignCenter,
               tr("sending rank →"));
    p.restore();
}

bool CommHeatMap::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        int src = 0, dst = 0;
        if (const Cell *c = cellAt(help->pos(), &src, &dst)) {
            QToolTip::showText(help->globalPos(),
                               tr("Rank %1 → rank %2 (%3)\nSize %4 MB · time %5 ms · %6 GB/s")
                                   .arg(src)
                                   .arg(dst)
                                   .arg(c->transports.join(QStringLiteral(", ")))
                                   .arg(commMb(qint64(c->size)), commMs(qint64(c->time)),
                                        commGbps(c->time > 0 ? c->size / c->time : -1)),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace ts::views

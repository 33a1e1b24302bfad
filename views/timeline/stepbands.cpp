#include "stepbands.h"

#include <QPainter>

#include <algorithm>

namespace ts::views {

void paintStepBands(QPainter &p, const QVector<StepMark> &steps, int group, const QRect &content,
                    const TimeMapping &map, bool labels)
{
    if (group < 0 || steps.isEmpty())
        return;
    const auto first = std::lower_bound(steps.cbegin(), steps.cend(), group,
                                        [](const StepMark &m, int g) { return m.group < g; });
    int n = 0;
    for (auto it = first; it != steps.cend() && it->group == group; ++it, ++n) {
        const double x0 = std::max<double>(content.left(), map.x(it->start));
        const double x1 = std::min<double>(content.right() + 1, map.x(it->end));
        if (x1 <= x0)
            continue;
        const QRectF band(x0, content.top(), x1 - x0, content.height());
        if (!labels) {
            // Every other step shaded, so neighbours stay apart at any zoom.
            if (n % 2 == 0)
                p.fillRect(band, QColor(90, 130, 200, 22));
            continue;
        }
        p.fillRect(band, n % 2 == 0 ? QColor(196, 214, 240) : QColor(220, 230, 245));
        p.setPen(QColor(120, 140, 180));
        p.drawLine(QPointF(x0, content.top()), QPointF(x0, content.bottom()));
        if (x1 - x0 > p.fontMetrics().horizontalAdvance(it->label) + 8) {
            p.setPen(QColor(40, 60, 100));
            p.drawText(band.adjusted(4, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, it->label);
        }
    }
}

} // namespace ts::views

#include "operatorbarchart.h"

#include "operatortablemodel.h"
#include "timeline/slicepalette.h"
#include "timeline/timeformat.h"

#include <QAbstractItemModel>
#include <QPainter>

#include <algorithm>

namespace ts::views {

OperatorBarChart::OperatorBarChart(QAbstractItemModel *rows, QWidget *parent)
    : QWidget(parent), m_rows(rows)
{
    setObjectName(QStringLiteral("operatorBarChart"));
    setMinimumWidth(240);
    connect(m_rows, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
    connect(m_rows, &QAbstractItemModel::layoutChanged, this, qOverload<>(&QWidget::update));
    connect(m_rows, &QAbstractItemModel::rowsInserted, this, qOverload<>(&QWidget::update));
    connect(m_rows, &QAbstractItemModel::rowsRemoved, this, qOverload<>(&QWidget::update));
}

void OperatorBarChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const int n = std::min(kBars, m_rows->rowCount());
    p.setPen(palette().text().color());
    const QFontMetrics fm(font());
    const int line = fm.height();
    p.drawText(QRect(8, 4, width() - 16, line), Qt::AlignLeft | Qt::AlignVCenter,
               n > 0 ? tr("Top %1 by the table's order: total (self darker)").arg(n)
                     : tr("No operators to chart"));
    if (n == 0)
        return;
    auto raw = [this](int row, int column) {
        return m_rows->data(m_rows->index(row, column), Qt::UserRole);
    };
    qint64 longest = 1;
    for (int r = 0; r < n; ++r)
        longest = std::max(longest, raw(r, OperatorTableModel::Total).toLongLong());
    const int top = line + 12;
    const int slot = std::max(line * 2 + 6, (height() - top - 4) / kBars);
    const int barWidth = width() - 16;
    for (int r = 0; r < n; ++r) {
        const QString name = raw(r, OperatorTableModel::Name).toString();
        const qint64 total = raw(r, OperatorTableModel::Total).toLongLong();
        const qint64 self = raw(r, OperatorTableModel::Self).toLongLong();
        const int y = top + r * slot;
        const QColor colour = sliceColor(name);
        const int w = int(double(barWidth) * double(total) / double(longest));
        const int selfW = int(double(barWidth) * double(self) / double(longest));
        p.fillRect(QRect(8, y + line + 2, std::max(w, 1), line), colour.lighter(130));
        p.fillRect(QRect(8, y + line + 2, std::max(selfW, 1), line), colour.darker(115));
        p.setPen(palette().text().color());
        const QString label = QStringLiteral("%1  %2").arg(formatDuration(total), name);
        p.drawText(QRect(8, y, barWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(label, Qt::ElideRight, barWidth));
    }
}

} // namespace ts::views

#include "allocationtable.h"

#include "timeline/timeformat.h"
#include "timeline/trackpainter.h" // formatCounterValue

#include <QHeaderView>

#include <algorithm>

namespace ts::views {

namespace {

QTableWidgetItem *sizeItem(uint64_t size)
{
    auto *item = new QTableWidgetItem(formatCounterValue(double(size), true));
    item->setData(Qt::UserRole, qint64(size));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

AllocationTable::AllocationTable(QWidget *parent) : QTableWidget(0, 6, parent)
{
    setHorizontalHeaderLabels(
        {tr("Size"), tr("Address"), tr("Stream"), tr("Allocated"), tr("Freed"), tr("Note")});
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(this, &QTableWidget::currentCellChanged, this, [this](int row, int, int, int) {
        if (const auto a = allocationAt(row))
            emit allocationSelected(*a);
    });
}

void AllocationTable::setSource(const model::MemoryTimeline *timeline, int device,
                                model::MemoryAxis axis)
{
    m_timeline = timeline;
    m_device = device;
    m_axis = axis;
    setAllocations({}, std::nullopt);
}

void AllocationTable::setAllocations(std::vector<uint32_t> allocations,
                                     std::optional<int64_t> moment)
{
    m_rows = std::move(allocations);
    m_moment = moment;
    const QSignalBlocker quiet(this); // the caller picks the row to show
    setRowCount(int(m_rows.size()));
    for (int row = 0; row < int(m_rows.size()); ++row)
        fillRow(row);
    resizeColumnsToContents();
}

void AllocationTable::select(uint32_t allocation)
{
    auto it = std::find(m_rows.begin(), m_rows.end(), allocation);
    if (it == m_rows.end()) {
        m_rows.insert(m_rows.begin(), allocation);
        const QSignalBlocker quiet(this);
        insertRow(0);
        fillRow(0);
        it = m_rows.begin();
    }
    const int row = int(it - m_rows.begin());
    if (currentRow() == row)
        emit allocationSelected(allocation);
    setCurrentCell(row, 0);
    scrollToItem(item(row, 0));
}

std::optional<uint32_t> AllocationTable::allocationAt(int row) const
{
    if (row < 0 || size_t(row) >= m_rows.size())
        return std::nullopt;
    return m_rows[size_t(row)];
}

void AllocationTable::fillRow(int row)
{
    const model::MemoryAllocation &m = m_timeline->allocations(m_device)[m_rows[size_t(row)]];
    const int64_t origin = m_timeline->start(m_device, m_axis);
    auto stamp = [&](int64_t t) {
        return m_axis == model::MemoryAxis::Time ? formatOffset(t - origin, 1000)
                                                 : QString::number(t);
    };
    QStringList notes;
    if (m_moment && !m.isLiveAt(m_axis, *m_moment))
        notes << tr("not live at this moment");
    if (m.flags & model::kAllocBeforeTrace)
        notes << tr("allocated before the trace");
    if (m.flags & model::kAllocNeverFreed)
        notes << tr("never freed");
    else if (m.flags & model::kAllocFreeRequestedOnly)
        notes << tr("free requested, not completed");
    setItem(row, 0, sizeItem(m.size));
    setItem(row, 1, new QTableWidgetItem(QStringLiteral("0x%1").arg(m.address, 0, 16)));
    setItem(row, 2, new QTableWidgetItem(QString::number(m.stream)));
    setItem(row, 3, new QTableWidgetItem(stamp(m.start(m_axis))));
    setItem(row, 4,
            new QTableWidgetItem((m.flags & model::kAllocNeverFreed) ? QStringLiteral("—")
                                                                     : stamp(m.end(m_axis))));
    setItem(row, 5, new QTableWidgetItem(notes.join(QStringLiteral("; "))));
}

} // namespace ts::views

#include "allocationtable.h"

#include "timeline/timeformat.h"
#include "timeline/trackpainter.h" // formatCounterValue

#include <QHeaderView>

#include <algorithm>

namespace ts::views {

void AllocationRows::setSource(const model::MemoryTimeline *timeline, int device,
                               model::MemoryAxis axis)
{
    beginResetModel();
    m_timeline = timeline;
    m_device = device;
    m_axis = axis;
    m_rows.clear();
    m_moment.reset();
    endResetModel();
}

void AllocationRows::setAllocations(std::vector<uint32_t> allocations,
                                    std::optional<int64_t> moment)
{
    beginResetModel();
    m_rows = std::move(allocations);
    m_moment = moment;
    endResetModel();
}

void AllocationRows::prepend(uint32_t allocation)
{
    beginInsertRows({}, 0, 0);
    m_rows.insert(m_rows.begin(), allocation);
    endInsertRows();
}

int AllocationRows::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_timeline ? 0 : int(m_rows.size());
}

int AllocationRows::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AllocationRows::cellText(const model::MemoryAllocation &m, int column) const
{
    const int64_t origin = m_timeline->start(m_device, m_axis);
    auto stamp = [&](int64_t t) {
        return m_axis == model::MemoryAxis::Time ? formatOffset(t - origin, 1000)
                                                 : QString::number(t);
    };
    switch (column) {
    case Size:
        return formatCounterValue(double(m.size), true);
    case Address:
        return QStringLiteral("0x%1").arg(m.address, 0, 16);
    case Stream:
        return QString::number(m.stream);
    case Allocated:
        return (m.flags & model::kAllocBeforeTrace) ? tr("before the trace")
                                                    : stamp(m.start(m_axis));
    case Freed:
        return (m.flags & model::kAllocNeverFreed) ? QStringLiteral("—") : stamp(m.end(m_axis));
    case Note: {
        QStringList notes;
        if (m_moment && !m.isLiveAt(m_axis, *m_moment))
            notes << tr("not live at this moment");
        if (m.flags & model::kAllocBeforeTrace)
            notes << tr("allocated before the trace");
        if (m.flags & model::kAllocNeverFreed)
            notes << tr("never freed");
        else if (m.flags & model::kAllocFreeRequestedOnly)
            notes << tr("free requested, not completed");
        return notes.join(QStringLiteral("; "));
    }
    }
    return {};
}

QVariant AllocationRows::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_timeline || size_t(index.row()) >= m_rows.size())
        return {};
    const model::MemoryAllocation &m =
        m_timeline->allocations(m_device)[m_rows[size_t(index.row())]];
    switch (role) {
    case Qt::DisplayRole:
        return cellText(m, index.column());
    case kSortRole:
        return index.column() == Size ? QVariant(qint64(m.size)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Size ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    return {};
}

QVariant AllocationRows::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Size:
        return tr("Size");
    case Address:
        return tr("Address");
    case Stream:
        return tr("Stream");
    case Allocated:
        return tr("Allocated");
    case Freed:
        return tr("Freed");
    case Note:
        return tr("Note");
    }
    return {};
}

AllocationTable::AllocationTable(QWidget *parent) : QTableView(parent), m_rows(this)
{
    setModel(&m_rows);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (const auto a = allocationAt(current.row()))
                    emit allocationSelected(*a);
            });
}

void AllocationTable::applyColumnWidths()
{
    // Fixed widths, set again after every reset of the model (which forgets them): sizing
    // columns to their contents would read every row.
    const QFontMetrics fm = fontMetrics();
    setColumnWidth(AllocationRows::Size, fm.horizontalAdvance(QStringLiteral("1023.99 MiB")) + 16);
    setColumnWidth(AllocationRows::Address,
                   fm.horizontalAdvance(QStringLiteral("0xffffffffffffffff")) + 16);
    setColumnWidth(AllocationRows::Stream,
                   fm.horizontalAdvance(QStringLiteral("000000000000")) + 16);
    setColumnWidth(AllocationRows::Allocated, fm.horizontalAdvance(tr("before the trace")) + 16);
    setColumnWidth(AllocationRows::Freed, fm.horizontalAdvance(QStringLiteral("1.000000 s")) + 24);
}

void AllocationTable::setSource(const model::MemoryTimeline *timeline, int device,
                                model::MemoryAxis axis)
{
    m_rows.setSource(timeline, device, axis);
    applyColumnWidths();
}

void AllocationTable::setAllocations(std::vector<uint32_t> allocations,
                                     std::optional<int64_t> moment)
{
    const QSignalBlocker quiet(selectionModel()); // the caller picks the row to show
    m_rows.setAllocations(std::move(allocations), moment);
    applyColumnWidths();
}

void AllocationTable::select(uint32_t allocation)
{
    const auto &rows = m_rows.allocations();
    auto it = std::find(rows.begin(), rows.end(), allocation);
    int row = int(it - rows.begin());
    if (it == rows.end()) {
        const QSignalBlocker quiet(selectionModel());
        m_rows.prepend(allocation);
        row = 0;
    }
    const QModelIndex index = m_rows.index(row, 0);
    if (currentIndex().row() == row)
        emit allocationSelected(allocation);
    setCurrentIndex(index);
    scrollTo(index);
}

std::optional<uint32_t> AllocationTable::allocationAt(int row) const
{
    const auto &rows = m_rows.allocations();
    if (row < 0 || size_t(row) >= rows.size())
        return std::nullopt;
    return rows[size_t(row)];
}

int AllocationTable::currentRow() const
{
    return currentIndex().row();
}

QString AllocationTable::text(int row, int column) const
{
    return m_rows.data(m_rows.index(row, column), Qt::DisplayRole).toString();
}

qint64 AllocationTable::bytesAt(int row) const
{
    return m_rows.data(m_rows.index(row, AllocationRows::Size), AllocationRows::kSortRole)
        .toLongLong();
}

} // namespace ts::views

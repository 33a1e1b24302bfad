#pragma once
// A table of one device's allocations — size, address, stream, when allocated and freed, a note
// (before the trace, never freed, not live at the moment shown) — in the order given. The Memory
// view lists what is live at a moment and what is never freed with it. The rows are made when
// they are drawn (AllocationRows is a model over a list of indexes), so a list of a million
// allocations costs what the screen shows.

#include "memory/memorytimeline.h"

#include <QAbstractTableModel>
#include <QTableView>

#include <optional>
#include <vector>

namespace ts::views {

class AllocationRows : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Size, Address, Stream, Allocated, Freed, Note, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole; // Size: the bytes, as a number

    using QAbstractTableModel::QAbstractTableModel;
    void setSource(const model::MemoryTimeline *timeline, int device, model::MemoryAxis axis);
    void setAllocations(std::vector<uint32_t> allocations, std::optional<int64_t> moment);
    void prepend(uint32_t allocation);
    const std::vector<uint32_t> &allocations() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString cellText(const model::MemoryAllocation &a, int column) const;

    const model::MemoryTimeline *m_timeline = nullptr;
    int m_device = 0;
    model::MemoryAxis m_axis = model::MemoryAxis::Time;
    std::vector<uint32_t> m_rows;
    std::optional<int64_t> m_moment;
};

class AllocationTable : public QTableView
{
    Q_OBJECT
public:
    explicit AllocationTable(QWidget *parent = nullptr);

    void setSource(const model::MemoryTimeline *timeline, int device, model::MemoryAxis axis);
    // `moment`: rows not live then say so.
    void setAllocations(std::vector<uint32_t> allocations, std::optional<int64_t> moment);
    const std::vector<uint32_t> &allocations() const { return m_rows.allocations(); }
    // Selects the allocation's row, adding it first when it is not listed.
    void select(uint32_t allocation);
    std::optional<uint32_t> allocationAt(int row) const;
    int currentRow() const;
    int rowCount() const { return m_rows.rowCount(); }
    // A cell as shown, and the Size column's bytes.
    QString text(int row, int column) const;
    qint64 bytesAt(int row) const;

signals:
    void allocationSelected(uint32_t allocation);

private:
    void applyColumnWidths();

    AllocationRows m_rows;
};

} // namespace ts::views

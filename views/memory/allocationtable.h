#pragma once
// A table of one device's allocations — size, address, stream, when allocated and freed, a note
// (before the trace, never freed, not live at the moment shown) — in the order given. The Memory
// view lists what is live at a moment and what is never freed with it.

#include "memory/memorytimeline.h"

#include <QTableWidget>

#include <optional>
#include <vector>

namespace ts::views {

class AllocationTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit AllocationTable(QWidget *parent = nullptr);

    void setSource(const model::MemoryTimeline *timeline, int device, model::MemoryAxis axis);
    // `moment`: rows not live then say so.
    void setAllocations(std::vector<uint32_t> allocations, std::optional<int64_t> moment);
    const std::vector<uint32_t> &allocations() const { return m_rows; }
    // Selects the allocation's row, adding it first when it is not listed.
    void select(uint32_t allocation);
    std::optional<uint32_t> allocationAt(int row) const;

signals:
    void allocationSelected(uint32_t allocation);

private:
    void fillRow(int row);

    const model::MemoryTimeline *m_timeline = nullptr;
    int m_device = 0;
    model::MemoryAxis m_axis = model::MemoryAxis::Time;
    std::vector<uint32_t> m_rows;
    std::optional<int64_t> m_moment;
};

} // namespace ts::views

#pragma once
// The Operators table: one row per operator (model::OperatorStats). Sorting and filtering are
// left to OperatorFilterModel over it, so every column answers Qt::UserRole with its raw number.
// For Ascend input, the kernel table's columns follow the fixed ones for device rows: op type,
// accelerator core, and the mean of each PMU metric (model::KernelDetails).

#include "ascend/kerneldetails.h"
#include "timeline/operatorstats.h"

#include <QAbstractTableModel>

#include <memory>

namespace ts::views {

class OperatorTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Side, Count, Total, Self, Mean, Min, Max, Share, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(QVector<model::OperatorStats> rows);
    // The kernel table's columns (none when empty); set before or with the rows.
    void setKernelDetails(std::shared_ptr<const model::KernelDetails> details);
    const model::KernelDetails *kernelDetails() const { return m_kernels.get(); }
    // The kernel-table columns start here: Type, Core, then one per metric.
    static constexpr int kFirstKernelColumn = ColumnCount;
    const QVector<model::OperatorStats> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    // The kernel table's entry for a device row, or null.
    const model::KernelDetail *kernelOf(const model::OperatorStats &s) const;
    QVariant kernelData(const model::OperatorStats &s, int column, int role) const;

    QVector<model::OperatorStats> m_rows;
    std::shared_ptr<const model::KernelDetails> m_kernels;
};

} // namespace ts::views

#pragma once
// The rows of a comparison of two msMemScope runs (model/memscope/memscopecompare.h) of one
// kind — owners or call stacks — as a table: sizes shown in KiB/MiB, sorted by their bytes
// (Qt::UserRole), a stack shown by its first frame with the whole stack as its tooltip.

#include "memscope/memscopecompare.h"

#include <QAbstractTableModel>

namespace ts::views {

class MemScopeCompareModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Key,
        BasePeak,
        NewPeak,
        Growth,
        BaseEnd,
        NewEnd,
        EndGrowth,
        BaseBlocks,
        NewBlocks,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;
    // Keeps the rows of `kind`, in the order given.
    void setRows(const QVector<model::MemScopeDelta> &rows, model::MemScopeGroupKind kind);
    const QVector<model::MemScopeDelta> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVector<model::MemScopeDelta> m_rows;
};

} // namespace ts::views

#pragma once
// The Operators table: one row per operator (model::OperatorStats). Sorting and filtering are
// left to OperatorFilterModel over it, so every column answers Qt::UserRole with its raw number.

#include "timeline/operatorstats.h"

#include <QAbstractTableModel>

namespace ts::views {

class OperatorTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Side, Count, Total, Self, Mean, Min, Max, Share, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(QVector<model::OperatorStats> rows);
    const QVector<model::OperatorStats> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVector<model::OperatorStats> m_rows;
};

} // namespace ts::views

#pragma once
// The Compare table: one row per operator name found in either run (model::OperatorDelta), with
// both runs' counts and totals and the change. Raw numbers under Qt::UserRole for sorting.

#include "timeline/operatorcompare.h"

#include <QAbstractTableModel>

namespace ts::views {

class CompareTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, CountBase, CountNew, TotalBase, TotalNew, Delta, Change, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(QVector<model::OperatorDelta> rows);
    const QVector<model::OperatorDelta> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVector<model::OperatorDelta> m_rows;
};

} // namespace ts::views

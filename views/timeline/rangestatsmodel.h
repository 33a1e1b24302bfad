#pragma once
// The table under a range selection: the slices in the range grouped by name, one row per name
// (count, total, mean, max). Sorting is left to a QSortFilterProxyModel over it, so every column
// answers Qt::UserRole with its raw number.

#include "timeline/rangestats.h"

#include <QAbstractTableModel>

namespace ts::views {

class RangeStatsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Count, Total, Mean, Max, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setStats(QList<model::NameStats> stats);
    const QList<model::NameStats> &stats() const { return m_stats; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<model::NameStats> m_stats;
};

} // namespace ts::views

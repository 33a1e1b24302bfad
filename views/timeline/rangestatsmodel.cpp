#include "rangestatsmodel.h"

#include "timeformat.h"

namespace ts::views {

void RangeStatsModel::setStats(QList<model::NameStats> stats)
{
    beginResetModel();
    m_stats = std::move(stats);
    endResetModel();
}

int RangeStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stats.size());
}

int RangeStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RangeStatsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_stats.size())
        return {};
    const model::NameStats &s = m_stats[index.row()];
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Name:
            return s.name;
        case Count:
            return s.count;
        case Total:
            return s.totalNs;
        case Mean:
            return s.meanNs;
        case Max:
            return s.maxNs;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return s.name;
        case Count:
            return s.count;
        case Total:
            return formatDuration(s.totalNs);
        case Mean:
            return formatDuration(int64_t(s.meanNs));
        case Max:
            return formatDuration(s.maxNs);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RangeStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Count:
        return tr("Count");
    case Total:
        return tr("Total");
    case Mean:
        return tr("Mean");
    case Max:
        return tr("Max");
    }
    return {};
}

} // namespace ts::views

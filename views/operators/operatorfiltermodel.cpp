#include "operatorfiltermodel.h"

#include "operatortablemodel.h"

namespace ts::views {

OperatorFilterModel::OperatorFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::UserRole);
    setFilterKeyColumn(OperatorTableModel::Name);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void OperatorFilterModel::setSides(uint8_t sides)
{
    m_sides = sides;
    invalidateFilter();
}

bool OperatorFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_sides != 0) {
        const QModelIndex side =
            sourceModel()->index(sourceRow, OperatorTableModel::Side, sourceParent);
        if ((sourceModel()->data(side, Qt::UserRole).toInt() & m_sides) == 0)
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace ts::views

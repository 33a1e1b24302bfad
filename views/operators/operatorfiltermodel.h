#pragma once
// Sorts the Operators table by each column's raw number (Qt::UserRole) and keeps the rows whose
// name contains the filter text (any case) and that ran on the chosen side.

#include <QSortFilterProxyModel>

namespace ts::views {

class OperatorFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit OperatorFilterModel(QObject *parent = nullptr);
    // model::OperatorSide bits a row must share; 0: every row.
    void setSides(uint8_t sides);
    uint8_t sides() const { return m_sides; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    uint8_t m_sides = 0;
};

} // namespace ts::views

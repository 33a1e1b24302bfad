#pragma once
// The Summary table: one row per step and rank (model::RankStep). Every column answers
// Qt::UserRole with its raw number (ns), for sorting through a QSortFilterProxyModel.

#include "summary/stepsummary.h"

#include <QAbstractTableModel>

namespace ts::views {

class StepTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Step,
        Rank,
        StepTime,
        Computing,
        CommNotOverlapped,
        Overlapped,
        Communication,
        Free,
        Kernel,
        Launch,
        Kernels,
        Source,
        SlowestRank,
        Spread,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;
    void setSummary(model::StepSummary summary);
    const model::StepSummary &summary() const { return m_summary; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString rankName(int rank) const;
    model::StepSummary m_summary;
};

} // namespace ts::views

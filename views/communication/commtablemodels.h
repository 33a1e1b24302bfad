#pragma once
// The Communication view's tables over model/communication/commstats.h: one row per rank ×
// communication operator (CommOpTableModel) and one per rank × link type with its bandwidth
// (CommLinkTableModel). Times shown in ms, sizes in MB (10^6 bytes, as msprof writes them);
// the raw numbers under Qt::UserRole for sorting.

#include "communication/commstats.h"

#include <QAbstractTableModel>

namespace ts::views {

class CommOpTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Rank,
        Step,
        Scope,
        Op,
        Elapse,
        Transit,
        Wait,
        Sync,
        Idle,
        WaitRatio,
        SyncRatio,
        Group,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(QList<model::CommOpStat> rows);
    const QList<model::CommOpStat> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<model::CommOpStat> m_rows;
};

class CommLinkTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Rank, Link, Size, Time, Bandwidth, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(QList<model::CommLinkStat> rows);
    const QList<model::CommLinkStat> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<model::CommLinkStat> m_rows;
};

// ms with three decimals from ns ("—" for none); MB from bytes; GB/s.
QString commMs(qint64 ns);
QString commMb(qint64 bytes);
QString commGbps(double gbps);
QString commRankText(int rank);

} // namespace ts::views

#include "commtablemodels.h"

#include <QCoreApplication>

namespace ts::views {

QString commMs(qint64 ns)
{
    return ns < 0 ? QStringLiteral("—") : QString::number(double(ns) / 1e6, 'f', 3);
}
QString commMb(qint64 bytes)
{
    return bytes < 0 ? QStringLiteral("—") : QString::number(double(bytes) / 1e6, 'f', 3);
}
QString commGbps(double gbps)
{
    return gbps < 0 ? QStringLiteral("—") : QString::number(gbps, 'f', 3);
}
QString commRankText(int rank)
{
    return rank >= 0 ? QString::number(rank) : QStringLiteral("?");
}

namespace {

QVariant ratioValue(double r)
{
    return r < 0 ? QVariant(QStringLiteral("—")) : QVariant(QString::number(r, 'f', 4));
}

} // namespace

void CommOpTableModel::setRows(QList<model::CommOpStat> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int CommOpTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CommOpTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CommOpTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const model::CommOpStat &r = m_rows[index.row()];
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Rank:
            return r.rank;
        case Step:
            return r.step;
        case Scope:
            return r.scope;
        case Op:
            return r.op;
        case Elapse:
            return r.elapse;
        case Transit:
            return r.transit;
        case Wait:
            return r.wait;
        case Sync:
            return r.sync;
        case Idle:
            return r.idle;
        case WaitRatio:
            return r.waitRatio;
        case SyncRatio:
            return r.syncRatio;
        case Group:
            return r.group;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Rank:
            return commRankText(r.rank);
        case Step:
            return r.step;
        case Scope:
            return r.scope;
        case Op:
            return r.op;
        case Elapse:
            return commMs(r.elapse);
        case Transit:
            return commMs(r.transit);
        case Wait:
            return commMs(r.wait);
        case Sync:
            return commMs(r.sync);
        case Idle:
            return commMs(r.idle);
        case WaitRatio:
            return ratioValue(r.waitRatio);
        case SyncRatio:
            return ratioValue(r.syncRatio);
        case Group:
            return r.group;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Elapse && index.column() <= SyncRatio)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CommOpTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rank:
        return tr("Rank");
    case Step:
        return tr("Step");
    case Scope:
        return tr("Type");
    case Op:
        return tr("Communication operator");
    case Elapse:
        return tr("Elapse (ms)");
    case Transit:
        return tr("Transit (ms)");
    case Wait:
        return tr("Wait (ms)");
    case Sync:
        return tr("Synchronisation (ms)");
    case Idle:
        return tr("Idle (ms)");
    case WaitRatio:
        return tr("Wait ratio");
    case SyncRatio:
        return tr("Synchronisation ratio");
    case Group:
        return tr("Group");
    }
    return {};
}

void CommLinkTableModel::setRows(QList<model::CommLinkStat> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int CommLinkTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CommLinkTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CommLinkTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const model::CommLinkStat &r = m_rows[index.row()];
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Rank:
            return r.rank;
        case Link:
            return r.link;
        case Size:
            return r.size;
        case Time:
            return r.time;
        case Bandwidth:
            return r.bandwidth;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Rank:
            return commRankText(r.rank);
        case Link:
            return r.link;
        case Size:
            return commMb(r.size);
        case Time:
            return commMs(r.time);
        case Bandwidth:
            return commGbps(r.bandwidth);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Size)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CommLinkTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rank:
        return tr("Rank");
    case Link:
        return tr("Link type");
    case Size:
        return tr("Transit size (MB)");
    case Time:
        return tr("Transit time (ms)");
    case Bandwidth:
        return tr("Bandwidth (GB/s)");
    }
    return {};
}

} // namespace ts::views

#include "comparetablemodel.h"

#include "timeline/timeformat.h"

#include <QColor>

#include <limits>

namespace ts::views {

namespace {

// The change relative to the baseline; a name new in this run has no finite change.
double change(const model::OperatorDelta &d)
{
    if (d.totalBaseNs == 0)
        return d.totalNewNs == 0 ? 0.0 : std::numeric_limits<double>::infinity();
    return double(d.deltaNs()) / double(d.totalBaseNs);
}

QString signedDuration(qint64 ns)
{
    return ns > 0   ? QStringLiteral("+") + formatDuration(ns)
           : ns < 0 ? QStringLiteral("−") + formatDuration(-ns)
                    : formatDuration(0);
}

} // namespace

void CompareTableModel::setRows(QVector<model::OperatorDelta> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int CompareTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CompareTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompareTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const model::OperatorDelta &d = m_rows[index.row()];
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Name:
            return d.name;
        case CountBase:
            return d.countBase;
        case CountNew:
            return d.countNew;
        case TotalBase:
            return d.totalBaseNs;
        case TotalNew:
            return d.totalNewNs;
        case Delta:
            return d.deltaNs();
        case Change:
            return change(d);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return d.name;
        case CountBase:
            return d.countBase;
        case CountNew:
            return d.countNew;
        case TotalBase:
            return formatDuration(d.totalBaseNs);
        case TotalNew:
            return formatDuration(d.totalNewNs);
        case Delta:
            return signedDuration(d.deltaNs());
        case Change: {
            const double c = change(d);
            if (d.totalBaseNs == 0)
                return d.totalNewNs == 0 ? QStringLiteral("—") : tr("new");
            return QStringLiteral("%1%2 %")
                .arg(c > 0 ? QStringLiteral("+") : QString())
                .arg(c * 100.0, 0, 'f', 1);
        }
        }
    }
    if (role == Qt::ForegroundRole && (index.column() == Delta || index.column() == Change) &&
        d.deltaNs() != 0)
        return QColor(d.deltaNs() > 0 ? QColor(0xb0, 0x20, 0x20) : QColor(0x20, 0x80, 0x30));
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CompareTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("Name"),         QT_TR_NOOP("Count (base)"), QT_TR_NOOP("Count (new)"),
        QT_TR_NOOP("Total (base)"), QT_TR_NOOP("Total (new)"),  QT_TR_NOOP("Δ Total"),
        QT_TR_NOOP("Change")};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

} // namespace ts::views

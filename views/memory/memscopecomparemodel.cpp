#include "memscopecomparemodel.h"

#include "timeline/trackpainter.h"

namespace ts::views {

void MemScopeCompareModel::setRows(const QVector<model::MemScopeDelta> &rows,
                                   model::MemScopeGroupKind kind)
{
    beginResetModel();
    m_rows.clear();
    for (const model::MemScopeDelta &r : rows) {
        if (r.kind == kind)
            m_rows.append(r);
    }
    endResetModel();
}

int MemScopeCompareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MemScopeCompareModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

int64_t valueOf(const model::MemScopeDelta &r, int column)
{
    switch (column) {
    case MemScopeCompareModel::BasePeak:
        return r.base.peakBytes;
    case MemScopeCompareModel::NewPeak:
        return r.next.peakBytes;
    case MemScopeCompareModel::Growth:
        return r.growth();
    case MemScopeCompareModel::BaseEnd:
        return r.base.endBytes;
    case MemScopeCompareModel::NewEnd:
        return r.next.endBytes;
    case MemScopeCompareModel::EndGrowth:
        return r.endGrowth();
    case MemScopeCompareModel::BaseBlocks:
        return r.base.peakBlocks;
    case MemScopeCompareModel::NewBlocks:
        return r.next.peakBlocks;
    default:
        return 0;
    }
}

QString bytesText(int64_t v, bool signedChange)
{
    const QString text = formatCounterValue(double(v), true);
    return signedChange && v > 0 ? QStringLiteral("+") + text : text;
}

} // namespace

QVariant MemScopeCompareModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const model::MemScopeDelta &r = m_rows[index.row()];
    const int c = index.column();
    if (c == Key) {
        if (role == Qt::DisplayRole || role == Qt::UserRole) {
            const QString first = r.key.section(QLatin1Char('\n'), 0, 0);
            return role == Qt::UserRole || first == r.key ? r.key : first + QStringLiteral(" …");
        }
        if (role == Qt::ToolTipRole)
            return r.key;
        return {};
    }
    const int64_t v = valueOf(r, c);
    switch (role) {
    case Qt::DisplayRole:
        if (c == BaseBlocks || c == NewBlocks)
            return QString::number(v);
        return bytesText(v, c == Growth || c == EndGrowth);
    case Qt::UserRole:
        return qlonglong(v);
    case Qt::ToolTipRole:
        return tr("%L1 bytes").arg(v);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    default:
        return {};
    }
}

QVariant MemScopeCompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole &&
        (section == BaseBlocks || section == NewBlocks))
        return tr("Blocks live at the peak");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Key:
        return tr("Owner or call stack");
    case BasePeak:
        return tr("Base peak");
    case NewPeak:
        return tr("New peak");
    case Growth:
        return tr("Peak growth");
    case BaseEnd:
        return tr("Base at end");
    case NewEnd:
        return tr("New at end");
    case EndGrowth:
        return tr("End growth");
    case BaseBlocks:
        return tr("Base blocks");
    case NewBlocks:
        return tr("New blocks");
    default:
        return {};
    }
}

} // namespace ts::views

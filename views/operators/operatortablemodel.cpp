#include "operatortablemodel.h"

#include "timeline/timeformat.h"

#include <QLocale>

#include <cmath>

namespace ts::views {

void OperatorTableModel::setRows(QVector<model::OperatorStats> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void OperatorTableModel::setKernelDetails(std::shared_ptr<const model::KernelDetails> details)
{
    beginResetModel();
    m_kernels = details && !details->isEmpty() ? std::move(details) : nullptr;
    endResetModel();
}

const model::KernelDetail *OperatorTableModel::kernelOf(const model::OperatorStats &s) const
{
    if (!m_kernels || !(s.sides & model::kDeviceSide))
        return nullptr;
    const auto it = m_kernels->byName.constFind(s.name);
    return it == m_kernels->byName.constEnd() ? nullptr : &*it;
}

QVariant OperatorTableModel::kernelData(const model::OperatorStats &s, int column, int role) const
{
    const model::KernelDetail *k = kernelOf(s);
    const int at = column - kFirstKernelColumn;
    if (role == Qt::TextAlignmentRole)
        return at >= 2 ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    if (!k || (role != Qt::DisplayRole && role != Qt::UserRole))
        return role == Qt::UserRole && at >= 2 ? QVariant(-1.0) : QVariant(); // sorts first
    if (at == 0)
        return k->type;
    if (at == 1)
        return k->core;
    const double mean = k->means.value(at - 2, std::nan(""));
    if (std::isnan(mean))
        return role == Qt::UserRole ? QVariant(-1.0) : QVariant();
    if (role == Qt::UserRole)
        return mean;
    return QLocale().toString(mean, 'g', 6);
}

int OperatorTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OperatorTableModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return ColumnCount + (m_kernels ? 2 + int(m_kernels->metrics.size()) : 0);
}

QVariant OperatorTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const model::OperatorStats &s = m_rows[index.row()];
    if (index.column() >= kFirstKernelColumn)
        return kernelData(s, index.column(), role);
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Name:
            return s.name;
        case Side:
            return int(s.sides);
        case Count:
            return s.count;
        case Total:
            return s.totalNs;
        case Self:
            return s.selfNs;
        case Mean:
            return s.meanNs;
        case Min:
            return s.minNs;
        case Max:
            return s.maxNs;
        case Share:
            return s.share;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return s.name;
        case Side:
            return s.sides == model::kDeviceSide ? tr("device")
                   : s.sides == model::kHostSide ? tr("CPU")
                                                 : tr("CPU + device");
        case Count:
            return s.count;
        case Total:
            return formatDuration(s.totalNs);
        case Self:
            return formatDuration(s.selfNs);
        case Mean:
            return formatDuration(int64_t(s.meanNs));
        case Min:
            return formatDuration(s.minNs);
        case Max:
            return formatDuration(s.maxNs);
        case Share:
            return QStringLiteral("%1 %").arg(s.share * 100.0, 0, 'f', 1);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Name)
        return tr("%1\nDouble-click: its longest slice on the timeline").arg(s.name);
    if (role == Qt::TextAlignmentRole && index.column() > Side)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant OperatorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (section >= kFirstKernelColumn && m_kernels) {
        const int at = section - kFirstKernelColumn;
        if (role == Qt::ToolTipRole)
            return at >= 2 ? tr("Mean over the kernel table's rows of this name (every rank)")
                           : tr("From the kernel table (kernel_details)");
        if (role != Qt::DisplayRole)
            return {};
        return at == 0   ? tr("Type")
               : at == 1 ? tr("Accelerator Core")
                         : m_kernels->metrics.value(at - 2);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Self:
            return tr("Duration less its direct children's on the same track");
        case Share:
            return tr("Self time as a share of all self time (of its side: CPU or device)");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("Name"),  QT_TR_NOOP("Side"), QT_TR_NOOP("Count"),
        QT_TR_NOOP("Total"), QT_TR_NOOP("Self"), QT_TR_NOOP("Mean"),
        QT_TR_NOOP("Min"),   QT_TR_NOOP("Max"),  QT_TR_NOOP("Share")};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

} // namespace ts::views

#include "steptablemodel.h"

#include "timeline/timeformat.h"

namespace ts::views {

void StepTableModel::setSummary(model::StepSummary summary)
{
    beginResetModel();
    m_summary = std::move(summary);
    endResetModel();
}

int StepTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_summary.rows.size());
}

int StepTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString StepTableModel::rankName(int rank) const
{
    return rank >= 0 && rank < m_summary.ranks.size() ? m_summary.ranks[rank].label : QString();
}

QVariant StepTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_summary.rows.size())
        return {};
    const model::RankStep &s = m_summary.rows[index.row()];
    int64_t value = 0;
    switch (index.column()) {
    case StepTime:
        value = s.stepNs;
        break;
    case Computing:
        value = s.computingNs;
        break;
    case CommNotOverlapped:
        value = s.commNotOverlappedNs;
        break;
    case Overlapped:
        value = s.overlappedNs;
        break;
    case Communication:
        value = s.communicationNs;
        break;
    case Free:
        value = s.freeNs;
        break;
    case Kernel:
        value = s.kernelNs;
        break;
    case Launch:
        value = s.launchNs;
        break;
    case Spread:
        value = s.spreadNs;
        break;
    }
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case Step:
            return qlonglong(s.step);
        case Rank:
            return s.rank;
        case Kernels:
            return s.kernelCount;
        case Source:
            return model::figureSourceName(s.source);
        case SlowestRank:
            return s.slowestRank;
        }
        return qlonglong(value);
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Step:
            return s.step >= 0 ? QString::number(s.step) : tr("—");
        case Rank:
            return rankName(s.rank);
        case Kernels:
            return s.hasRange ? QVariant(s.kernelCount) : QVariant(tr("—"));
        case Source:
            return s.source == model::FigureSource::StepTrace ? tr("step_trace_time")
                                                              : tr("kernels");
        case SlowestRank:
            return rankName(s.slowestRank);
        case Kernel:
        case Launch:
            if (value < 0)
                return tr("—");
            break;
        }
        return formatDuration(value);
    }
    if (role == Qt::ToolTipRole && index.column() == Source)
        return s.source == model::FigureSource::StepTrace
                   ? tr("Figures from the profiler's step_trace_time")
                   : tr("Figures computed from the device slices inside the step");
    if (role == Qt::ToolTipRole && s.hasRange)
        return tr("Double-click: the step on the timeline");
    if (role == Qt::TextAlignmentRole && index.column() != Rank && index.column() != Source &&
        index.column() != SlowestRank)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant StepTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Computing:
            return tr("Time some computing kernel runs (the union of their intervals)");
        case CommNotOverlapped:
            return tr("Communication while no computing kernel runs");
        case Overlapped:
            return tr("Communication hidden under computing");
        case Free:
            return tr("Time the device does nothing: the step less computing and "
                      "communication not overlapped");
        case Kernel:
            return tr("The device slices' durations added up");
        case Launch:
            return tr("Host time in kernel launch calls (cudaLaunchKernel, aclnn* …)");
        case Spread:
            return tr("Slowest less fastest rank's step time");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    static const char *const titles[ColumnCount] = {QT_TR_NOOP("Step"),
                                                    QT_TR_NOOP("Rank"),
                                                    QT_TR_NOOP("Step time"),
                                                    QT_TR_NOOP("Computing"),
                                                    QT_TR_NOOP("Communication not overlapped"),
                                                    QT_TR_NOOP("Overlapped"),
                                                    QT_TR_NOOP("Communication"),
                                                    QT_TR_NOOP("Free"),
                                                    QT_TR_NOOP("Kernel time"),
                                                    QT_TR_NOOP("Launch time"),
                                                    QT_TR_NOOP("Kernels"),
                                                    QT_TR_NOOP("Source"),
                                                    QT_TR_NOOP("Slowest rank"),
                                                    QT_TR_NOOP("Spread")};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

} // namespace ts::views

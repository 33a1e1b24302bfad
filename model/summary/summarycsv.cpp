#include "summarycsv.h"

#include "timeline/operatorcsv.h"

#include <QStringList>

namespace ts::model {

QByteArray summaryCsvHeader()
{
    return QByteArrayLiteral("step,rank,step_us,computing_us,communication_not_overlapped_us,"
                             "overlapped_us,communication_us,free_us,kernel_us,launch_us,kernels,"
                             "source,slowest_rank,spread_us\n");
}

QByteArray summaryCsv(const StepSummary &summary, const QVector<int> &rows)
{
    QString out = QString::fromLatin1(summaryCsvHeader());
    const auto rankName = [&summary](int rank) {
        return rank >= 0 && rank < summary.ranks.size() ? csvField(summary.ranks[rank].label)
                                                        : QString();
    };
    for (int i : rows) {
        if (i < 0 || i >= summary.rows.size())
            continue;
        const RankStep &s = summary.rows[i];
        out += QStringList{s.step >= 0 ? QString::number(s.step) : QString(),
                           rankName(s.rank),
                           microseconds(s.stepNs),
                           microseconds(s.computingNs),
                           microseconds(s.commNotOverlappedNs),
                           microseconds(s.overlappedNs),
                           microseconds(s.communicationNs),
                           microseconds(s.freeNs),
                           s.kernelNs >= 0 ? microseconds(s.kernelNs) : QString(),
                           s.launchNs >= 0 ? microseconds(s.launchNs) : QString(),
                           s.hasRange ? QString::number(s.kernelCount) : QString(),
                           figureSourceName(s.source),
                           rankName(s.slowestRank),
                           microseconds(s.spreadNs)}
                   .join(QLatin1Char(','));
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

QByteArray summaryCsv(const StepSummary &summary)
{
    QVector<int> all(summary.rows.size());
    for (int i = 0; i < all.size(); ++i)
        all[i] = i;
    return summaryCsv(summary, all);
}

} // namespace ts::model

#include "operatorcsv.h"

#include <QStringList>

#include <cmath>
#include <cstdlib>

namespace ts::model {

QString microseconds(qint64 ns)
{
    const qint64 magnitude = std::llabs(ns); // |ns| < 2^63: times are within ±2^62
    return QStringLiteral("%1%2.%3")
        .arg(ns < 0 ? QStringLiteral("-") : QString())
        .arg(magnitude / 1000)
        .arg(magnitude % 1000, 3, 10, QLatin1Char('0'));
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString sideName(uint8_t sides)
{
    switch (sides) {
    case kHostSide:
        return QStringLiteral("cpu");
    case kDeviceSide:
        return QStringLiteral("device");
    case kHostSide | kDeviceSide:
        return QStringLiteral("cpu+device");
    }
    return {};
}

QByteArray operatorsCsv(const QVector<OperatorStats> &rows, const KernelDetails *kernels)
{
    if (kernels && kernels->isEmpty())
        kernels = nullptr;
    QString out =
        QStringLiteral("name,count,total_us,self_us,mean_us,min_us,max_us,share_pct,side");
    if (kernels) {
        out += QStringLiteral(",type,core");
        for (const QString &metric : kernels->metrics)
            out += QLatin1Char(',') + csvField(metric);
    }
    out += QLatin1Char('\n');
    for (const OperatorStats &r : rows) {
        // The mean to the nearest ns, in integers: total and count are exact.
        const qint64 mean = r.count > 0 ? (r.totalNs + r.count / 2) / r.count : 0;
        // Joined, not arg()-chained: a name may hold "%2" itself.
        out += QStringList{csvField(r.name),        QString::number(r.count),
                           microseconds(r.totalNs), microseconds(r.selfNs),
                           microseconds(mean),      microseconds(r.minNs),
                           microseconds(r.maxNs),   QString::number(r.share * 100.0, 'f', 3),
                           sideName(r.sides)}
                   .join(QLatin1Char(','));
        if (kernels) {
            const auto k = (r.sides & kDeviceSide) ? kernels->byName.constFind(r.name)
                                                   : kernels->byName.constEnd();
            const bool known = k != kernels->byName.constEnd();
            out += QLatin1Char(',') + (known ? csvField(k->type) : QString());
            out += QLatin1Char(',') + (known ? csvField(k->core) : QString());
            for (qsizetype m = 0; m < kernels->metrics.size(); ++m) {
                const double mean = known ? k->means.value(m, std::nan("")) : std::nan("");
                out += QLatin1Char(',') +
                       (std::isnan(mean) ? QString() : QString::number(mean, 'g', 9));
            }
        }
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

QByteArray compareCsv(const QVector<OperatorDelta> &rows)
{
    QString out = QStringLiteral("name,count_base,count_new,total_base_us,total_new_us,delta_us,"
                                 "self_base_us,self_new_us\n");
    for (const OperatorDelta &r : rows) {
        out += QStringList{csvField(r.name),
                           QString::number(r.countBase),
                           QString::number(r.countNew),
                           microseconds(r.totalBaseNs),
                           microseconds(r.totalNewNs),
                           microseconds(r.deltaNs()),
                           microseconds(r.selfBaseNs),
                           microseconds(r.selfNewNs)}
                   .join(QLatin1Char(','));
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace ts::model

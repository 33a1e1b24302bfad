#pragma once
// What the view benchmarks share: the process's peak memory and the common command line
// (a cache to open, an optional --size WxH), so every bench reads its arguments the same way.

#include <QSize>
#include <QString>
#include <QStringList>

#include <sys/resource.h>

namespace ts::bench {

inline double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0; // Linux reports KiB
}

// The value after `name`, or `fallback`.
inline QString option(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

inline QSize sizeOption(const QStringList &args)
{
    const QStringList wh =
        option(args, QStringLiteral("--size"), QStringLiteral("1920x1080")).split(QLatin1Char('x'));
    return QSize(wh.value(0).toInt(), wh.value(1).toInt());
}

} // namespace ts::bench

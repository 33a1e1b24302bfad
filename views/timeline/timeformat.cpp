#include "timeformat.h"

#include <cmath>
#include <cstdlib>

namespace ts::views {

namespace {

struct Unit
{
    int64_t ns;
    const char *name;
};

constexpr Unit kUnits[] = {{1000000000, "s"}, {1000000, "ms"}, {1000, "µs"}, {1, "ns"}};

const Unit &unitFor(int64_t magnitude)
{
    for (const Unit &u : kUnits) {
        if (magnitude >= u.ns)
            return u;
    }
    return kUnits[3];
}

} // namespace

QString formatDuration(int64_t ns)
{
    const int64_t magnitude = std::llabs(ns);
    const Unit &u = unitFor(magnitude);
    if (u.ns == 1)
        return QStringLiteral("%1 ns").arg(ns);
    const double value = double(ns) / double(u.ns);
    // Three significant digits, as Perfetto and Nsight show them.
    const int decimals = std::abs(value) >= 100 ? 1 : std::abs(value) >= 10 ? 2 : 3;
    return QStringLiteral("%1 %2").arg(value, 0, 'f', decimals).arg(QString::fromUtf8(u.name));
}

QString formatOffset(int64_t ns, int64_t stepNs)
{
    const Unit &u = unitFor(std::max<int64_t>(std::llabs(ns), stepNs));
    if (u.ns == 1)
        return QStringLiteral("%1 ns").arg(ns);
    // Enough decimals that two ticks one step apart read differently.
    int decimals = 0;
    for (int64_t resolution = u.ns; resolution > stepNs && decimals < 9; resolution /= 10)
        ++decimals;
    return QStringLiteral("%1 %2")
        .arg(double(ns) / double(u.ns), 0, 'f', decimals)
        .arg(QString::fromUtf8(u.name));
}

int64_t rulerStep(double nsPerPixel, double minPixels)
{
    const double wanted = std::max(1.0, nsPerPixel * minPixels);
    int64_t power = 1;
    while (true) {
        for (int64_t m : {1, 2, 5}) {
            if (double(power * m) >= wanted)
                return power * m;
        }
        if (power > INT64_MAX / 100)
            return power * 10;
        power *= 10;
    }
}

} // namespace ts::views

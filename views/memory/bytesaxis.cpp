#include "bytesaxis.h"

#include <algorithm>

namespace ts::views {

double byteStep(double minBytes, double topBytes)
{
    const double wanted = std::max(1.0, minBytes);
    double unit = 1;
    while (unit * 1024 <= topBytes && unit < 1e18)
        unit *= 1024;
    for (double m = unit >= 1024 ? 0.01 : 1;; m *= 10) {
        for (double f : {1.0, 2.0, 5.0}) {
            if (f * m * unit >= wanted)
                return f * m * unit;
        }
    }
}

} // namespace ts::views

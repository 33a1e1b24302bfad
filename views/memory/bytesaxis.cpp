#include "bytesaxis.h"

#include <algorithm>

namespace ts::views {

double byteStep(double minBytes)
{
    const double wanted = std::max(1.0, minBytes);
    for (double unit = 1;; unit *= 1024) {
        for (double m : {1, 2, 5, 10, 20, 50, 100, 200, 500}) {
            if (m * unit >= wanted)
                return m * unit;
        }
        if (unit > 1e18)
            return wanted; // beyond exbibytes: no round value left to find
    }
}

} // namespace ts::views

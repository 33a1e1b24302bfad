#pragma once
// Paints one device's stacked allocation bands into an image, one pixel column at a time: each
// column is the stack at that column's moment (AllocationStacking::columnMoments, so no peak is
// lost at any zoom), every allocation in a colour of its own, with a darker top edge where its
// band is tall enough to show one. Runs in a worker; the chart draws the result.

#include "memory/allocationstacking.h"

#include <QColor>
#include <QImage>

#include <cstdint>
#include <optional>
#include <vector>

namespace ts::views {

// What a band image shows: x in [x0, x1), bytes in [low, high), bottom to top.
struct BandWindow
{
    int64_t x0 = 0, x1 = 0;
    double low = 0, high = 0;
    QSize size;
    std::optional<uint32_t> highlight; // the selected allocation, drawn in a colour of its own
    bool operator==(const BandWindow &) const = default;
};

struct BandImage
{
    BandWindow window;
    QImage image;                 // transparent where no allocation is
    std::vector<int64_t> moments; // the x each column shows
};

BandImage paintAllocationBands(const model::AllocationStacking &stacking, const BandWindow &window);

// The same allocation always gets the same colour; neighbours in allocation order get distant
// hues, so bands that touch can be told apart.
QColor allocationColor(uint32_t allocation);

} // namespace ts::views

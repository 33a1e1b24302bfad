#include "allocationbands.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ts::views {

namespace {

constexpr int kPaletteSize = 61;        // prime, so index patterns do not line up with it
constexpr int kEdgeMinRows = 4;         // shorter bands get no edge: it would be most of the band
constexpr QRgb kHighlight = 0xff202833; // darker than any palette colour

const std::array<QRgb, kPaletteSize> &palette()
{
    static const std::array<QRgb, kPaletteSize> colors = [] {
        std::array<QRgb, kPaletteSize> c{};
        for (int i = 0; i < kPaletteSize; ++i) {
            // Golden-ratio hue steps; lightness alternates so even near hues differ.
            const double hue = std::fmod(0.58 + i * 0.618033988749895, 1.0);
            c[size_t(i)] = QColor::fromHslF(float(hue), 0.55f, (i % 3 == 0) ? 0.58f : 0.68f).rgb();
        }
        return c;
    }();
    return colors;
}

QRgb edgeOf(QRgb c)
{
    return qRgb(qRed(c) * 3 / 5, qGreen(c) * 3 / 5, qBlue(c) * 3 / 5);
}

} // namespace

QColor allocationColor(uint32_t allocation)
{
    return QColor::fromRgb(palette()[allocation % kPaletteSize]);
}

BandImage paintAllocationBands(const model::AllocationStacking &stacking, const BandWindow &window)
{
    BandImage out;
    out.window = window;
    const int w = window.size.width(), h = window.size.height();
    if (w <= 0 || h <= 0 || window.high <= window.low)
        return out;
    out.image = QImage(window.size, QImage::Format_ARGB32_Premultiplied);
    out.image.fill(Qt::transparent);
    out.moments = stacking.columnMoments(window.x0, window.x1, w);

    const auto &all = stacking.device().allocations;
    const auto &colors = palette();
    const double rowsPerByte = h / (window.high - window.low);
    uchar *bits = out.image.bits();
    const qsizetype stride = out.image.bytesPerLine();
    auto pixel = [&](int column, int rowFromBottom) -> QRgb & {
        return reinterpret_cast<QRgb *>(bits + stride * (h - 1 - rowFromBottom))[column];
    };
    // Row k (from the bottom) shows the allocation that covers its centre's byte height.
    auto firstRowAbove = [&](double bytes) {
        return int(std::clamp(std::ceil((bytes - window.low) * rowsPerByte - 0.5), 0.0, double(h)));
    };
    stacking.sweep(out.moments, [&](int column, const std::vector<uint32_t> &stack, bool changed) {
        if (!changed && column > 0) {
            for (int k = 0; k < h; ++k)
                pixel(column, k) = pixel(column - 1, k);
            return;
        }
        double base = 0;
        for (uint32_t i : stack) {
            if (base >= window.high)
                break;
            const double top = base + double(all[i].size);
            const int k0 = firstRowAbove(base), k1 = firstRowAbove(top);
            base = top;
            if (k1 <= k0)
                continue;
            const QRgb c = window.highlight == i ? kHighlight : colors[i % kPaletteSize];
            for (int k = k0; k < k1; ++k)
                pixel(column, k) = c;
            if (k1 - k0 >= kEdgeMinRows && k1 < h)
                pixel(column, k1 - 1) = edgeOf(c);
        }
    });
    return out;
}

} // namespace ts::views

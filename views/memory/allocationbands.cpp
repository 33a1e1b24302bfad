#include "allocationbands.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <thread>

#include <QThread>

namespace ts::views {

namespace {

constexpr int kPaletteSize = 61;        // prime, so index patterns do not line up with it
constexpr int kEdgeMinRows = 4;         // shorter bands get no edge: it would be most of the band
constexpr int kMinSliceColumns = 128;   // narrower slices cost more to start than they save
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
    const double bytesPerRow = (window.high - window.low) / h;
    uchar *bits = out.image.bits();
    const qsizetype stride = out.image.bytesPerLine();
    auto pixel = [&](int column, int rowFromBottom) -> QRgb & {
        return reinterpret_cast<QRgb *>(bits + stride * (h - 1 - rowFromBottom))[column];
    };
    // Row k (from the bottom) shows the allocation that covers its centre's byte height: one
    // lookup per band on screen, not one per live allocation.
    auto centreOf = [&](int k) { return window.low + (k + 0.5) * bytesPerRow; };
    auto paintColumns = [&](int firstColumn, int endColumn) {
        const std::vector<int64_t> moments(out.moments.begin() + firstColumn,
                                           out.moments.begin() + endColumn);
        stacking.sweep(moments, [&](int local, const model::AllocationStacking::Column &stack,
                                    bool changed) {
            const int column = firstColumn + local;
            if (!changed) {
                for (int k = 0; k < h; ++k)
                    pixel(column, k) = pixel(column - 1, k);
                return;
            }
            for (int k = 0; k < h;) {
                const auto hit = stack.find(uint64_t(centreOf(k)));
                if (!hit)
                    break; // above the top of the stack
                const double top = double(hit->base) + double(all[hit->allocation].size);
                const int k1 =
                    std::clamp(int(std::ceil((top - window.low) / bytesPerRow - 0.5)), k + 1, h);
                const QRgb c = window.highlight == hit->allocation
                                   ? kHighlight
                                   : colors[hit->allocation % kPaletteSize];
                for (int r = k; r < k1; ++r)
                    pixel(column, r) = c;
                if (k1 - k >= kEdgeMinRows && k1 < h)
                    pixel(column, k1 - 1) = edgeOf(c);
                k = k1;
            }
        });
    };
    // Columns in slices, one sweep per core: each sweep starts with one linear build of its
    // first column's stack, so the slices are independent and cost about the same.
    const int slices =
        std::clamp(QThread::idealThreadCount(), 1, std::max(1, w / kMinSliceColumns));
    std::vector<std::thread> helpers;
    for (int i = 1; i < slices; ++i)
        helpers.emplace_back(paintColumns, w * i / slices, w * (i + 1) / slices);
    paintColumns(0, w / slices);
    for (std::thread &t : helpers)
        t.join();
    return out;
}

} // namespace ts::views

#include "blockstyle.h"

#include <QPainter>

namespace ts::views {

namespace {

constexpr int kSwatch = 12;
constexpr int kSpacing = 14;

} // namespace

QColor blockFillColor(BlockFill fill)
{
    // Distinct in hue and lightness, readable on dark and light backgrounds alike.
    switch (fill) {
    case BlockFill::Allocated:
        return QColor(0x4e, 0x79, 0xa7);
    case BlockFill::PendingFree:
        return QColor(0xe1, 0x57, 0x59);
    case BlockFill::Free:
        return QColor(0xc9, 0xce, 0xd6);
    case BlockFill::Waste:
        return QColor(0xf2, 0xa0, 0x3d);
    }
    return Qt::magenta;
}

void paintBlockFill(QPainter &p, const QRectF &r, BlockFill fill)
{
    p.fillRect(r, blockFillColor(fill));
    if (fill == BlockFill::Waste)
        p.fillRect(r, QBrush(QColor(0x6b, 0x3a, 0x05), Qt::BDiagPattern));
}

QColor mixedFill(const std::array<double, kBlockFills> &bytes)
{
    double total = 0, r = 0, g = 0, b = 0;
    for (int i = 0; i < kBlockFills; ++i) {
        const QColor c = blockFillColor(BlockFill(i));
        total += bytes[size_t(i)];
        r += bytes[size_t(i)] * c.redF();
        g += bytes[size_t(i)] * c.greenF();
        b += bytes[size_t(i)] * c.blueF();
    }
    return total > 0 ? QColor::fromRgbF(float(r / total), float(g / total), float(b / total))
                     : blockFillColor(BlockFill::Free);
}

AllocatorLegend::AllocatorLegend(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

QStringList AllocatorLegend::labels() const
{
    return {tr("Allocated"), tr("Pending free (freed, waiting on another stream)"),
            tr("Free (cached in the segment)"), tr("Rounding waste")};
}

QSize AllocatorLegend::sizeHint() const
{
    const QFontMetrics fm(font());
    int width = 0;
    for (const QString &l : labels())
        width += kSwatch + 4 + fm.horizontalAdvance(l) + kSpacing;
    return QSize(width, std::max(kSwatch, fm.height()) + 4);
}

void AllocatorLegend::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QFontMetrics fm(font());
    const QStringList names = labels();
    int x = 0;
    const int y = (height() - kSwatch) / 2;
    for (int i = 0; i < kBlockFills; ++i) {
        const QRect swatch(x, y, kSwatch, kSwatch);
        paintBlockFill(p, swatch, BlockFill(i));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawRect(swatch.adjusted(0, 0, -1, -1));
        x += kSwatch + 4;
        p.drawText(QRect(x, 0, fm.horizontalAdvance(names[i]) + 1, height()), Qt::AlignVCenter,
                   names[i]);
        x += fm.horizontalAdvance(names[i]) + kSpacing;
    }
}

} // namespace ts::views

#include "slicepalette.h"

#include <cstdint>

namespace ts::views {

QColor sliceColor(const QString &name)
{
    // FNV-1a over UTF-8: stable across runs, unlike qHash.
    uint32_t h = 2166136261u;
    for (const char c : name.toUtf8()) {
        h ^= uint8_t(c);
        h *= 16777619u;
    }
    const int hue = int(h % 360);
    const int saturation = 110 + int((h >> 9) % 70);
    const int lightness = 150 + int((h >> 17) % 40);
    return QColor::fromHsl(hue, saturation, lightness);
}

QColor mergedColor(const QColor &base)
{
    return base.darker(125);
}

QColor textColorOn(const QColor &background)
{
    return background.lightness() > 140 ? QColor(20, 20, 20) : QColor(250, 250, 250);
}

} // namespace ts::views

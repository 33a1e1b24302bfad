#pragma once
// Paints the content of one track for the visible window. Its cost follows the pixels, not the
// trace: per depth, TimelineData::visibleBlocks() binary-searches the window and folds runs of
// sub-pixel slices into one block; here each depth's blocks are rasterised into one line of
// pixel colours drawn as a single image, and labels are drawn only where they fit.
// Counters: a min/max envelope per pixel column, so no peak is lost at any zoom.

#include "timemapping.h"

#include <QColor>
#include <QRect>

#include <vector>

class QPainter;

namespace ts::model {
class TimelineData;
struct SliceRef;
} // namespace ts::model

namespace ts::views {

class TrackPainter
{
public:
    explicit TrackPainter(const model::TimelineData &data);

    // `area`: the track's rectangle on screen (content part only); `clip`: what needs painting.
    void paintSlices(QPainter &p, int track, const QRect &area, const QRect &clip,
                     const TimeMapping &map, const model::SliceRef *selected);
    // hoverX < 0: no value label.
    void paintCounter(QPainter &p, int track, const QRect &area, const TimeMapping &map,
                      double hoverX);

    const QColor &colorOfName(uint32_t nameId);
    QRgb mergedColorOfName(uint32_t nameId);
    // Blocks drawn by the last paintSlices (a measure of the level of detail, for tests).
    int lastRectCount() const { return m_lastRects; }

private:
    const model::TimelineData &m_data;
    std::vector<QColor> m_nameColors; // by name id, filled lazily
    std::vector<bool> m_haveColor;
    std::vector<QRgb> m_mergedColors;
    std::vector<QRgb> m_line; // one row of pixels, reused
    int m_lastRects = 0;
};

QString formatCounterValue(double value, bool bytes);

} // namespace ts::views

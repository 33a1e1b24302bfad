#include "trackpainter.h"

#include "slicepalette.h"
#include "timeline/timelinedata.h"
#include "timelinerows.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QHash>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace ts::views {

namespace {

constexpr int kMinLabelWidth = 28;
constexpr int kLabelPadding = 3;

bool isBytesSeries(const QString &name)
{
    return name.contains(QLatin1String("Allocated"), Qt::CaseInsensitive) ||
           name.contains(QLatin1String("Reserved"), Qt::CaseInsensitive) ||
           name.contains(QLatin1String("bytes"), Qt::CaseInsensitive) ||
           name.contains(QLatin1String("memory"), Qt::CaseInsensitive);
}

} // namespace

QString formatCounterValue(double value, bool bytes)
{
    if (!bytes)
        return QString::number(value, 'g', 6);
    static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = value;
    int u = 0;
    while (std::abs(v) >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(v, 0, 'f', u == 0 ? 0 : 2).arg(QLatin1String(units[u]));
}

TrackPainter::TrackPainter(const model::TimelineData &data) : m_data(data) {}

QRgb TrackPainter::mergedColorOfName(uint32_t nameId)
{
    colorOfName(nameId);
    return m_mergedColors[nameId];
}

const QColor &TrackPainter::colorOfName(uint32_t nameId)
{
    if (m_nameColors.size() <= nameId) {
        m_nameColors.resize(size_t(nameId) + 1);
        m_haveColor.resize(size_t(nameId) + 1, false);
        m_mergedColors.resize(size_t(nameId) + 1);
    }
    if (!m_haveColor[nameId]) {
        m_nameColors[nameId] = sliceColor(m_data.name(nameId));
        m_mergedColors[nameId] = mergedColor(m_nameColors[nameId]).rgb();
        m_haveColor[nameId] = true;
    }
    return m_nameColors[nameId];
}

void TrackPainter::paintSlices(QPainter &p, int track, const QRect &area, const QRect &clip,
                               const TimeMapping &map, const model::SliceRef *selected)
{
    const model::TimelineTrack &t = m_data.tracks()[size_t(track)];
    const double nsPerPx = map.nsPerPixel();
    // One pixel of time: anything shorter is folded with its neighbours into one mark.
    const int64_t mergeNs = std::max<int64_t>(1, int64_t(std::ceil(nsPerPx)));
    const int64_t t0 = map.t0 - mergeNs;
    const int64_t t1 = map.t1 + mergeNs;
    const QFontMetrics fm(p.font());
    m_lastRects = 0;

    struct Label
    {
        QRect rect;
        uint32_t name;
    };
    std::vector<Label> labels;
    QRect selectedRect;
    const int lineWidth = std::max(1, area.width());
    m_line.resize(size_t(lineWidth));

    for (size_t depth = 0; depth < t.depths.size(); ++depth) {
        const int y =
            area.top() + TimelineRows::kTrackPadding + int(depth) * TimelineRows::kDepthHeight;
        if (y > clip.bottom() || y + TimelineRows::kDepthHeight < clip.top())
            continue;
        const auto blocks = m_data.visibleBlocks(track, int(depth), t0, t1, mergeNs);
        if (blocks.empty())
            continue;
        const auto &slices = t.depths[depth];
        // One line of pixel colours per depth, drawn as one image stretched to the row's
        // height: a whole-trace frame costs one image per row, not one rectangle per block.
        std::fill(m_line.begin(), m_line.end(), 0u);
        for (const model::TimelineBlock &b : blocks) {
            const double fx0 = std::max(map.x(b.start), double(area.left()) - 2);
            const double fx1 = std::min(map.x(b.end), double(area.right()) + 2);
            const int x0 = int(std::floor(fx0));
            const int x1 =
                std::max(int(std::ceil(fx1)), x0 + 1); // a sub-pixel slice still leaves a mark
            const uint32_t nameId = slices[b.longest].name;
            const QRgb rgb = b.count > 1 ? mergedColorOfName(nameId) : colorOfName(nameId).rgb();
            const int from = std::max(x0 - area.left(), 0);
            const int to = std::min(x1 - area.left(), lineWidth);
            if (from < to)
                std::fill(m_line.begin() + from, m_line.begin() + to, rgb);
            ++m_lastRects;
            const QRect r(x0, y, x1 - x0, TimelineRows::kDepthHeight - 1);
            if (b.count == 1 && x1 - x0 >= kMinLabelWidth)
                labels.push_back({r, nameId});
            if (selected && selected->track == track && selected->depth == int(depth) &&
                b.index <= selected->index && selected->index < b.index + b.count)
                selectedRect = r;
        }
        const QImage line(reinterpret_cast<const uchar *>(m_line.data()), lineWidth, 1,
                          QImage::Format_ARGB32_Premultiplied);
        p.drawImage(QRect(area.left(), y, lineWidth, TimelineRows::kDepthHeight - 1), line);
    }

    for (const Label &l : labels) {
        const QRect inner = l.rect.adjusted(kLabelPadding, 0, -kLabelPadding, 0)
                                .intersected(area.adjusted(kLabelPadding, 0, -kLabelPadding, 0));
        if (inner.width() < kMinLabelWidth - 2 * kLabelPadding)
            continue;
        const QString text = fm.elidedText(m_data.name(l.name), Qt::ElideRight, inner.width());
        if (text.isEmpty() || text == QStringLiteral("…"))
            continue;
        p.setPen(textColorOn(colorOfName(l.name)));
        p.drawText(inner, Qt::AlignVCenter | Qt::AlignLeft, text);
    }
    if (!selectedRect.isNull()) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(QColor(20, 20, 20), 2));
        p.drawRect(selectedRect.adjusted(0, 0, 0, 0));
    }
}

void TrackPainter::paintCounter(QPainter &p, int track, const QRect &area, const TimeMapping &map,
                                double hoverX)
{
    const model::TimelineTrack &t = m_data.tracks()[size_t(track)];
    if (t.counterTs.empty())
        return;
    const double lo = std::min(0.0, t.counterMin);
    const double hi = std::max(t.counterMax, lo + 1e-9);
    const int top = area.top() + 4;
    const int bottom = area.bottom() - 2;
    auto yOf = [&](double v) { return bottom - (v - lo) / (hi - lo) * double(bottom - top); };

    const QColor fill = sliceColor(t.name).lighter(115);
    const QColor line = fill.darker(160);
    QPainterPath area0;
    QPainterPath envelope;
    area0.moveTo(area.left(), bottom);
    const int x0 = std::max(area.left(), int(std::floor(map.x(t.counterTs.front()))));
    for (int x = x0; x <= area.right(); ++x) {
        double a = 0, b = 0;
        if (!m_data.counterRange(track, map.time(x), map.time(x + 1), &a, &b))
            continue;
        if (area0.elementCount() == 1)
            area0.lineTo(x, bottom);
        area0.lineTo(x, yOf(b));
        area0.lineTo(x + 1, yOf(b));
        if (b > a) { // more than one value inside this column: show the whole spread
            envelope.moveTo(x + 0.5, yOf(a));
            envelope.lineTo(x + 0.5, yOf(b));
        }
    }
    area0.lineTo(area.right() + 1, bottom);
    area0.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawPath(area0);
    p.setPen(QPen(line, 1));
    p.setBrush(Qt::NoBrush);
    p.drawPath(envelope);

    const bool bytes = isBytesSeries(t.name);
    p.setPen(QColor(90, 90, 90));
    p.drawText(area.adjusted(4, 1, -4, 0), Qt::AlignTop | Qt::AlignRight,
               QCoreApplication::translate("TrackPainter", "max %1")
                   .arg(formatCounterValue(t.counterMax, bytes)));
    if (hoverX >= area.left() && hoverX <= area.right()) {
        double a = 0, b = 0;
        const int64_t at = map.time(hoverX);
        if (m_data.counterRange(track, at, at + 1, &a, &b)) {
            const QString text = formatCounterValue(a, bytes);
            const QFontMetrics fm(p.font());
            QRect box(int(hoverX) + 6, area.top() + 4, fm.horizontalAdvance(text) + 8,
                      fm.height() + 2);
            if (box.right() > area.right())
                box.moveRight(int(hoverX) - 6);
            p.setPen(QColor(40, 40, 40));
            p.drawLine(QPointF(hoverX, area.top()), QPointF(hoverX, area.bottom()));
            p.setBrush(QColor(255, 255, 255, 230));
            p.drawRect(box);
            p.drawText(box, Qt::AlignCenter, text);
        }
    }
}

} // namespace ts::views

#include "segmentmap.h"

#include "allocatorstateview.h"
#include "blockstyle.h"
#include "memory/memorytimeline.h"
#include "timeline/trackpainter.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ts::views {

namespace {

constexpr int kMargin = 8;
constexpr int kLabelHeight = 13; // the size above a bar, where it fits
constexpr int kBarHeight = 20;
constexpr int kRowGap = 6;
constexpr int kRowPitch = kLabelHeight + kBarHeight + kRowGap;
constexpr int kBarGap = 3;
constexpr double kZoomStep = 1.25;

using model::AllocatorBlock;
using model::AllocatorBlockState;
using model::AllocatorSegment;

QString bytes(uint64_t b)
{
    return formatCounterValue(double(b), true);
}

QString hex(uint64_t v)
{
    return QStringLiteral("0x%1").arg(v, 0, 16);
}

BlockFill fillOf(const AllocatorBlock &b)
{
    return b.state == AllocatorBlockState::Allocated     ? BlockFill::Allocated
           : b.state == AllocatorBlockState::PendingFree ? BlockFill::PendingFree
                                                         : BlockFill::Free;
}

// Packs the bars into rows of `width` px at rowBytes a row; calls place(segment, x, w, row)
// for each bar of w px; returns the number of rows.
template <typename Place>
int packRows(const std::vector<AllocatorSegment> &segments, double rowBytes, int width,
             Place &&place)
{
    int x = 0, row = 0;
    for (size_t i = 0; i < segments.size(); ++i) {
        const int w = std::max(SegmentMap::kMinBar,
                               int(std::lround(double(segments[i].size) / rowBytes * width)));
        if (x > 0 && x + w > width) {
            x = 0;
            ++row;
        }
        place(i, x, w, row);
        x += w + kBarGap;
    }
    return row + 1;
}

} // namespace

SegmentMap::SegmentMap(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("segmentMap"));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setMinimumHeight(2 * (kBarHeight + kRowGap));
}

void SegmentMap::setMoment(std::shared_ptr<const model::AllocatorMoment> moment,
                           const model::AllocatorState *state, int device)
{
    m_moment = std::move(moment);
    m_state = state;
    m_device = device;
    relayout();
    viewport()->update();
}

void SegmentMap::setPicked(int allocation, uint64_t address)
{
    m_picked = allocation;
    m_pickedAddress = address;
    viewport()->update();
}

void SegmentMap::setTouched(int allocation)
{
    m_touched = allocation;
    viewport()->update();
}

double SegmentMap::maxZoom() const
{
    return m_fitBytes / std::max(1.0, m_largest);
}

void SegmentMap::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, 1.0, std::max(1.0, maxZoom()));
    relayout();
    viewport()->update();
}

void SegmentMap::relayout()
{
    m_bars.clear();
    m_contentHeight = 0;
    m_largest = 1;
    m_fitBytes = 1;
    if (m_moment && !m_moment->segments.empty()) {
        const std::vector<AllocatorSegment> &segments = m_moment->segments;
        const int width = std::max(60, viewport()->width() - 2 * kMargin);
        double total = 0;
        for (const AllocatorSegment &s : segments) {
            m_largest = std::max(m_largest, double(s.size));
            total += double(s.size);
        }
        // Zoom 1 fits the visible rows with the fewest bytes a row that does (bars as wide as
        // they can be); where even the densest packing cannot fit, the densest it is.
        const int visibleRows = std::max(1, (viewport()->height() - 2 * kMargin) / kRowPitch);
        auto rows = [&](double rowBytes) {
            return packRows(segments, rowBytes, width, [](size_t, int, int, int) {});
        };
        double lo = m_largest, hi = std::max(m_largest, total);
        if (rows(lo) <= visibleRows) {
            hi = lo;
        } else if (rows(hi) <= visibleRows) {
            for (int i = 0; i < 30 && hi > lo * 1.01; ++i) {
                const double mid = std::sqrt(lo * hi);
                (rows(mid) <= visibleRows ? hi : lo) = mid;
            }
        }
        m_fitBytes = hi;
        m_zoom = std::clamp(m_zoom, 1.0, std::max(1.0, maxZoom()));
        const double rowBytes = std::max(m_largest, m_fitBytes / m_zoom);
        m_bars.resize(segments.size());
        const int rowCount =
            packRows(segments, rowBytes, width, [&](size_t i, int x, int w, int row) {
                m_bars[i] =
                    QRect(kMargin + x, kMargin + kLabelHeight + row * kRowPitch, w, kBarHeight);
            });
        m_contentHeight = 2 * kMargin + rowCount * kRowPitch - kRowGap;
    }
    QScrollBar *bar = verticalScrollBar();
    bar->setRange(0, std::max(0, m_contentHeight - viewport()->height()));
    bar->setPageStep(viewport()->height());
    bar->setSingleStep(kBarHeight + kRowGap);
}

QRect SegmentMap::barAt(size_t segment) const
{
    return m_bars[segment].translated(0, -verticalScrollBar()->value());
}

void SegmentMap::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

bool SegmentMap::isPicked(const AllocatorBlock &b) const
{
    if (!b.isActive())
        return false;
    return m_picked >= 0 ? b.allocation == m_picked
                         : m_picked == -1 && m_pickedAddress != 0 && b.allocation < 0 &&
                               b.address == m_pickedAddress;
}

void SegmentMap::paintBar(QPainter &p, const QRect &r, const AllocatorSegment &s) const
{
    const bool unknown = s.flags & model::kSegmentUnknown;
    const double perByte = double(r.width()) / double(std::max<uint64_t>(s.size, 1));
    const double right = r.left() + r.width();
    if (!unknown)
        paintBlockFill(p, r, BlockFill::Free);

    // Sub-pixel blocks gather into the column they start in; drawn when the column changes.
    std::array<double, kBlockFills> column{};
    int columnX = INT_MIN;
    auto flush = [&] {
        if (columnX != INT_MIN)
            p.fillRect(QRect(columnX, r.top(), 1, r.height()), mixedFill(column));
        column = {};
        columnX = INT_MIN;
    };
    std::vector<QRectF> outlined, touched;
    std::vector<double> separators; // where a block wide enough to tell apart begins
    for (const AllocatorBlock &b : s.blocks) {
        const double x0 = r.left() + double(b.address - s.address) * perByte;
        const double x1 = std::min(right, x0 + double(b.size) * perByte);
        const BlockFill fill = fillOf(b);
        const uint64_t used = b.isActive() ? std::min(b.requestedSize, b.size) : b.size;
        if (x1 - x0 >= 1.0) {
            flush();
            if (x1 - x0 >= 4.0 && x0 > r.left() + 1)
                separators.push_back(x0);
            if (b.isActive()) {
                const double xr = x0 + double(used) * perByte;
                paintBlockFill(p, QRectF(x0, r.top(), xr - x0, r.height()), fill);
                if (x1 - xr >= 0.5)
                    paintBlockFill(p, QRectF(xr, r.top(), x1 - xr, r.height()), BlockFill::Waste);
            } else if (unknown) {
                paintBlockFill(p, QRectF(x0, r.top(), x1 - x0, r.height()), fill);
            }
        } else {
            const int x = int(std::floor(x0));
            if (x != columnX) {
                flush();
                columnX = x;
            }
            column[size_t(fill)] += double(used);
            column[size_t(BlockFill::Waste)] += double(b.size - used);
        }
        // Outlines at least 3 px wide, so a picked sliver still shows.
        if (isPicked(b) || (m_touched >= 0 && b.allocation == m_touched && b.isActive())) {
            const double w = std::max(3.0, x1 - x0);
            (isPicked(b) ? outlined : touched)
                .push_back(QRectF(x0 - (w - (x1 - x0)) / 2, r.top() - 2, w, r.height() + 4));
        }
    }
    flush();

    QColor line = palette().color(QPalette::Base);
    line.setAlphaF(0.8f);
    p.setPen(line);
    for (double x : separators)
        p.drawLine(QPointF(x, r.top() + 1), QPointF(x, r.bottom()));

    QColor edge = palette().color(QPalette::Text);
    edge.setAlphaF(unknown ? 0.9f : 0.45f);
    p.setPen(QPen(edge, 1, unknown ? Qt::DashLine : Qt::SolidLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r.adjusted(0, 0, -1, -1));
    p.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
    for (const QRectF &t : touched)
        p.drawRect(t);
    p.setPen(QPen(palette().color(QPalette::Text), 2)); // the most contrast on any palette
    for (const QRectF &o : outlined)
        p.drawRect(o);
}

void SegmentMap::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    if (!m_moment || m_moment->segments.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect(), Qt::AlignCenter,
                   m_moment ? tr("No segment is reserved at this moment.")
                            : tr("No allocator state to show."));
        return;
    }
    // Bars run top to bottom: start at the first whose row reaches the visible area.
    const int top = verticalScrollBar()->value(), bottom = top + viewport()->height();
    const auto first = std::lower_bound(m_bars.begin(), m_bars.end(), top,
                                        [](const QRect &r, int y) { return r.bottom() + 3 < y; });
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetrics fm(small);
    for (auto it = first; it != m_bars.end() && it->top() - kLabelHeight <= bottom; ++it) {
        const size_t i = size_t(it - m_bars.begin());
        const QRect r = barAt(i);
        const AllocatorSegment &s = m_moment->segments[i];
        paintBar(p, r, s);
        const QString label =
            (s.flags & model::kSegmentUnknown) ? tr("? %1").arg(bytes(s.size)) : bytes(s.size);
        if (fm.horizontalAdvance(label) + 2 <= r.width()) {
            p.setFont(small);
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(QRect(r.left(), r.top() - kLabelHeight, r.width(), kLabelHeight),
                       Qt::AlignLeft | Qt::AlignBottom, label);
        }
    }
}

SegmentMap::Hit SegmentMap::hitAt(const QPoint &pos) const
{
    Hit hit;
    if (!m_moment)
        return hit;
    const int y = pos.y() + verticalScrollBar()->value();
    auto it = std::lower_bound(m_bars.begin(), m_bars.end(), y,
                               [](const QRect &r, int v) { return r.bottom() < v; });
    for (; it != m_bars.end() && it->top() <= y; ++it) {
        if (pos.x() >= it->left() && pos.x() <= it->right())
            break;
    }
    if (it == m_bars.end() || it->top() > y)
        return hit;
    hit.segment = int(it - m_bars.begin());
    const AllocatorSegment &s = m_moment->segments[size_t(hit.segment)];
    if (s.blocks.empty())
        return hit;
    // The bytes under the pointer, give or take a pixel; of the blocks there, the largest active
    // one wins, so a sliver among free space can be hovered.
    const double perByte = double(it->width()) / double(std::max<uint64_t>(s.size, 1));
    auto addressAt = [&](double x) {
        const double offset = std::clamp((x - it->left()) / perByte, 0.0, double(s.size));
        return s.address + uint64_t(offset);
    };
    const uint64_t lo = addressAt(pos.x() - 1), hi = addressAt(pos.x() + 2);
    auto b =
        std::upper_bound(s.blocks.begin(), s.blocks.end(), lo,
                         [](uint64_t a, const AllocatorBlock &blk) { return a < blk.address; });
    if (b != s.blocks.begin())
        --b;
    const uint64_t exact = addressAt(pos.x() + 0.5);
    int first = -1, active = -1, under = -1;
    for (; b != s.blocks.end() && b->address < std::max(hi, lo + 1); ++b) {
        const int i = int(b - s.blocks.begin());
        if (first < 0)
            first = i;
        if (b->isActive()) {
            if (active < 0 || b->size > s.blocks[size_t(active)].size)
                active = i;
        } else if (b->address <= exact && exact - b->address < b->size) {
            under = i;
        }
    }
    hit.block = active >= 0 ? active : under >= 0 ? under : first;
    return hit;
}

std::optional<QPoint> SegmentMap::pointOf(uint64_t address) const
{
    if (!m_moment)
        return std::nullopt;
    for (size_t i = 0; i < m_moment->segments.size(); ++i) {
        const AllocatorSegment &s = m_moment->segments[i];
        if (address < s.address || address - s.address >= s.size)
            continue;
        const QRect r = barAt(i);
        const double x = r.left() + double(address - s.address) * r.width() / double(s.size);
        return QPoint(int(std::floor(x)), r.center().y());
    }
    return std::nullopt;
}

QString SegmentMap::blockText(const AllocatorSegment &s, const AllocatorBlock &b) const
{
    QStringList lines;
    if (!b.isActive()) {
        lines << tr("<b>Free</b> %1 at %2 — cached by the allocator, not returned to the device")
                     .arg(bytes(b.size), hex(b.address));
    } else {
        lines << tr("<b>%1</b> block of %2 at %3, stream %4")
                     .arg(b.state == AllocatorBlockState::Allocated ? tr("Allocated")
                                                                    : tr("Pending free"),
                          bytes(b.size), hex(b.address))
                     .arg(b.stream);
        if (b.flags & model::kBlockRequestedUnknown)
            lines << tr("requested size not recorded (PyTorch 2.0 dump): no waste claimed");
        else if (b.flags & model::kBlockSizeDerived)
            lines << tr("requested %1 · rounding waste ≥ %2 (derived: the block is not in the "
                        "dump, so its size is the allocator's 512-byte rounding of the request)")
                         .arg(bytes(b.requestedSize), bytes(b.waste()));
        else
            lines << tr("requested %1 · rounding waste %2 (exact, from the dump)")
                         .arg(bytes(b.requestedSize), bytes(b.waste()));
        if (b.state == AllocatorBlockState::PendingFree)
            lines << tr("freed by the program, waiting for work on another stream to finish");
        const model::MemoryTimeline *tl = m_state ? m_state->timeline() : nullptr;
        const auto *all = tl ? &tl->allocations(m_device) : nullptr;
        if (all && b.allocation >= 0 && size_t(b.allocation) < all->size()) {
            const model::MemoryAllocation &a = (*all)[size_t(b.allocation)];
            QStringList when;
            when << ((a.flags & model::kAllocBeforeTrace)
                         ? tr("allocated before the trace")
                         : tr("allocated at event %1").arg(a.allocSeq));
            if (a.flags & model::kAllocNeverFreed)
                when << tr("never freed in the trace");
            else if (a.flags & model::kAllocFreeRequestedOnly)
                when << tr("free requested at event %1, never completed").arg(a.freeRequestedSeq);
            else if (a.freeRequestedSeq < a.freeSeq)
                when << tr("free requested at event %1, completed at %2")
                            .arg(a.freeRequestedSeq)
                            .arg(a.freeSeq);
            else
                when << tr("freed at event %1").arg(a.freeSeq);
            lines << when.join(QStringLiteral(" · ")) + tr(" — click for its stack");
        } else {
            lines << tr("in the dump, allocated before the trace (no event names it) — click "
                        "for its stack");
        }
        if (b.flags & model::kBlockOverlaps)
            lines << tr("⚠ overlaps another block: the trace and the dump disagree");
        if (b.flags & model::kBlockPastSegment)
            lines << tr("⚠ runs past the end of its segment");
    }
    if (s.flags & model::kSegmentUnknown) {
        lines << tr("<i>Not a known segment:</i> blocks the trace places outside every segment "
                    "reserved at this moment");
    } else {
        QString seg = tr("segment %1, %2").arg(hex(s.address), bytes(s.size));
        if (s.flags & model::kSegmentExpandable)
            seg += tr(", expandable (mapped part)");
        seg += s.since < 0 ? tr(", reserved before the trace")
                           : tr(", reserved at event %1").arg(s.since);
        seg += tr(" · %1 free in it, largest %2").arg(bytes(s.freeBytes), bytes(s.largestFree));
        lines << seg;
    }
    return lines.join(QStringLiteral("<br>"));
}

QString SegmentMap::toolTipAt(const QPoint &pos) const
{
    const Hit hit = hitAt(pos);
    if (hit.segment < 0 || hit.block < 0)
        return QString();
    const AllocatorSegment &s = m_moment->segments[size_t(hit.segment)];
    return blockText(s, s.blocks[size_t(hit.block)]);
}

bool SegmentMap::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void SegmentMap::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    const Hit hit = hitAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || hit.block < 0)
        return;
    const AllocatorBlock &b = m_moment->segments[size_t(hit.segment)].blocks[size_t(hit.block)];
    if (!b.isActive())
        return;
    setPicked(b.allocation, b.address);
    emit blockClicked(b.allocation, b.stackId);
}

void SegmentMap::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    const double notches = event->angleDelta().y() / 120.0;
    setZoom(m_zoom * std::pow(kZoomStep, notches));
    event->accept();
}

void SegmentMap::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        setZoom(m_zoom * kZoomStep);
        return;
    case Qt::Key_Minus:
        setZoom(m_zoom / kZoomStep);
        return;
    default:
        if (isStepKey(event->key())) {
            event->ignore(); // AllocatorStateView steps
            return;
        }
        QAbstractScrollArea::keyPressEvent(event);
    }
}

} // namespace ts::views

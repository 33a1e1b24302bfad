#pragma once
// How the allocator-state picture looks: one fixed fill per kind of byte (allocated, pending
// free, free, rounding waste — hatched), the same in a dark or a light palette, so a colour
// means one thing everywhere; the legend that names them. Text and outlines take the palette's.

#include <QWidget>

#include <array>

namespace ts::views {

enum class BlockFill { Allocated = 0, PendingFree, Free, Waste };
inline constexpr int kBlockFills = 4;

QColor blockFillColor(BlockFill fill);
// Fills r as `fill` looks (waste: its colour, hatched).
void paintBlockFill(QPainter &p, const QRectF &r, BlockFill fill);
// One colour for a pixel column holding several kinds: their fills mixed by bytes.
QColor mixedFill(const std::array<double, kBlockFills> &bytes);

// A row of swatches with their names.
class AllocatorLegend : public QWidget
{
    Q_OBJECT
public:
    explicit AllocatorLegend(QWidget *parent = nullptr);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QStringList labels() const;
};

} // namespace ts::views

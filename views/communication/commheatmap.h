#pragma once
// The rank × rank communication matrix as a heat map: a row per sending rank, a column per
// receiving rank, each cell coloured by the chosen metric (bandwidth, size or time) from light
// (least) to dark (most), its value written where it fits; hovering a cell tells its link type,
// size, time and bandwidth. Paints only what it is given (CommunicationStats::matrixOf).

#include "communication/commstats.h"

#include <QWidget>

namespace ts::views {

class CommHeatMap : public QWidget
{
    Q_OBJECT
public:
    enum class Metric { Bandwidth, Size, Time };

    explicit CommHeatMap(QWidget *parent = nullptr);
    void setCells(QList<model::CommMatrixCell> cells);
    void setMetric(Metric metric);
    Metric metric() const { return m_metric; }
    const QList<int> &ranks() const { return m_ranks; }
    // The value a cell is coloured by (NaN for an empty cell), in the metric's display unit.
    double valueAt(int src, int dst) const;

    QSize sizeHint() const override { return {420, 360}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Cell
    {
        double size = 0, time = 0; // bytes, ns (summed over link types)
        QStringList transports;
        bool present = false;
    };
    QRectF gridRect() const;
    double metricOf(const Cell &c) const;
    const Cell *cellAt(QPoint pos, int *src, int *dst) const;

    QList<int> m_ranks;
    QHash<QPair<int, int>, Cell> m_cells;
    Metric m_metric = Metric::Bandwidth;
};

} // namespace ts::views

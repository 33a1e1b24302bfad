#pragma once
// The allocated / reserved curves of one device over the whole trace: allocated as a filled
// min/max envelope per pixel column (MemoryTimeline::envelope, so no peak is lost at any width),
// reserved as a line above it. Hovering shows both totals; clicking picks that moment (signal).

#include "memory/memorytimeline.h"

#include <QWidget>

#include <optional>

namespace ts::views {

class MemoryChart : public QWidget
{
    Q_OBJECT
public:
    explicit MemoryChart(QWidget *parent = nullptr);
    void setSeries(const model::MemoryTimeline *timeline, int device, model::MemoryAxis axis);
    void setMoment(std::optional<int64_t> x);
    int64_t xAt(int pixel) const;
    int pixelOf(int64_t x) const;

signals:
    void momentPicked(int64_t x);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    QRect plotRect() const;

    const model::MemoryTimeline *m_timeline = nullptr;
    int m_device = 0;
    model::MemoryAxis m_axis = model::MemoryAxis::Time;
    std::optional<int64_t> m_moment;
    std::optional<int> m_hoverX;
};

} // namespace ts::views

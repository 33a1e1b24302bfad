#pragma once
// A thin bar over the whole trace: how busy each moment is (how many tracks have a slice there)
// and a frame around the visible window. Click or drag on it to move the window there. The
// density is computed once per width, through the same level-of-detail query the canvas uses.

#include <QWidget>

#include <memory>
#include <vector>

namespace ts::model {
class TimelineData;
}

namespace ts::views {

class TimelineViewport;

class OverviewStrip : public QWidget
{
    Q_OBJECT
public:
    OverviewStrip(TimelineViewport *viewport, int leftMargin, QWidget *parent = nullptr);
    void setData(std::shared_ptr<const model::TimelineData> data);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void computeDensity();
    void moveWindowTo(double x);

    TimelineViewport *m_viewport;
    int m_left;
    std::shared_ptr<const model::TimelineData> m_data;
    std::vector<float> m_density; // per pixel column, 0..1
};

} // namespace ts::views

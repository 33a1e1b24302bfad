#pragma once
// The Summary chart: per step a stacked bar per rank, side by side — computing (not overlapped),
// overlapped, communication not overlapped and free, which add up to the step time. One rank
// can be chosen instead of all.

#include "summary/stepsummary.h"

#include <QWidget>

namespace ts::views {

class StepChart : public QWidget
{
    Q_OBJECT
public:
    explicit StepChart(QWidget *parent = nullptr);
    void setSummary(const model::StepSummary *summary); // not owned; null: nothing
    void setRank(int rank);                             // -1: every rank
    QSize sizeHint() const override { return {800, 260}; }
    QSize minimumSizeHint() const override { return {300, 180}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    const model::StepSummary *m_summary = nullptr;
    int m_rank = -1;
};

} // namespace ts::views

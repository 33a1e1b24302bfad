#pragma once
// The top rows of the Operators table as horizontal bars (total time, self time darker inside
// it), in the table's current order and filter, so the chart always shows what the table does.

#include <QWidget>

class QAbstractItemModel;

namespace ts::views {

class OperatorBarChart : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kBars = 12;
    explicit OperatorBarChart(QAbstractItemModel *rows, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {360, 300}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QAbstractItemModel *m_rows;
};

} // namespace ts::views

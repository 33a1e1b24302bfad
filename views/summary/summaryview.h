#pragma once
// The Summary tab of an opened input: per step and rank where the time went (computing,
// communication overlapped and not, free), as a stacked bar chart and a table that sorts,
// filters, copies (Ctrl+C) and exports CSV in the `--stats summary` format; the selected row's
// top kernels below it. A double click asks for the step on the timeline (stepRequested: the
// document decides).
//
// Computed in a worker from the timeline's loaded data and a read of the caches (ranks, Ascend
// step_time rows, annotations); a newer request cancels an older one, whose answer is dropped.

#include "summary/stepsummary.h"
#include "timeline/timelinedata.h"

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;

namespace ts::views {

class StepChart;
class StepTableModel;

class SummaryView : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryView(QWidget *parent = nullptr);
    ~SummaryView() override;

    // The timeline's data, once loaded, and the rank titles its caches were loaded with.
    void setData(std::shared_ptr<const model::TimelineData> data, const QStringList &groupTitles);
    bool isReady() const { return m_ready && !m_pending; }
    const model::StepSummary &summary() const;
    StepTableModel *tableModel() const { return m_model; }
    QSortFilterProxyModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QTableWidget *kernelTable() const { return m_kernels; }
    QComboBox *rankBox() const { return m_rankBox; }
    QByteArray visibleCsv() const;

signals:
    void computed(); // a new summary is shown
    void stepRequested(int64_t start, int64_t end, const model::SliceRef &stepSlice);
    void kernelRequested(const model::SliceRef &kernel);

private:
    void onComputed();
    void onActivated(const QModelIndex &index);
    void showKernelsOf(const QModelIndex &index);
    void applyRank();

    std::shared_ptr<const model::TimelineData> m_data;
    bool m_ready = false, m_pending = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFutureWatcher<model::StepSummary> m_watcher;

    StepTableModel *m_model;
    QSortFilterProxyModel *m_filter;
    StepChart *m_chart;
    QTableView *m_table;
    QTableWidget *m_kernels;
    QLineEdit *m_filterField;
    QComboBox *m_rankBox;
    QLabel *m_status;
};

} // namespace ts::views

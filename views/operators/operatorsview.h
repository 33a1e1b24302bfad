#pragma once
// The Operators tab of an opened input: where the time went, per slice name (count, total,
// self, mean, min, max, share), CPU operators and device kernels apart; over the whole input or
// the timeline's Shift-drag range. Sortable, filterable by name and side, copied (Ctrl+C) and
// exported as CSV in the `--stats operators` format; a double click asks for the row's longest
// slice on the timeline (jumpRequested: the document decides).
//
// The figures are computed in a worker over the timeline's loaded data (no cache read); a newer
// request cancels an older one, whose answer is then dropped.

#include "ascend/kerneldetails.h"
#include "timeline/operatorstats.h"
#include "timeline/timelinedata.h"

#include <QFutureWatcher>
#include <QModelIndexList>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace ts::views {

class OperatorBarChart;
class OperatorFilterModel;
class OperatorTableModel;

class OperatorsView : public QWidget
{
    Q_OBJECT
public:
    enum Scope { WholeInput, TimelineRange };

    explicit OperatorsView(QWidget *parent = nullptr);
    ~OperatorsView() override;

    // The timeline's data, once loaded (null: nothing to show). Starts the computation.
    void setData(std::shared_ptr<const model::TimelineData> data);
    // The timeline's Shift-drag range; recomputes when the table shows the range.
    void setRange(int64_t start, int64_t end);
    void setScope(Scope scope);
    Scope scope() const;
    // One row per slice name, per category, or per name and input shapes (the last two read
    // from the caches on first use).
    enum Grouping { ByName, ByCategory, ByNameAndShapes };
    void setGrouping(Grouping grouping);

    // Computed at least once since setData() and nothing pending.
    bool isReady() const { return m_ready && !m_pending; }
    OperatorTableModel *tableModel() const { return m_model; }
    OperatorFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterField() const { return m_filterField; }
    QComboBox *sideBox() const { return m_sideBox; }
    // The rows shown (filtered, in their shown order), or the selected ones, as CSV.
    QByteArray visibleCsv() const;
    QByteArray selectedCsv() const;
    bool exportCsv(const QString &file, QString *error) const;

signals:
    void jumpRequested(const model::SliceRef &slice);
    void computed();            // a new table is shown
    void kernelDetailsLoaded(); // Ascend's kernel columns are in the table (or known absent)

private:
    void recompute();
    void onComputed();
    void onActivated(const QModelIndex &index);
    void copySelection() const;
    void exportWithDialog();
    void updateStatus();
    QVector<model::OperatorStats> rowsOf(bool selectedOnly) const;

    std::shared_ptr<const model::TimelineData> m_data;
    int64_t m_rangeStart = 0, m_rangeEnd = 0;
    bool m_ready = false;
    bool m_pending = false; // a computation was started and its answer not yet shown
    std::shared_ptr<std::atomic<bool>> m_cancel;
    // Groups (per grouping), once a computation has read them (never touched by two workers:
    // each request that needs them reads its own copy until one is kept here).
    std::shared_ptr<const model::SliceGroups> m_groups[3];
    std::shared_ptr<model::SliceGroups> m_pendingGroups;
    QFutureWatcher<QVector<model::OperatorStats>> m_watcher;
    QFutureWatcher<std::shared_ptr<const model::KernelDetails>> m_kernelWatcher;
    std::shared_ptr<std::atomic<bool>> m_kernelCancel;

    OperatorTableModel *m_model;
    OperatorFilterModel *m_filter;
    QTableView *m_table;
    QLineEdit *m_filterField;
    QComboBox *m_sideBox;
    QComboBox *m_scopeBox;
    QComboBox *m_groupBox;
    QLabel *m_status;
    OperatorBarChart *m_chart;
};

} // namespace ts::views

#pragma once
// The Events tab of an msMemScope dump's Memory view: every row of the dumps in a table
// (model/memscope/memscopeeventmodel.h), filtered by text and by event kind in a worker — a
// newer filter cancels an older one — with the number shown. Picking a row says which event it
// is; the Memory view selects that event's block in the charts, and asks back for a block's
// MALLOC row with selectEvent().

#include "memscope/memscopeeventmodel.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace ts::views {

class MemScopeEventsView : public QWidget
{
    Q_OBJECT
public:
    explicit MemScopeEventsView(QWidget *parent = nullptr);
    ~MemScopeEventsView() override;

    // Lists the caches' rows; false with *error when one cannot be read.
    bool setSources(const QStringList &caches, QString *error);
    // Filters now (the text box waits for typing to pause); the rows arrive when
    // isFiltering() turns false.
    void setFilter(const QString &text, int kind);
    bool isFiltering() const { return m_filtering; }
    // Selects and shows the event's row, without emitting eventSelected; false when the event
    // is filtered out.
    bool selectEvent(const model::MemScopeEventRef &ref);

    model::MemScopeEventModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterText() const { return m_text; }
    QComboBox *kindFilter() const { return m_kind; }

signals:
    void eventSelected(const ts::model::MemScopeEventRef &ref);
    void filtered();

private:
    struct Filtered
    {
        quint64 generation = 0;
        bool ok = false;
        std::optional<std::vector<uint32_t>> rows;
        QString error;
    };
    void startFilter();
    void onFiltered();
    void updateCount();

    model::MemScopeEventModel *m_model;
    QLineEdit *m_text;
    QComboBox *m_kind;
    QLabel *m_count;
    QTableView *m_table;
    QTimer *m_typing;
    QFutureWatcher<Filtered> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    bool m_filtering = false;
    bool m_pending = false; // a newer filter waits for the running one to stop
    bool m_quiet = false;   // selecting on request: no eventSelected
};

} // namespace ts::views

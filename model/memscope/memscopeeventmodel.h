#pragma once
// The Events table of msMemScope dumps: one row per dump row (memscope_event), all of them or
// those a filter kept. Rows are read from the caches a page at a time as they are drawn
// (MemScopeEventReader; the last few pages are kept), so ten million events cost what the
// screen shows. Filtering runs in a worker (filterMemScopeEvents) and arrives as setRows().

#include "memscope/memscopeevents.h"

#include <QAbstractTableModel>

#include <list>
#include <optional>

namespace ts::model {

class MemScopeEventModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Id,
        Event,
        Type,
        Device,
        Process,
        Thread,
        Timestamp,
        Ptr,
        Size,
        Name,
        Owner,
        ColumnCount
    };

    explicit MemScopeEventModel(QObject *parent = nullptr);
    ~MemScopeEventModel() override;

    // Opens the caches (read-only) and lists all their rows. False with *error.
    bool setSources(const QStringList &caches, QString *error);
    const QStringList &sources() const { return m_caches; }
    // The filtered rows (global rows, ascending); none: every row.
    void setRows(std::optional<std::vector<uint32_t>> rows);
    int64_t totalCount() const { return m_reader.count(); }

    MemScopeEventRef refAt(int row) const;
    // The table row of an event; -1 when it is filtered out or unknown.
    int rowOf(const MemScopeEventRef &ref) const;
    // The row as read (for tests and the view's details); nullopt when unreadable.
    std::optional<MemScopeEventRow> eventAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The kinds a filter can name (rec::MemScopeKind), as the dumps write them.
    static QString kindName(int kind);

private:
    static constexpr int kPageRows = 256;
    static constexpr size_t kPagesKept = 16;
    struct Page
    {
        int first = 0;
        std::vector<MemScopeEventRow> rows;
    };
    int64_t globalRow(int row) const;
    const MemScopeEventRow *rowAt(int row) const;
    QString cellText(const MemScopeEventRow &e, int column) const;

    QStringList m_caches;
    // Reading is logically const: data() fills the page cache.
    mutable MemScopeEventReader m_reader;
    mutable std::list<Page> m_pages; // most recently used first
    std::optional<std::vector<uint32_t>> m_rows;
};

} // namespace ts::model

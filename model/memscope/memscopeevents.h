#pragma once
// The raw rows of the msMemScope dumps of one or more caches (memscope_event), for the Events
// table: read a few at a time by their place in the list, never all at once, and filtered in a
// worker into a list of places. A row's place ("global row") is its cache's offset plus its
// memscope_event.id - 1: ids are the file's row order, 1 to N without gaps, as the writer
// inserts them.
//
// MemScopeEventReader keeps one read-only connection per cache and belongs to one thread.

#include "cache/sqlite.h"
#include "memscope/stringlookup.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace ts::model {

// An event by cache (its index in the list of caches) and memscope_event.id.
struct MemScopeEventRef
{
    int source = -1;
    int64_t id = 0;
    bool operator==(const MemScopeEventRef &o) const = default;
};

struct MemScopeEventRow
{
    MemScopeEventRef ref;
    int64_t rowId = -1; // the file's ID column, -1 when N/A
    int kind = 0;       // rec::MemScopeKind
    QString event, type, name, owner;
    int64_t ts = 0;                  // ns
    std::optional<int64_t> pid, tid; // none: N/A
    std::optional<int32_t> device;   // NPU index, rec::kMemScopeHost; none: N/A
    std::optional<uint64_t> ptr;     // none: N/A
    std::optional<int64_t> size;     // bytes as written; none: absent
};

// What the table shows: rows whose event, event type, name or owner contains `text` (case
// folded), or whose Ptr is `text` read as a 0x address; of one kind, or all (-1).
struct MemScopeEventFilter
{
    QString text;
    int kind = -1;
    bool isEmpty() const { return text.trimmed().isEmpty() && kind < 0; }
};

class MemScopeEventReader
{
public:
    MemScopeEventReader();
    ~MemScopeEventReader();
    MemScopeEventReader(const MemScopeEventReader &) = delete;
    MemScopeEventReader &operator=(const MemScopeEventReader &) = delete;

    // Opens every cache read-only; a cache without msMemScope rows contributes none. False with
    // *error when one cannot be opened.
    bool open(const QStringList &caches, QString *error);
    int64_t count() const { return m_offsets.empty() ? 0 : m_offsets.back(); }
    MemScopeEventRef refAt(int64_t row) const;
    // -1 when the event is not one of these caches' rows.
    int64_t rowOf(const MemScopeEventRef &ref) const;
    // One row; false when it cannot be read (the cache changed under us).
    bool read(int64_t row, MemScopeEventRow *out);

private:
    struct Source;
    std::vector<std::unique_ptr<Source>> m_sources;
    std::vector<int64_t> m_offsets; // by source: its first global row; back(): the total
};

// The global rows (as MemScopeEventReader numbers them) that pass `filter`, in order. For a
// worker thread: it opens its own connections and stops, returning false with no error, when
// *cancel becomes true. False with *error when a cache cannot be read.
bool filterMemScopeEvents(const QStringList &caches, const MemScopeEventFilter &filter,
                          const std::atomic<bool> *cancel, std::vector<uint32_t> *out,
                          QString *error);

} // namespace ts::model

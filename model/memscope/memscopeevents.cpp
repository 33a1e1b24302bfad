#include "memscopeevents.h"

#include "memscope/memscopememory.h"

#include <QHash>

#include <algorithm>

namespace ts::model {

namespace {

constexpr const char *kRowSql =
    "SELECT row_id, kind, event_id, type_id, name_id, ts, pid, tid, device, ptr, size, owner_id "
    "FROM memscope_event WHERE id = ?1";

// How many rows a cache holds (ids run 1..N); 0 without msMemScope rows.
int64_t eventCount(const Database &db)
{
    if (!hasMemScopeData(db))
        return 0;
    Statement q(db, "SELECT max(id) FROM memscope_event");
    return q.ok() && q.step() ? q.int64(0) : 0;
}

template <typename T> std::optional<T> optionalAt(const Statement &q, int col)
{
    return q.isNull(col) ? std::nullopt : std::optional<T>(T(q.int64(col)));
}

} // namespace

struct MemScopeEventReader::Source
{
    Database db;
    std::unique_ptr<Statement> row;
    std::unique_ptr<StringLookup> text;
};

MemScopeEventReader::MemScopeEventReader() = default;
MemScopeEventReader::~MemScopeEventReader() = default;

bool MemScopeEventReader::open(const QStringList &caches, QString *error)
{
    m_sources.clear();
    m_offsets.assign(1, 0);
    for (const QString &path : caches) {
        auto s = std::make_unique<Source>();
        if (!s->db.openReadOnly(path, error))
            return false;
        const int64_t n = eventCount(s->db);
        if (n > 0) {
            s->row = std::make_unique<Statement>(s->db, kRowSql);
            s->text = std::make_unique<StringLookup>(s->db);
            if (!s->row->ok()) {
                *error = s->db.lastError();
                return false;
            }
        }
        m_offsets.push_back(m_offsets.back() + n);
        m_sources.push_back(std::move(s));
    }
    return true;
}

MemScopeEventRef MemScopeEventReader::refAt(int64_t row) const
{
    if (row < 0 || row >= count())
        return {};
    // The last source whose first row is at or before `row`.
    const auto it = std::upper_bound(m_offsets.begin(), m_offsets.end() - 1, row);
    const int source = int(it - m_offsets.begin()) - 1;
    return {source, row - m_offsets[size_t(source)] + 1};
}

int64_t MemScopeEventReader::rowOf(const MemScopeEventRef &ref) const
{
    if (ref.source < 0 || size_t(ref.source) + 1 >= m_offsets.size())
        return -1;
    const int64_t row = m_offsets[size_t(ref.source)] + ref.id - 1;
    return ref.id >= 1 && row < m_offsets[size_t(ref.source) + 1] ? row : -1;
}

bool MemScopeEventReader::read(int64_t row, MemScopeEventRow *out)
{
    const MemScopeEventRef ref = refAt(row);
    if (ref.source < 0)
        return false;
    Source &s = *m_sources[size_t(ref.source)];
    Statement &q = *s.row;
    q.bind(1, ref.id);
    const bool found = q.step();
    if (found) {
        StringLookup &text = *s.text;
        out->ref = ref;
        out->rowId = q.isNull(0) ? -1 : q.int64(0);
        out->kind = int(q.int64(1));
        out->event = text(q.int64(2));
        out->type = text(q.int64(3));
        out->name = text(q.int64(4));
        out->ts = q.int64(5);
        out->pid = optionalAt<int64_t>(q, 6);
        out->tid = optionalAt<int64_t>(q, 7);
        out->device = optionalAt<int32_t>(q, 8);
        out->ptr = optionalAt<uint64_t>(q, 9);
        out->size = optionalAt<int64_t>(q, 10);
        out->owner = text(q.int64(11));
    }
    q.reset();
    return found;
}

bool filterMemScopeEvents(const QStringList &caches, const MemScopeEventFilter &filter,
                          const std::atomic<bool> *cancel, std::vector<uint32_t> *out,
                          QString *error)
{
    out->clear();
    const QString needle = filter.text.trimmed();
    bool isAddress = false;
    const uint64_t address = needle.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)
                                 ? needle.toULongLong(&isAddress, 16)
                                 : 0;
    int64_t offset = 0;
    for (const QString &path : caches) {
        Database db;
        if (!db.openReadOnly(path, error))
            return false;
        const int64_t n = eventCount(db);
        if (n == 0)
            continue;
        Statement q(db, filter.kind < 0 ? "SELECT id, event_id, type_id, name_id, owner_id, ptr "
                                          "FROM memscope_event ORDER BY id"
                                        : "SELECT id, event_id, type_id, name_id, owner_id, ptr "
                                          "FROM memscope_event WHERE kind = ?1 ORDER BY id");
        if (!q.ok()) {
            *error = db.lastError();
            return false;
        }
        if (filter.kind >= 0)
            q.bind(1, int64_t(filter.kind));
        // A dump has few distinct names: each string is tested once.
        StringLookup text(db);
        QHash<int64_t, bool> matches;
        const auto match = [&](int64_t id) {
            if (id <= 0)
                return false;
            const auto it = matches.constFind(id);
            if (it != matches.cend())
                return *it;
            const bool m = text(id).contains(needle, Qt::CaseInsensitive);
            matches.insert(id, m);
            return m;
        };
        for (int64_t i = 0; q.step(); ++i) {
            if ((i & 0xffff) == 0 && cancel && cancel->load(std::memory_order_relaxed))
                return false;
            const bool pass = needle.isEmpty() || match(q.int64(1)) || match(q.int64(2)) ||
                              match(q.int64(3)) || match(q.int64(4)) ||
                              (isAddress && !q.isNull(5) && uint64_t(q.int64(5)) == address);
            if (pass)
                out->push_back(uint32_t(offset + q.int64(0) - 1));
        }
        offset += n;
    }
    return true;
}

} // namespace ts::model

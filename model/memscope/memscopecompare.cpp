#include "memscopecompare.h"

#include "cache/sqlite.h"
#include "memscope/memscopememory.h"
#include "memscope/stringlookup.h"
#include "timeline/operatorcsv.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace ts::model {

namespace {

struct Change
{
    int64_t ts;
    int64_t bytes; // + at the MALLOC, − at the FREE
    int group;
};

// The groups of one kind for one run, filled cache by cache and then swept in time order.
struct Groups
{
    QHash<QString, int> index;
    QVector<QPair<QString, MemScopeHolding>> holdings;
    std::vector<Change> changes;

    int of(const QString &key)
    {
        const auto it = index.constFind(key);
        if (it != index.cend())
            return *it;
        holdings.append({key, MemScopeHolding{}});
        return index[key] = int(holdings.size()) - 1;
    }
    // freeTs < 0: never freed.
    void add(const QString &key, int64_t allocTs, int64_t freeTs, int64_t bytes)
    {
        const int g = of(key);
        if (freeTs < 0) {
            holdings[g].second.endBytes += bytes;
            ++holdings[g].second.endBlocks;
        }
        changes.push_back({allocTs, bytes, g});
        if (freeTs >= 0)
            changes.push_back({freeTs, -bytes, g});
    }
    // Each group's highest total and the blocks live then; at one instant the FREEs go first,
    // so a block replaced at the same ns is not counted twice.
    void sweep()
    {
        std::sort(changes.begin(), changes.end(), [](const Change &a, const Change &b) {
            return a.ts != b.ts ? a.ts < b.ts : a.bytes < b.bytes;
        });
        std::vector<int64_t> bytes(size_t(holdings.size())), blocks(size_t(holdings.size()));
        for (const Change &c : changes) {
            bytes[size_t(c.group)] += c.bytes;
            blocks[size_t(c.group)] += c.bytes >= 0 ? 1 : -1;
            MemScopeHolding &h = holdings[c.group].second;
            if (bytes[size_t(c.group)] > h.peakBytes ||
                (h.peakBlocks == 0 && blocks[size_t(c.group)] > 0)) {
                h.peakBytes = bytes[size_t(c.group)];
                h.peakBlocks = blocks[size_t(c.group)];
            }
        }
        changes = {};
    }
};

QString stackKey(const QString &python, const QString &c)
{
    if (python.isEmpty() && c.isEmpty())
        return QStringLiteral("(no stack)");
    if (python.isEmpty() || c.isEmpty())
        return python + c;
    return python + QLatin1Char('\n') + c;
}

bool readCache(const QString &path, Groups &owners, Groups &stacks, QString *error)
{
    Database db;
    if (!db.openReadOnly(path, error))
        return false;
    if (!hasMemScopeData(db))
        return true;
    Statement q(db, "SELECT b.alloc_ts, b.free_ts, b.size, b.owner_id, a.py_stack_id, "
                    "a.c_stack_id FROM memscope_block b "
                    "JOIN memscope_event a ON a.id = b.alloc_event");
    if (!q.ok()) {
        *error = QStringLiteral("%1: %2").arg(path, db.lastError());
        return false;
    }
    StringLookup text(db);
    while (q.step()) {
        const int64_t freeTs = q.isNull(1) ? -1 : q.int64(1);
        const int64_t bytes = std::max<int64_t>(0, q.int64(2));
        const QString owner = text(q.int64(3));
        owners.add(owner.isEmpty() ? QStringLiteral("(no owner)") : owner, q.int64(0), freeTs,
                   bytes);
        stacks.add(stackKey(text(q.int64(4)), text(q.int64(5))), q.int64(0), freeTs, bytes);
    }
    return true;
}

QString number(int64_t v)
{
    return QString::number(v);
}

} // namespace

bool cachesHoldMemScope(const QStringList &caches)
{
    for (const QString &path : caches) {
        Database db;
        QString error;
        if (db.openReadOnly(path, &error) && hasMemScopeData(db))
            return true;
    }
    return false;
}

bool memScopeHoldings(const QStringList &caches, MemScopeRunHoldings *out, QString *error)
{
    Groups groups[2];
    for (const QString &path : caches) {
        if (!readCache(path, groups[0], groups[1], error))
            return false;
    }
    for (int k = 0; k < 2; ++k) {
        groups[k].sweep();
        out->groups[k] = std::move(groups[k].holdings);
    }
    return true;
}

QVector<MemScopeDelta> compareMemScope(const MemScopeRunHoldings &base,
                                       const MemScopeRunHoldings &next)
{
    QVector<MemScopeDelta> out;
    for (int k = 0; k < 2; ++k) {
        QHash<QString, int> rowOf;
        QVector<MemScopeDelta> rows;
        const auto row = [&](const QString &key) -> MemScopeDelta & {
            auto it = rowOf.constFind(key);
            if (it == rowOf.cend()) {
                it = rowOf.insert(key, int(rows.size()));
                rows.append(MemScopeDelta{MemScopeGroupKind(k), key, {}, {}});
            }
            return rows[*it];
        };
        for (const auto &[key, h] : base.groups[k])
            row(key).base = h;
        for (const auto &[key, h] : next.groups[k])
            row(key).next = h;
        std::sort(rows.begin(), rows.end(), [](const MemScopeDelta &a, const MemScopeDelta &b) {
            if (a.growth() != b.growth())
                return a.growth() > b.growth();
            if (a.endGrowth() != b.endGrowth())
                return a.endGrowth() > b.endGrowth();
            return a.key < b.key;
        });
        out += rows;
    }
    return out;
}

namespace {

QString kindName(MemScopeGroupKind k)
{
    return k == MemScopeGroupKind::Owner ? QStringLiteral("owner") : QStringLiteral("stack");
}

} // namespace

QByteArray memScopeCompareCsv(const QVector<MemScopeDelta> &rows)
{
    QString out = QStringLiteral(
        "kind,key,base_peak_bytes,base_peak_blocks,new_peak_bytes,new_peak_blocks,growth_bytes,"
        "base_end_bytes,base_end_blocks,new_end_bytes,new_end_blocks,end_growth_bytes\n");
    for (const MemScopeDelta &r : rows) {
        out += QStringList{kindName(r.kind),         csvField(r.key),
                           number(r.base.peakBytes), number(r.base.peakBlocks),
                           number(r.next.peakBytes), number(r.next.peakBlocks),
                           number(r.growth()),       number(r.base.endBytes),
                           number(r.base.endBlocks), number(r.next.endBytes),
                           number(r.next.endBlocks), number(r.endGrowth())}
                   .join(QLatin1Char(','));
        out += QLatin1Char('\n');
    }
    return out.toUtf8();
}

QByteArray memScopeHoldingsCsv(const MemScopeRunHoldings &run)
{
    QString out = QStringLiteral("kind,key,peak_bytes,peak_blocks,end_bytes,end_blocks\n");
    for (int k = 0; k < 2; ++k) {
        auto groups = run.groups[k];
        std::sort(groups.begin(), groups.end(), [](const auto &a, const auto &b) {
            return a.second.peakBytes != b.second.peakBytes
                       ? a.second.peakBytes > b.second.peakBytes
                       : a.first < b.first;
        });
        for (const auto &[key, h] : groups) {
            out +=
                QStringList{kindName(MemScopeGroupKind(k)), csvField(key),      number(h.peakBytes),
                            number(h.peakBlocks),           number(h.endBytes), number(h.endBlocks)}
                    .join(QLatin1Char(','));
            out += QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}

} // namespace ts::model

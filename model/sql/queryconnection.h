#pragma once
// A connection for the user's own SQL over an opened input's caches. Read-only is enforced by
// SQLite itself, in layers: the files open SQLITE_OPEN_READONLY (no links, defensive mode,
// untrusted schema, query_only); an authorizer allows only reads, recursive CTEs and functions
// from an allow-list, and refuses writes, ATTACH/DETACH (so VACUUM INTO too), transactions,
// PRAGMAs other than a few harmless readers, and every function that could touch a file;
// extension loading is off; a statement that would still write is refused before it runs. A
// progress handler stops a query at its deadline or when cancelled from another thread.
//
// Sources: the first cache is `main`; when there are several, each is also attached read-only
// under its own schema name (rank0, rank1, …, see app/sqlsources.h), so unqualified names read
// the first and `rank1.slice` reads another. SQLite attaches at most SQLITE_MAX_ATTACHED files
// to one connection (10 in Debian's build) and a cluster has more caches than that: beyond the
// limit each statement gets the caches it names attached before it is prepared (and ones it
// does not name detached to make room), so every cache is reachable, up to the limit at once.
// Not thread-safe except for cancel(): one connection per worker thread.

#include "cache/sqlite.h"

#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>

namespace ts::model {

struct SqlSource
{
    QString schema;    // schema name in the connection ("main" for the only cache)
    QString cachePath; // the cache file
    QString label;     // what the user opened it as: "Rank 1 · NPU 1 — trace_view.json"
};

struct SqlColumn
{
    QString name;
    QString type; // declared type
};

struct SqlTable
{
    QString name;
    QList<SqlColumn> columns;
};

struct SqlSchema
{
    QString schema; // main, rank0, …
    QString label;
    QList<SqlTable> tables;
};

class QueryConnection
{
public:
    QueryConnection() = default;
    ~QueryConnection() { close(); }
    QueryConnection(const QueryConnection &) = delete;
    QueryConnection &operator=(const QueryConnection &) = delete;

    // The first source is main; all of them are attached under their schema names when there are
    // more than one (on demand past SQLite's limit). Refuses an empty list and a non-cache.
    bool open(const QList<SqlSource> &sources, QString *error);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    const QList<SqlSource> &sources() const { return m_sources; }
    // True when there are more sources than SQLite attaches at once.
    bool attachesOnDemand() const { return m_attachOnDemand; }
    int attachLimit() const { return m_attachLimit; }

    // Tables and their columns, per schema (main only when it is the only source).
    QList<SqlSchema> schema();

    // Prepares the one statement in `sql`. Null, with `error` saying why, for a syntax error, a
    // refused statement ("refused: …, SQL over the cache is read-only") or more than one
    // statement. *refused tells a refusal from any other error.
    sqlite3_stmt *prepare(const QString &sql, QString *error, bool *refused = nullptr);

    // The deadline (0: none) and the cancel flag hold for the statements stepped from now on.
    void startClock(std::chrono::milliseconds timeLimit, const std::atomic<bool> *externalStop);
    // Why the last statement stopped early: empty when it did not.
    QString stopReason() const;
    // From any thread: stops the statement running now (and any stepped until startClock).
    void cancel();

    sqlite3 *handle() const { return m_db.handle(); }

    // What the authorizer allows: functions by name, pragmas by name (exposed for the tests).
    static bool isAllowedFunction(const QString &name);
    static bool isAllowedPragma(const QString &name, bool hasArgument);

private:
    static int authorize(void *self, int action, const char *a, const char *b, const char *db,
                         const char *trigger);
    static int progress(void *self);
    bool attach(const SqlSource &source, QString *error);
    bool detach(const QString &schema, QString *error);
    // On demand: the named sources attached, others detached as needed to stay in the limit.
    bool attachNamed(const QSet<QString> &schemas, QString *error);

    Database m_db;
    QList<SqlSource> m_sources;
    QString m_refusal; // what the authorizer refused during the last prepare
    bool m_attachOnDemand = false;
    int m_attachLimit = 0;
    QStringList m_attached;         // on demand: schemas attached now, least recently named first
    bool m_ourOwnStatement = false; // our ATTACH/DETACH pass the authorizer
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_timedOut{false};
    const std::atomic<bool> *m_externalStop = nullptr;
    std::chrono::steady_clock::time_point m_deadline{};
    std::chrono::milliseconds m_timeLimit{0};
    QMutex m_handleLock; // cancel() against close()
};

} // namespace ts::model

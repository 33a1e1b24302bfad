#pragma once
// Runs one statement of the user's on a QueryConnection and hands its rows over in batches: the
// one path for the SQL tab's worker thread and for `tracescope --sql`. Rows are plain values
// (QVariant of qint64, double, QString, QByteArray, or null), so a batch can cross threads.

#include "sql/queryconnection.h"

#include <QList>
#include <QStringList>
#include <QVariant>

#include <atomic>
#include <chrono>
#include <functional>

namespace ts::model {

using SqlRow = QList<QVariant>;

// The rows sorted by one result column, by SQLite over the whole result (the statement run as
// a subquery), so a row limit keeps the first rows of the sorted result, not a sorted sample.
struct QueryOrder
{
    int column = -1; // 0-based; -1: as the statement gives them
    bool descending = false;
};

struct QueryLimits
{
    qint64 maxRows = 0;                // 0: no limit
    std::chrono::milliseconds time{0}; // 0: no limit
    int batchRows = 512;               // rows per hand-over
    QueryOrder order;                  // not a limit, but how the rows come: see above
};

// `statement` (one SELECT, VALUES or WITH, its trailing ';' allowed) as a subquery sorted by
// its column `column` (0-based).
QString sortedStatement(const QString &statement, const QueryOrder &order);

struct QueryOutcome
{
    bool ok = false;
    bool refused = false;   // the statement was refused as a write
    bool stopped = false;   // cancelled or out of time (the rows so far were handed over)
    bool truncated = false; // the row limit was reached and there were more rows
    QString error;          // why it failed or stopped
    QStringList columns;
    qint64 rows = 0; // rows handed over
    double seconds = 0;
};

struct QueryCallbacks
{
    std::function<void(const QStringList &columns)> columns; // once, before any row
    std::function<bool(QList<SqlRow> &&rows)> rows;          // false: stop (the reader went away)
};

QueryOutcome runQuery(QueryConnection &connection, const QString &sql, const QueryLimits &limits,
                      const std::atomic<bool> *stop, const QueryCallbacks &callbacks);

} // namespace ts::model

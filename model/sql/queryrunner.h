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

struct QueryLimits
{
    qint64 maxRows = 0;                // 0: no limit
    std::chrono::milliseconds time{0}; // 0: no limit
    int batchRows = 512;               // rows per hand-over
};

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

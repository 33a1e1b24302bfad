#include "queryrunner.h"

#include <QElapsedTimer>

namespace ts::model {

namespace {

QVariant value(sqlite3_stmt *stmt, int col)
{
    switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(stmt, col)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(stmt, col));
    case SQLITE_TEXT:
        return QVariant(
            QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, col)),
                              sqlite3_column_bytes(stmt, col)));
    case SQLITE_BLOB: {
        const void *data = sqlite3_column_blob(stmt, col);
        return QVariant(QByteArray(static_cast<const char *>(data),
                                   data ? sqlite3_column_bytes(stmt, col) : 0));
    }
    default:
        return QVariant();
    }
}

} // namespace

QString sortedStatement(const QString &statement, const QueryOrder &order)
{
    QString inner = statement.trimmed();
    while (inner.endsWith(QLatin1Char(';')))
        inner = inner.chopped(1).trimmed();
    // The line breaks keep a trailing -- comment from swallowing the closing parenthesis.
    return QStringLiteral("SELECT * FROM (\n%1\n) ORDER BY %2%3")
        .arg(inner)
        .arg(order.column + 1)
        .arg(order.descending ? QStringLiteral(" DESC") : QString());
}

QueryOutcome runQuery(QueryConnection &connection, const QString &sql, const QueryLimits &limits,
                      const std::atomic<bool> *stop, const QueryCallbacks &callbacks)
{
    QueryOutcome out;
    QElapsedTimer clock;
    clock.start();
    connection.startClock(limits.time, stop);
    sqlite3_stmt *stmt = connection.prepare(sql, &out.error, &out.refused);
    if (!stmt) {
        out.seconds = clock.nsecsElapsed() / 1e9;
        return out;
    }
    const int columnCount = sqlite3_column_count(stmt);
    for (int c = 0; c < columnCount; ++c)
        out.columns << QString::fromUtf8(sqlite3_column_name(stmt, c));
    if (limits.order.column >= 0) {
        // The statement as SQLite cut it from the text: no second statement, no trailing junk.
        const QString statement = QString::fromUtf8(sqlite3_sql(stmt));
        sqlite3_finalize(stmt);
        if (limits.order.column >= columnCount) {
            out.error = QStringLiteral("there is no column %1 to sort by: the result has %2")
                            .arg(limits.order.column + 1)
                            .arg(columnCount);
            out.seconds = clock.nsecsElapsed() / 1e9;
            return out;
        }
        QString why;
        stmt = connection.prepare(sortedStatement(statement, limits.order), &why, &out.refused);
        if (!stmt) {
            out.error = QStringLiteral("this result cannot be sorted (only a SELECT, VALUES or "
                                       "WITH query's can): %1")
                            .arg(why);
            out.seconds = clock.nsecsElapsed() / 1e9;
            return out;
        }
        // The names stay the statement's own: a subquery renames duplicates ("a:1").
    }
    if (callbacks.columns)
        callbacks.columns(out.columns);

    QList<SqlRow> batch;
    bool readerGone = false;
    auto flush = [&] {
        if (batch.isEmpty())
            return;
        out.rows += batch.size();
        if (callbacks.rows && !callbacks.rows(std::move(batch)))
            readerGone = true;
        batch.clear();
    };
    int rc = SQLITE_ROW;
    while (!readerGone && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (limits.maxRows > 0 && out.rows + batch.size() >= limits.maxRows) {
            out.truncated = true; // one row more than the limit exists
            break;
        }
        SqlRow row;
        row.reserve(columnCount);
        for (int c = 0; c < columnCount; ++c)
            row << value(stmt, c);
        batch << std::move(row);
        if (batch.size() >= std::max(1, limits.batchRows))
            flush();
    }
    flush();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        const QString reason = connection.stopReason();
        out.stopped = !reason.isEmpty() || rc == SQLITE_INTERRUPT;
        out.error =
            !reason.isEmpty() ? reason : QString::fromUtf8(sqlite3_errmsg(connection.handle()));
    } else {
        out.ok = true;
    }
    sqlite3_finalize(stmt);
    out.seconds = clock.nsecsElapsed() / 1e9;
    return out;
}

} // namespace ts::model

#pragma once
// Test-side SQLite files: the tests write small databases with SQLite's C API in a temporary
// folder (the code under test only ever reads them through ForeignDb), and copy sample DBs
// there before running their own SQL over the copy, so no side file appears next to the data.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>

#include <sqlite3.h>

namespace ts::testing {

// Runs `statements` in a new database at `path`; false with the message in `error`.
inline bool writeDb(const QString &path, const QStringList &statements, QString *error = nullptr,
                    bool wal = false)
{
    QFile::remove(path);
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return false;
    }
    QStringList all = statements;
    if (wal)
        all.prepend(QStringLiteral("PRAGMA journal_mode=WAL"));
    for (const QString &sql : all) {
        char *msg = nullptr;
        if (sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &msg) != SQLITE_OK) {
            if (error)
                *error = sql + QStringLiteral(": ") + QString::fromUtf8(msg);
            sqlite3_free(msg);
            sqlite3_close(db);
            return false;
        }
    }
    // Closing a WAL database checkpoints it and removes -wal/-shm; the header stays 2/2.
    return sqlite3_close(db) == SQLITE_OK;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One integer from the test's own SQL over a database file (a temp copy, never sample data).
inline qint64 queryInt(const QString &path, const QString &sql, bool *ok = nullptr)
{
    sqlite3 *db = nullptr;
    qint64 value = -1;
    bool good = false;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW) {
            value = sqlite3_column_int64(st, 0);
            good = true;
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    if (ok)
        *ok = good;
    return value;
}

// One text value (UTF-8 bytes) from the test's own SQL; empty when there is none.
inline QByteArray queryText(const QString &path, const QString &sql)
{
    sqlite3 *db = nullptr;
    QByteArray value;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            value = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                               sqlite3_column_bytes(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return value;
}

// A private copy of a sample DB with its WAL bytes reset, so the test's own SQLite can read it
// without creating side files next to anything but the copy.
inline QString rollbackCopy(const QString &from, const QString &dir)
{
    QByteArray bytes = readAll(from);
    if (bytes.size() < 100)
        return {};
    bytes[18] = 1;
    bytes[19] = 1;
    const QString to = QDir(dir).filePath(QStringLiteral("copy-") + QFileInfo(from).fileName());
    QFile f(to);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        return {};
    return to;
}

} // namespace ts::testing

#pragma once
// Thin RAII over SQLite's C API: one place for open flags, prepared-statement boilerplate and
// error text, so the writer and the readers stay about what they store, not how.

#include <sqlite3.h>

#include <QString>

#include <cstdint>
#include <string_view>

namespace ts::model {

class Database
{
public:
    Database() = default;
    ~Database() { close(); }
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    Database(Database &&o) noexcept : m_db(o.m_db) { o.m_db = nullptr; }

    // For the writer: an existing, empty file we created ourselves; never follows a link. The
    // connection is used by one thread at a time, so SQLite's own per-call mutex is left out.
    bool openForWriting(const QString &path, QString *error);
    // For every reader: read-only, no links, SQLite's defensive mode, untrusted schema.
    bool openReadOnly(const QString &path, QString *error);
    void close();

    bool exec(const char *sql, QString *error = nullptr);
    // The name to give SQLite for `path` (for ATTACH too): the folder resolved, the file itself
    // not, so SQLITE_OPEN_NOFOLLOW still refuses a link there.
    static QByteArray fileNameFor(const QString &path);
    QString lastError() const;
    sqlite3 *handle() const { return m_db; }
    bool isOpen() const { return m_db != nullptr; }

private:
    sqlite3 *m_db = nullptr;
};

class Statement
{
public:
    Statement(const Database &db, const char *sql);
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool ok() const { return m_stmt != nullptr; }
    Statement &bind(int index, int64_t v)
    {
        sqlite3_bind_int64(m_stmt, index, v);
        return *this;
    }
    Statement &bind(int index, double v)
    {
        sqlite3_bind_double(m_stmt, index, v);
        return *this;
    }
    Statement &bind(int index, std::string_view text)
    {
        sqlite3_bind_text(m_stmt, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement &bindNull(int index)
    {
        sqlite3_bind_null(m_stmt, index);
        return *this;
    }
    // 0 binds NULL: ids are 1-based, 0 means "none" in the record stream.
    Statement &bindId(int index, int64_t id) { return id ? bind(index, id) : bindNull(index); }

    bool step(); // true while a row is available
    bool run();  // executes a statement without rows; true on success
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }

    int64_t int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    double real(int col) const { return sqlite3_column_double(m_stmt, col); }
    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    QString text(int col) const;

private:
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace ts::model

#pragma once
// A prepared statement for the memory tables' blob columns (stack.frames, mem_event_pack.events),
// which cache/sqlite.h's Statement does not bind or read. Same RAII, plus blobs, plus telling the
// end of the rows from an error: a reader that stops early on a damaged cache must say so.
// One thread at a time, like its connection.

#include "cache/sqlite.h"

#include <cstdint>
#include <string_view>

namespace ts::model {

class BlobStatement
{
public:
    BlobStatement(const Database &db, const char *sql, bool persistent = false)
    {
        if (sqlite3_prepare_v3(db.handle(), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                               &m_stmt, nullptr) != SQLITE_OK)
            m_stmt = nullptr;
    }
    ~BlobStatement() { sqlite3_finalize(m_stmt); }
    BlobStatement(const BlobStatement &) = delete;
    BlobStatement &operator=(const BlobStatement &) = delete;

    bool ok() const { return m_stmt != nullptr; }
    BlobStatement &bind(int index, int64_t v)
    {
        sqlite3_bind_int64(m_stmt, index, v);
        return *this;
    }
    BlobStatement &bindBlob(int index, std::string_view bytes)
    {
        sqlite3_bind_blob(m_stmt, index, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT);
        return *this;
    }

    // True while a row is available; afterwards failed() tells an error from the end.
    bool step()
    {
        m_rc = m_stmt ? sqlite3_step(m_stmt) : SQLITE_MISUSE;
        return m_rc == SQLITE_ROW;
    }
    bool failed() const { return m_rc != SQLITE_ROW && m_rc != SQLITE_DONE; }
    // Executes a statement without rows, then resets it for the next use.
    bool run()
    {
        step();
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        return m_rc == SQLITE_DONE;
    }

    int64_t int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    // Valid until the next step(); empty for NULL or an empty blob.
    std::string_view blob(int col) const
    {
        const void *p = sqlite3_column_blob(m_stmt, col);
        const int n = sqlite3_column_bytes(m_stmt, col);
        return p && n > 0 ? std::string_view(static_cast<const char *>(p), size_t(n))
                          : std::string_view();
    }

private:
    sqlite3_stmt *m_stmt = nullptr;
    int m_rc = SQLITE_DONE;
};

} // namespace ts::model

#pragma once
// A foreign SQLite database (a profiler's msprof_*.db, ascend_pytorch_profiler_*.db, …) opened
// as the untrusted input it is, inside the sandboxed child, from bytes it already holds
// (ReadOnlyVfs: no path, no side files). Before any query: defensive mode, untrusted schema, no
// triggers, views or extensions, limits on lengths and attached DBs, a hard heap limit, a
// progress-handler deadline, cell-size checks, no mmap, temp data in memory, query-only; then
// quick_check must say "ok"; the schema may hold no trigger, view or virtual table; and an
// authorizer lets statements only SELECT and READ the tables the caller declared known (plus a
// few plain functions). Callers run constant SQL whose identifiers come from their own
// declarations (knownTables), never from the file.

#include "readonlyvfs.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ts::parsers {

struct ForeignDbLimits
{
    int64_t heapBytes = 1ll << 30; // sqlite3_hard_heap_limit64 for the whole process
    int maxValueBytes = 32 << 20;  // SQLITE_LIMIT_LENGTH: call stacks, ENV_VARIABLES
    std::chrono::milliseconds deadline{10 * 60 * 1000}; // for everything done through this DB
};

class ForeignDb
{
public:
    ForeignDb() = default;
    ~ForeignDb();
    ForeignDb(const ForeignDb &) = delete;
    ForeignDb &operator=(const ForeignDb &) = delete;

    // Opens and checks. knownTables: the only tables statements may read; the ones present and
    // their columns are then columnsOf(). False with a message saying what is wrong and where.
    bool open(const DbBytes &bytes, const std::vector<std::string> &knownTables,
              const ForeignDbLimits &limits, std::string &error);

    bool hasTable(std::string_view table) const { return m_columns.count(std::string(table)); }
    // Declared column names of a known table present in the file (empty set otherwise).
    const std::set<std::string> &columnsOf(std::string_view table) const;
    bool hasColumn(std::string_view table, std::string_view column) const
    {
        return columnsOf(table).count(std::string(column)) > 0;
    }
    // Every table the file has, known or not (for messages).
    const std::vector<std::string> &allTables() const { return m_allTables; }
    bool walHeaderPatched() const { return m_vfs && m_vfs->walHeaderPatched(); }

    sqlite3 *handle() const { return m_db; }
    // The message for a failed statement: SQLite's, or the deadline's / heap limit's in words.
    std::string describeFailure(int rc) const;

    static constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

private:
    friend int foreignDbAuthorize(void *, int, const char *, const char *, const char *,
                                  const char *);
    bool applySettings(const ForeignDbLimits &limits, std::string &error);
    bool quickCheck(std::string &error);
    bool readSchema(const std::vector<std::string> &knownTables, std::string &error);
    bool exec(const char *sql, std::string &error);

    std::unique_ptr<ReadOnlyVfs> m_vfs;
    sqlite3 *m_db = nullptr;
    bool m_setup = true; // pragmas and sqlite_schema are allowed only while opening
    std::set<std::string> m_readable;
    std::map<std::string, std::set<std::string>> m_columns;
    std::vector<std::string> m_allTables;
    std::chrono::steady_clock::time_point m_deadlineAt;
    std::chrono::milliseconds m_deadline{0};
    bool m_timedOut = false;
    int64_t m_previousHeapLimit = -1;
    friend int foreignDbProgress(void *);
};

// A prepared constant statement over a ForeignDb. Values are read by type after checking
// typeof(): profiler DBs declare the same column INTEGER, NUMERIC or TEXT in different versions.
class ForeignQuery
{
public:
    ForeignQuery(const ForeignDb &db, const std::string &sql);
    ~ForeignQuery();
    ForeignQuery(const ForeignQuery &) = delete;
    ForeignQuery &operator=(const ForeignQuery &) = delete;

    bool step(); // false at the end or on failure (see failed())
    bool failed() const { return !m_error.empty(); }
    const std::string &error() const { return m_error; }

    bool isNull(int col) const;
    // An integer stored as INTEGER, as an integral REAL, or as TEXT of decimal digits
    // (PYTORCH_API's startNs); false for NULL and anything else.
    bool int64At(int col, int64_t &out) const;
    bool doubleAt(int col, double &out) const; // INTEGER or REAL, or numeric TEXT
    std::string_view textAt(int col) const;    // TEXT as stored (may be invalid UTF-8)

private:
    const ForeignDb &m_db;
    sqlite3_stmt *m_stmt = nullptr;
    std::string m_error;
    std::string m_sql;
};

// Strict decimal integer text ("-12", "1736408883688177930"): no spaces, no fraction.
bool parseDecimalInt64(std::string_view text, int64_t &out);

} // namespace ts::parsers

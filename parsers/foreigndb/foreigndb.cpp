#include "foreigndb.h"

#include <cmath>
#include <cstring>

namespace ts::parsers {

namespace {

std::string quoteIdentifier(std::string_view name)
{
    std::string out = "\"";
    for (char c : name) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    size_t i = 0;
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'))
        ++i;
    text.remove_prefix(i);
    if (text.size() < prefix.size())
        return false;
    for (size_t k = 0; k < prefix.size(); ++k) {
        char a = text[k], b = prefix[k];
        if (a >= 'a' && a <= 'z')
            a = char(a - 32);
        if (a != b)
            return false;
    }
    return true;
}

// Pragmas the opening itself runs; after open() no pragma is allowed at all.
constexpr const char *kSetupPragmas[] = {"quick_check",   "table_info", "cell_size_check",
                                         "mmap_size",     "temp_store", "query_only",
                                         "trusted_schema"};
// Plain deterministic functions our SQL uses; everything else is denied.
constexpr const char *kFunctions[] = {"typeof", "count",    "min",   "max",
                                      "length", "coalesce", "ifnull"};

bool inList(const char *name, const char *const *begin, const char *const *end)
{
    if (!name)
        return false;
    for (auto it = begin; it != end; ++it)
        if (sqlite3_stricmp(name, *it) == 0)
            return true;
    return false;
}

} // namespace

int foreignDbAuthorize(void *self, int action, const char *a1, const char *a2, const char *,
                       const char *)
{
    auto *db = static_cast<ForeignDb *>(self);
    switch (action) {
    case SQLITE_SELECT:
        return SQLITE_OK;
    case SQLITE_READ:
        if (!a1)
            return SQLITE_DENY;
        if (db->m_setup && sqlite3_stricmp(a1, "sqlite_master") == 0)
            return SQLITE_OK;
        return db->m_readable.count(a1) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_FUNCTION:
        return inList(a2, std::begin(kFunctions), std::end(kFunctions)) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_PRAGMA:
        return db->m_setup && inList(a1, std::begin(kSetupPragmas), std::end(kSetupPragmas))
                   ? SQLITE_OK
                   : SQLITE_DENY;
    default:
        return SQLITE_DENY; // ATTACH, INSERT, CREATE, transactions, recursive CTEs, …
    }
}

int foreignDbProgress(void *self)
{
    auto *db = static_cast<ForeignDb *>(self);
    if (std::chrono::steady_clock::now() < db->m_deadlineAt)
        return 0;
    db->m_timedOut = true;
    return 1;
}

ForeignDb::~ForeignDb()
{
    if (m_db)
        sqlite3_close_v2(m_db);
    if (m_previousHeapLimit >= 0)
        sqlite3_hard_heap_limit64(m_previousHeapLimit);
}

const std::set<std::string> &ForeignDb::columnsOf(std::string_view table) const
{
    static const std::set<std::string> kNone;
    auto it = m_columns.find(std::string(table));
    return it == m_columns.end() ? kNone : it->second;
}

std::string ForeignDb::describeFailure(int rc) const
{
    if (m_timedOut)
        return "reading the database took longer than " +
               std::to_string(m_deadline.count() / 1000) + " s and was stopped";
    if (rc == SQLITE_NOMEM)
        return "reading the database needed more memory than SQLite's limit of " +
               std::to_string(sqlite3_hard_heap_limit64(-1) >> 20) + " MiB";
    const char *msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        return std::string("the database is damaged or truncated (SQLite: ") + msg + ")";
    return std::string("SQLite: ") + msg;
}

bool ForeignDb::exec(const char *sql, std::string &error)
{
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        error = std::string("cannot apply \"") + sql + "\": " +
                (m_timedOut || rc == SQLITE_NOMEM ? describeFailure(rc)
                                                  : (msg ? msg : sqlite3_errstr(rc)));
        sqlite3_free(msg);
        return false;
    }
    return true;
}

bool ForeignDb::applySettings(const ForeignDbLimits &limits, std::string &error)
{
    struct Setting
    {
        int op;
        int value;
        const char *name;
    };
    const Setting settings[] = {
        {SQLITE_DBCONFIG_DEFENSIVE, 1, "defensive mode"},
        {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, "untrusted schema"},
        {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, "triggers off"},
        {SQLITE_DBCONFIG_ENABLE_VIEW, 0, "views off"},
        {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, "extension loading off"},
        {SQLITE_DBCONFIG_DQS_DML, 0, "no double-quoted strings"},
        {SQLITE_DBCONFIG_DQS_DDL, 0, "no double-quoted strings in the schema"},
    };
    for (const Setting &s : settings) {
        int now = -1;
        if (sqlite3_db_config(m_db, s.op, s.value, &now) != SQLITE_OK || now != s.value) {
            error = std::string("cannot apply SQLite's ") + s.name + " setting";
            return false;
        }
    }
    sqlite3_enable_load_extension(m_db, 0);
    sqlite3_limit(m_db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(m_db, SQLITE_LIMIT_LENGTH, limits.maxValueBytes);
    sqlite3_limit(m_db, SQLITE_LIMIT_SQL_LENGTH, 64 << 10);
    sqlite3_limit(m_db, SQLITE_LIMIT_EXPR_DEPTH, 64);
    sqlite3_limit(m_db, SQLITE_LIMIT_COMPOUND_SELECT, 4);
    sqlite3_limit(m_db, SQLITE_LIMIT_VDBE_OP, 50000);
    sqlite3_limit(m_db, SQLITE_LIMIT_FUNCTION_ARG, 8);
    sqlite3_limit(m_db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 64);
    sqlite3_limit(m_db, SQLITE_LIMIT_VARIABLE_NUMBER, 16);
    sqlite3_limit(m_db, SQLITE_LIMIT_TRIGGER_DEPTH, 1);
    sqlite3_limit(m_db, SQLITE_LIMIT_WORKER_THREADS, 0);
    // Process-wide (the child reads one database); put back when this object goes.
    m_previousHeapLimit = sqlite3_hard_heap_limit64(limits.heapBytes);
    m_deadline = limits.deadline;
    m_deadlineAt = std::chrono::steady_clock::now() + limits.deadline;
    sqlite3_progress_handler(m_db, 1000, foreignDbProgress, this);
    if (sqlite3_set_authorizer(m_db, foreignDbAuthorize, this) != SQLITE_OK) {
        error = "cannot install SQLite's authorizer";
        return false;
    }
    return exec("PRAGMA trusted_schema=OFF", error) && exec("PRAGMA cell_size_check=ON", error) &&
           exec("PRAGMA mmap_size=0", error) && exec("PRAGMA temp_store=MEMORY", error) &&
           exec("PRAGMA query_only=1", error);
}

bool ForeignDb::readSchema(const std::vector<std::string> &knownTables, std::string &error)
{
    std::set<std::string> known(knownTables.begin(), knownTables.end());
    {
        ForeignQuery schema(*this, "SELECT type, name, sql FROM sqlite_schema");
        while (schema.step()) {
            const std::string type(schema.textAt(0));
            const std::string name(schema.textAt(1));
            const std::string_view sql = schema.textAt(2);
            if (type == "trigger" || type == "view") {
                error = "the database holds a " + type + " (" + name +
                        "); profiler databases have none, so it is not read";
                return false;
            }
            if (type == "table" && startsWithNoCase(sql, "CREATE VIRTUAL TABLE")) {
                error = "the database holds a virtual table (" + name +
                        "); profiler databases have none, so it is not read";
                return false;
            }
            if (type == "table") {
                m_allTables.push_back(name);
                if (known.count(name))
                    m_readable.insert(name);
            }
        }
        if (schema.failed()) {
            error = "cannot read the database's schema: " + schema.error();
            return false;
        }
    }
    for (const std::string &table : m_readable) {
        // The name is one of the caller's own declarations, checked to be present above.
        ForeignQuery info(*this, "PRAGMA table_info(" + quoteIdentifier(table) + ")");
        std::set<std::string> &columns = m_columns[table];
        while (info.step())
            columns.insert(std::string(info.textAt(1)));
        if (info.failed()) {
            error = "cannot read the columns of table " + table + ": " + info.error();
            return false;
        }
    }
    return true;
}

bool ForeignDb::quickCheck(std::string &error)
{
    ForeignQuery check(*this, "PRAGMA quick_check(1)");
    std::string first;
    if (check.step())
        first = std::string(check.textAt(0));
    if (check.failed()) {
        error = "SQLite's integrity check could not run: " + check.error();
        return false;
    }
    // A page quick_check could not load for want of memory is reported as a row, not an error.
    if (first.find("error code=7") != std::string::npos) {
        error = describeFailure(SQLITE_NOMEM);
        return false;
    }
    if (first != "ok") {
        error = "the database fails SQLite's integrity check (damaged or truncated file?): " +
                first.substr(0, 300);
        return false;
    }
    return true;
}

bool ForeignDb::open(const DbBytes &bytes, const std::vector<std::string> &knownTables,
                     const ForeignDbLimits &limits, std::string &error)
{
    m_vfs = std::make_unique<ReadOnlyVfs>(bytes);
    char header[100];
    if (bytes.size < sizeof header || !m_vfs->read(header, sizeof header, 0) ||
        std::memcmp(header, kSqliteMagic.data(), kSqliteMagic.size()) != 0) {
        error = bytes.size < sizeof header && bytes.size >= kSqliteMagic.size() &&
                        m_vfs->read(header, kSqliteMagic.size(), 0) &&
                        std::memcmp(header, kSqliteMagic.data(), kSqliteMagic.size()) == 0
                    ? "the SQLite database is truncated: " + std::to_string(bytes.size) +
                          " bytes, less than its 100-byte header"
                    : std::string("not an SQLite database: it does not start with the "
                                  "\"SQLite format 3\" header");
        return false;
    }
    // One thread uses the connection (the child reads on its main thread): no mutex to take
    // and release around every step and column read — ~7 % of the child's time on a DB import.
    const int rc = sqlite3_open_v2(m_vfs->uri().c_str(), &m_db,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                       SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_NOMUTEX,
                                   m_vfs->name());
    if (rc != SQLITE_OK) {
        error = "cannot open the SQLite database: " + describeFailure(rc);
        return false;
    }
    if (!applySettings(limits, error) || !readSchema(knownTables, error) || !quickCheck(error))
        return false;
    m_setup = false;
    return true;
}

ForeignQuery::ForeignQuery(const ForeignDb &db, const std::string &sql) : m_db(db), m_sql(sql)
{
    const int rc =
        sqlite3_prepare_v3(db.handle(), sql.c_str(), int(sql.size()), 0, &m_stmt, nullptr);
    if (rc != SQLITE_OK || !m_stmt)
        m_error = db.describeFailure(rc == SQLITE_OK ? SQLITE_ERROR : rc);
}

ForeignQuery::~ForeignQuery()
{
    sqlite3_finalize(m_stmt);
}

bool ForeignQuery::step()
{
    if (!m_stmt || !m_error.empty())
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = m_db.describeFailure(rc);
    return false;
}

bool ForeignQuery::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

bool ForeignQuery::int64At(int col, int64_t &out) const
{
    switch (sqlite3_column_type(m_stmt, col)) {
    case SQLITE_INTEGER:
        out = sqlite3_column_int64(m_stmt, col);
        return true;
    case SQLITE_FLOAT: {
        const double d = sqlite3_column_double(m_stmt, col);
        if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) >= 9.2e18)
            return false;
        out = int64_t(d);
        return true;
    }
    case SQLITE_TEXT:
        return parseDecimalInt64(textAt(col), out);
    default:
        return false;
    }
}

bool ForeignQuery::doubleAt(int col, double &out) const
{
    switch (sqlite3_column_type(m_stmt, col)) {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
        out = sqlite3_column_double(m_stmt, col);
        return std::isfinite(out);
    case SQLITE_TEXT: {
        const std::string text(textAt(col));
        if (text.empty())
            return false;
        char *end = nullptr;
        out = std::strtod(text.c_str(), &end);
        return end == text.c_str() + text.size() && std::isfinite(out);
    }
    default:
        return false;
    }
}

std::string_view ForeignQuery::textAt(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    if (!p)
        return {};
    return std::string_view(p, size_t(sqlite3_column_bytes(m_stmt, col)));
}

bool parseDecimalInt64(std::string_view text, int64_t &out)
{
    if (text.empty())
        return false;
    const bool negative = text[0] == '-';
    if (negative)
        text.remove_prefix(1);
    if (text.empty() || text.size() > 19)
        return false;
    uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + uint64_t(c - '0');
    }
    if (v > uint64_t(INT64_MAX) + (negative ? 1 : 0))
        return false;
    out = negative ? int64_t(0 - v) : int64_t(v);
    return true;
}

} // namespace ts::parsers

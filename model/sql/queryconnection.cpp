#include "queryconnection.h"

#include "cache/cachereader.h"
#include "schemaqualifiers.h"

#include <QMutexLocker>
#include <QScopedValueRollback>
#include <QSet>

namespace ts::model {

namespace {

// SQLite's own functions that only compute: core, aggregate, window, date, math and JSON. Not
// here, so refused: load_extension, fts3_tokenizer (can set a function pointer), readfile /
// writefile / edit (the shell's, should a build carry them), and anything unknown.
const QSet<QString> &allowedFunctions()
{
    static const QSet<QString> names = [] {
        QSet<QString> set;
        for (const char *name :
             {// core scalar
              "abs", "char", "coalesce", "concat", "concat_ws", "format", "glob", "hex", "ifnull",
              "iif", "instr", "length", "like", "likelihood", "likely", "lower", "ltrim", "max",
              "min", "nullif", "octet_length", "printf", "quote", "random", "randomblob", "replace",
              "round", "rtrim", "sign", "soundex", "substr", "substring", "trim", "typeof", "unhex",
              "unicode", "unlikely", "upper", "zeroblob", "sqlite_version", "sqlite_source_id",
              "sqlite_compileoption_get", "sqlite_compileoption_used", "changes", "total_changes",
              "last_insert_rowid",
              // aggregate
              "avg", "count", "group_concat", "string_agg", "sum", "total",
              // window
              "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag",
              "lead", "first_value", "last_value", "nth_value",
              // date and time
              "date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff",
              "current_date", "current_time", "current_timestamp",
              // math
              "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "ceiling", "cos",
              "cosh", "degrees", "exp", "floor", "ln", "log", "log10", "log2", "mod", "pi", "pow",
              "power", "radians", "sin", "sinh", "sqrt", "tan", "tanh", "trunc",
              // JSON (-> and ->> are functions to the authorizer)
              "json", "jsonb", "json_array", "jsonb_array", "json_array_length",
              "json_error_position", "json_extract", "jsonb_extract", "json_insert", "jsonb_insert",
              "json_object", "jsonb_object", "json_patch", "jsonb_patch", "json_pretty",
              "json_quote", "json_remove", "jsonb_remove", "json_replace", "jsonb_replace",
              "json_set", "jsonb_set", "json_type", "json_valid", "json_group_array",
              "jsonb_group_array", "json_group_object", "jsonb_group_object", "->", "->>"})
            set.insert(QString::fromLatin1(name));
        return set;
    }();
    return names;
}

// Pragmas that only report. Those taking a table or index name may have an argument; the others
// only without one, since `PRAGMA user_version = 3` is the same pragma writing.
const QSet<QString> &pragmasWithArgument()
{
    static const QSet<QString> names{
        QStringLiteral("table_info"),  QStringLiteral("table_xinfo"),
        QStringLiteral("index_list"),  QStringLiteral("index_info"),
        QStringLiteral("index_xinfo"), QStringLiteral("foreign_key_list"),
        QStringLiteral("table_list")};
    return names;
}

const QSet<QString> &pragmasWithoutArgument()
{
    static const QSet<QString> names{
        QStringLiteral("database_list"),  QStringLiteral("collation_list"),
        QStringLiteral("function_list"),  QStringLiteral("module_list"),
        QStringLiteral("pragma_list"),    QStringLiteral("compile_options"),
        QStringLiteral("user_version"),   QStringLiteral("application_id"),
        QStringLiteral("schema_version"), QStringLiteral("page_size"),
        QStringLiteral("page_count"),     QStringLiteral("freelist_count"),
        QStringLiteral("encoding"),       QStringLiteral("data_version"),
        QStringLiteral("quick_check"),    QStringLiteral("integrity_check")};
    return names;
}

QString text(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

// What a refused action is, in words the user recognises from the statement they wrote.
QString describeRefusal(int action, const QString &a, const QString &b)
{
    switch (action) {
    case SQLITE_INSERT:
        return QStringLiteral("INSERT into %1 would write").arg(a);
    case SQLITE_UPDATE:
        // SQLite declares a table-valued function (pragma_user_version, …) on its first use
        // with an internal update of the schema table; the user wrote no UPDATE.
        if (a == QLatin1String("sqlite_master") || a == QLatin1String("sqlite_schema") ||
            a == QLatin1String("sqlite_temp_master"))
            return QStringLiteral(
                "this query uses a table-valued function that SQLite would first have to "
                "declare, which writes the schema; use the PRAGMA statement itself (e.g. PRAGMA "
                "user_version) or pragma_table_info, pragma_index_list, json_each, json_tree "
                "or dbstat, which are declared already");
        return QStringLiteral("UPDATE of %1 would write").arg(a);
    case SQLITE_DELETE:
        return QStringLiteral("DELETE from %1 would write").arg(a);
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_VTABLE:
        return QStringLiteral("CREATE %1 would write").arg(a);
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_DROP_TEMP_TRIGGER:
    case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_VTABLE:
        return QStringLiteral("DROP %1 would write").arg(a);
    case SQLITE_ALTER_TABLE:
        return QStringLiteral("ALTER TABLE %1 would write").arg(b);
    case SQLITE_REINDEX:
        return QStringLiteral("REINDEX would write");
    case SQLITE_ANALYZE:
        return QStringLiteral("ANALYZE would write");
    case SQLITE_ATTACH:
        return a.isEmpty() ? QStringLiteral("VACUUM would write")
                           : QStringLiteral("ATTACH or VACUUM INTO '%1' would open or write "
                                            "another file")
                                 .arg(a);
    case SQLITE_DETACH:
        return QStringLiteral("DETACH is not allowed");
    case SQLITE_TRANSACTION:
        return QStringLiteral("%1 (transaction control) is not allowed").arg(a);
    case SQLITE_SAVEPOINT:
        return QStringLiteral("SAVEPOINT is not allowed");
    case SQLITE_PRAGMA:
        return b.isEmpty()
                   ? QStringLiteral("PRAGMA %1 is not allowed (only reading pragmas "
                                    "such as table_info are)")
                         .arg(a)
                   : QStringLiteral("PRAGMA %1 = %2 would write or change settings").arg(a, b);
    case SQLITE_FUNCTION:
        return QStringLiteral("the function %1() is not allowed (it could load code or touch "
                              "files)")
            .arg(b);
    default:
        return QStringLiteral("this statement (action %1) is not allowed").arg(action);
    }
}

QString refusalMessage(const QString &what)
{
    return QStringLiteral("refused: %1; SQL over the cache is read-only").arg(what);
}

} // namespace

bool QueryConnection::isAllowedFunction(const QString &name)
{
    return allowedFunctions().contains(name.toLower());
}

bool QueryConnection::isAllowedPragma(const QString &name, bool hasArgument)
{
    const QString n = name.toLower();
    return pragmasWithArgument().contains(n) ||
           (!hasArgument && pragmasWithoutArgument().contains(n));
}

bool QueryConnection::open(const QList<SqlSource> &sources, QString *error)
{
    close();
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        close();
        return false;
    };
    if (sources.isEmpty())
        return fail(QStringLiteral("there is no cache to query"));
    for (const SqlSource &s : sources) {
        // The same checks as every reader: ours, this schema version, completed.
        CacheReader check;
        QString why;
        if (!check.open(s.cachePath, &why))
            return fail(why);
    }
    {
        QMutexLocker lock(&m_handleLock);
        if (!m_db.openReadOnly(sources.first().cachePath, error))
            return false;
    }
    sqlite3 *db = m_db.handle();
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    if (sources.size() > 1) {
        m_attachLimit = sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, -1);
        m_attachOnDemand = sources.size() > m_attachLimit;
        if (!m_attachOnDemand) {
            for (const SqlSource &s : sources) {
                if (!attach(s, error))
                    return fail(error ? *error : QString());
            }
            // Not one more: the authorizer refuses ATTACH already, this is the second lock.
            sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, int(sources.size()));
        }
    } else {
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    }
    m_sources = sources;
    if (sources.size() == 1)
        m_sources.first().schema = QStringLiteral("main");
    // SQLite declares a table-valued function's table (json_each, pragma_table_info, …) on first
    // use with an internal UPDATE of sqlite_master that an authorizer sees and refuses. Declared
    // here, before the authorizer, they stay usable; each still passes it when queried.
    for (const char *warmUp :
         {"SELECT 1 FROM json_each('[]')", "SELECT 1 FROM json_tree('[]')",
          "SELECT 1 FROM pragma_table_info('meta')", "SELECT 1 FROM pragma_table_xinfo('meta')",
          "SELECT 1 FROM pragma_index_list('meta')", "SELECT 1 FROM pragma_index_info('x')",
          "SELECT 1 FROM pragma_index_xinfo('x')", "SELECT 1 FROM pragma_foreign_key_list('meta')",
          "SELECT 1 FROM pragma_table_list", "SELECT 1 FROM pragma_database_list",
          "SELECT 1 FROM pragma_collation_list", "SELECT 1 FROM pragma_function_list",
          "SELECT 1 FROM pragma_module_list", "SELECT 1 FROM pragma_pragma_list",
          "SELECT 1 FROM pragma_compile_options", "SELECT 1 FROM dbstat LIMIT 1"})
        m_db.exec(warmUp); // one a build lacks just stays unknown
    sqlite3_set_authorizer(db, &QueryConnection::authorize, this);
    sqlite3_progress_handler(db, 4096, &QueryConnection::progress, this);
    return true;
}

bool QueryConnection::attach(const SqlSource &source, QString *error)
{
    // Prepared and run past the authorizer, which refuses every ATTACH the user writes.
    const QScopedValueRollback<bool> ours(m_ourOwnStatement, true);
    Statement attach(m_db, "ATTACH DATABASE ?1 AS ?2");
    const QByteArray file = Database::fileNameFor(source.cachePath);
    attach.bind(1, std::string_view(file.constData(), size_t(file.size())));
    attach.bind(2, source.schema.toStdString());
    if (!attach.run()) {
        if (error)
            *error = QStringLiteral("cannot attach %1 as %2: %3")
                         .arg(source.cachePath, source.schema, m_db.lastError());
        return false;
    }
    return true;
}

bool QueryConnection::detach(const QString &schema, QString *error)
{
    const QScopedValueRollback<bool> ours(m_ourOwnStatement, true);
    Statement detach(m_db, "DETACH DATABASE ?1");
    detach.bind(1, schema.toStdString());
    if (!detach.run()) {
        if (error)
            *error = QStringLiteral("cannot detach %1: %2").arg(schema, m_db.lastError());
        return false;
    }
    return true;
}

bool QueryConnection::attachNamed(const QSet<QString> &schemas, QString *error)
{
    QList<const SqlSource *> wanted;
    for (const SqlSource &s : std::as_const(m_sources)) {
        if (schemas.contains(s.schema.toLower()))
            wanted << &s;
    }
    if (wanted.size() > m_attachLimit) {
        if (error)
            *error = QStringLiteral("this statement names %1 of this input's %2 caches; SQLite "
                                    "reads at most %3 at once, so split it (e.g. a query per "
                                    "group of ranks)")
                         .arg(wanted.size())
                         .arg(m_sources.size())
                         .arg(m_attachLimit);
        return false;
    }
    for (const SqlSource *s : std::as_const(wanted)) {
        if (m_attached.removeOne(s->schema)) {
            m_attached << s->schema; // named again: the last to be detached
            continue;
        }
        while (m_attached.size() >= m_attachLimit) {
            // The least recently named one the statement does not need.
            qsizetype victim = 0;
            while (victim < m_attached.size() && schemas.contains(m_attached[victim].toLower()))
                ++victim;
            if (!detach(m_attached.takeAt(victim), error))
                return false;
        }
        if (!attach(*s, error))
            return false;
        m_attached << s->schema;
    }
    return true;
}

void QueryConnection::close()
{
    QMutexLocker lock(&m_handleLock);
    m_db.close();
    m_sources.clear();
    m_attached.clear();
    m_attachOnDemand = false;
    m_attachLimit = 0;
}

QList<SqlSchema> QueryConnection::schema()
{
    QList<SqlSchema> result;
    startClock(std::chrono::milliseconds(0), nullptr);
    for (const SqlSource &source : std::as_const(m_sources)) {
        SqlSchema s{source.schema, source.label, {}};
        if (m_attachOnDemand && !attachNamed({source.schema.toLower()}, nullptr))
            continue;
        const QByteArray schemaName = source.schema.toUtf8().replace('"', "\"\"");
        Statement tables(m_db, QByteArray("SELECT name FROM \"" + schemaName +
                                          "\".sqlite_master WHERE type='table' ORDER BY name")
                                   .constData());
        while (tables.step()) {
            SqlTable table{tables.text(0), {}};
            // PRAGMA, not pragma_table_info(): the reading pragma the authorizer allows.
            const QByteArray tableName = table.name.toUtf8().replace('"', "\"\"");
            Statement columns(
                m_db, QByteArray("PRAGMA \"" + schemaName + "\".table_info(\"" + tableName + "\")")
                          .constData());
            while (columns.step())
                table.columns << SqlColumn{columns.text(1), columns.text(2)};
            s.tables << table;
        }
        result << s;
    }
    return result;
}

sqlite3_stmt *QueryConnection::prepare(const QString &sql, QString *error, bool *refused)
{
    if (refused)
        *refused = false;
    auto fail = [&](const QString &why, bool isRefusal) -> sqlite3_stmt * {
        if (error)
            *error = why;
        if (refused)
            *refused = isRefusal;
        return nullptr;
    };
    if (m_attachOnDemand) {
        QString why;
        if (!attachNamed(schemaQualifiers(sql), &why))
            return fail(why, false);
    }
    const QByteArray utf8 = sql.toUtf8();
    m_refusal.clear();
    sqlite3_stmt *stmt = nullptr;
    const char *tail = nullptr;
    const int rc =
        sqlite3_prepare_v3(m_db.handle(), utf8.constData(), int(utf8.size()), 0, &stmt, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        // The authorizer's refusal, whatever code SQLite reports it with.
        if (!m_refusal.isEmpty())
            return fail(refusalMessage(m_refusal), true);
        return fail(m_db.lastError(), false);
    }
    if (!stmt)
        return fail(QStringLiteral("there is no statement to run"), false);
    // Anything after the first statement but blanks and comments is a second statement.
    sqlite3_stmt *next = nullptr;
    const qsizetype rest = utf8.size() - (tail - utf8.constData());
    const int nextRc = sqlite3_prepare_v3(m_db.handle(), tail, int(rest), 0, &next, nullptr);
    sqlite3_finalize(next);
    if (nextRc != SQLITE_OK || next) {
        sqlite3_finalize(stmt);
        return fail(QStringLiteral("one statement at a time, please: there is more after the "
                                   "first ';'"),
                    false);
    }
    // The last lock: whatever the authorizer let through must not write.
    if (!sqlite3_stmt_readonly(stmt)) {
        sqlite3_finalize(stmt);
        return fail(refusalMessage(QStringLiteral("this statement would write")), true);
    }
    return stmt;
}

void QueryConnection::startClock(std::chrono::milliseconds timeLimit,
                                 const std::atomic<bool> *externalStop)
{
    m_cancelled = false;
    m_timedOut = false;
    m_externalStop = externalStop;
    m_timeLimit = timeLimit;
    m_deadline = std::chrono::steady_clock::now() + timeLimit;
}

QString QueryConnection::stopReason() const
{
    if (m_timedOut)
        return QStringLiteral("stopped: the time limit of %1 s was reached")
            .arg(double(m_timeLimit.count()) / 1000.0);
    if (m_cancelled || (m_externalStop && m_externalStop->load()))
        return QStringLiteral("cancelled");
    return {};
}

void QueryConnection::cancel()
{
    m_cancelled = true;
    // A sort or an index build can run long between two progress callbacks.
    QMutexLocker lock(&m_handleLock);
    if (m_db.isOpen())
        sqlite3_interrupt(m_db.handle());
}

int QueryConnection::progress(void *self)
{
    auto *c = static_cast<QueryConnection *>(self);
    if (c->m_cancelled || (c->m_externalStop && c->m_externalStop->load()))
        return 1;
    if (c->m_timeLimit.count() > 0 && std::chrono::steady_clock::now() > c->m_deadline) {
        c->m_timedOut = true;
        return 1;
    }
    return 0;
}

int QueryConnection::authorize(void *self, int action, const char *a, const char *b,
                               const char * /*db*/, const char * /*trigger*/)
{
    auto *c = static_cast<QueryConnection *>(self);
    if (c->m_ourOwnStatement)
        return SQLITE_OK;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        if (isAllowedFunction(text(b)))
            return SQLITE_OK;
        break;
    case SQLITE_PRAGMA:
        if (isAllowedPragma(text(a), b != nullptr))
            return SQLITE_OK;
        break;
    default:
        break;
    }
    if (c->m_refusal.isEmpty()) // the first refusal is the one the user's statement made
        c->m_refusal = describeRefusal(action, text(a), text(b));
    return SQLITE_DENY;
}

} // namespace ts::model

#include "bulkinsert.h"

#include <cstring>

namespace ts::model {

// The virtual table: one row per pending row of its BulkInsert, read once, in order.
struct BulkInsert::Table
{
    sqlite3_vtab base; // first: SQLite hands out pointers to it
    BulkInsert *owner;
};

struct BulkInsert::Cursor
{
    sqlite3_vtab_cursor base;
    size_t row;
};

BulkInsert *BulkInsert::ownerOf(sqlite3_vtab_cursor *cursor)
{
    return reinterpret_cast<Table *>(cursor->pVtab)->owner;
}

const sqlite3_module BulkInsert::kModule = [] {
    sqlite3_module m{};
    m.iVersion = 0;
    // xCreate stays null: the table is eponymous only, never part of the schema.
    m.xConnect = [](sqlite3 *db, void *aux, int, const char *const *, sqlite3_vtab **out,
                    char **) -> int {
        auto *owner = static_cast<BulkInsert *>(aux);
        std::string declaration = "CREATE TABLE x(";
        for (size_t i = 0; i < owner->m_columns; ++i)
            declaration += (i ? ",c" : "c") + std::to_string(i);
        declaration += ")";
        const int rc = sqlite3_declare_vtab(db, declaration.c_str());
        if (rc != SQLITE_OK)
            return rc;
        auto *table = new (std::nothrow) Table{};
        if (!table)
            return SQLITE_NOMEM;
        table->owner = owner;
        *out = &table->base;
        return SQLITE_OK;
    };
    m.xBestIndex = [](sqlite3_vtab *vtab, sqlite3_index_info *info) -> int {
        // A plain scan: nothing here can filter or order, and nothing asks it to.
        info->estimatedCost = double(reinterpret_cast<Table *>(vtab)->owner->m_pending) + 1;
        info->estimatedRows = sqlite3_int64(reinterpret_cast<Table *>(vtab)->owner->m_pending);
        return SQLITE_OK;
    };
    m.xDisconnect = [](sqlite3_vtab *vtab) -> int {
        delete reinterpret_cast<Table *>(vtab);
        return SQLITE_OK;
    };
    m.xOpen = [](sqlite3_vtab *, sqlite3_vtab_cursor **out) -> int {
        auto *cursor = new (std::nothrow) Cursor{};
        if (!cursor)
            return SQLITE_NOMEM;
        *out = &cursor->base;
        return SQLITE_OK;
    };
    m.xClose = [](sqlite3_vtab_cursor *cursor) -> int {
        delete reinterpret_cast<Cursor *>(cursor);
        return SQLITE_OK;
    };
    m.xFilter = [](sqlite3_vtab_cursor *cursor, int, const char *, int, sqlite3_value **) -> int {
        reinterpret_cast<Cursor *>(cursor)->row = 0;
        return SQLITE_OK;
    };
    m.xNext = [](sqlite3_vtab_cursor *cursor) -> int {
        ++reinterpret_cast<Cursor *>(cursor)->row;
        return SQLITE_OK;
    };
    m.xEof = [](sqlite3_vtab_cursor *cursor) -> int {
        return reinterpret_cast<Cursor *>(cursor)->row >= ownerOf(cursor)->m_pending;
    };
    m.xColumn = [](sqlite3_vtab_cursor *cursor, sqlite3_context *ctx, int column) -> int {
        const BulkInsert *owner = ownerOf(cursor);
        const size_t row = reinterpret_cast<Cursor *>(cursor)->row;
        const Cell &c = owner->m_cells[row * owner->m_columns + size_t(column)];
        switch (c.type) {
        case SQLITE_INTEGER:
            sqlite3_result_int64(ctx, c.i);
            break;
        case SQLITE_FLOAT:
            sqlite3_result_double(ctx, c.d);
            break;
        case SQLITE_TEXT:
            // The batch is not touched until the INSERT that reads it has finished.
            sqlite3_result_text(ctx, owner->m_text.data() + (c.text >> 32),
                                int(c.text & 0xffffffffu), SQLITE_STATIC);
            break;
        default:
            sqlite3_result_null(ctx);
            break;
        }
        return SQLITE_OK;
    };
    m.xRowid = [](sqlite3_vtab_cursor *cursor, sqlite3_int64 *rowid) -> int {
        *rowid = sqlite3_int64(reinterpret_cast<Cursor *>(cursor)->row);
        return SQLITE_OK;
    };
    return m;
}();

BulkInsert::BulkInsert(sqlite3 *db, std::string_view table,
                       std::initializer_list<const char *> columns, size_t batchRows)
    : m_db(db), m_moduleName("ts_bulk_" + std::string(table)), m_columns(columns.size()),
      m_batchRows(batchRows)
{
    if (sqlite3_create_module_v2(db, m_moduleName.c_str(), &kModule, this, nullptr) != SQLITE_OK)
        return;
    std::string sql = "INSERT INTO " + std::string(table) + "(";
    std::string select;
    size_t i = 0;
    for (const char *column : columns) {
        sql += (i ? "," : "") + std::string(column);
        select += (i ? ",c" : "c") + std::to_string(i);
        ++i;
    }
    sql += ") SELECT " + select + " FROM " + m_moduleName;
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_insert, nullptr) !=
        SQLITE_OK)
        m_insert = nullptr;
    m_cells.reserve(m_batchRows * m_columns);
}

BulkInsert::~BulkInsert()
{
    // The statement holds the virtual table; the table holds `this`. Both go before we do.
    sqlite3_finalize(m_insert);
    sqlite3_create_module_v2(m_db, m_moduleName.c_str(), nullptr, nullptr, nullptr);
}

BulkInsert &BulkInsert::addText(std::string_view s)
{
    Cell &c = m_cells.emplace_back();
    c.type = SQLITE_TEXT;
    c.text = uint64_t(m_text.size()) << 32 | uint32_t(s.size());
    m_text.append(s.data(), s.size());
    return *this;
}

bool BulkInsert::flush()
{
    if (m_pending == 0)
        return true;
    const bool ok = m_insert && sqlite3_step(m_insert) == SQLITE_DONE;
    sqlite3_reset(m_insert);
    m_cells.clear();
    m_text.clear();
    m_pending = 0;
    return ok;
}

} // namespace ts::model

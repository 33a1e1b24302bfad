#pragma once
// What the Ascend database reader knows of msprof_*.db / ascend_pytorch_profiler_*.db: the
// tables it may read (every other table — MindStudio Insight's status_info, OVERLAP_ANALYSIS,
// renamed _…_old copies — is never touched), the columns it needs from each, and the lookups
// every table shares: STRING_IDS (almost every text column is an id into it) and the ENUM_*
// tables (their contents differ between versions, so they are joined, never hard-coded).

#include "foreigndb/foreigndb.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ts::parsers {

// Every table a statement of ours may read.
const std::vector<std::string> &ascendDbTables();
// True when the file has the shape of an Ascend profiler DB (STRING_IDS plus a data table).
bool looksLikeAscendDb(const ForeignDb &db);
// Empty when `table` has every column; else "table X lacks column(s) a, b".
std::string missingColumns(const ForeignDb &db, std::string_view table,
                           std::initializer_list<std::string_view> columns);
// `alias.column` when the table declares it, else NULL: optional columns vary by version.
std::string columnOrNull(const ForeignDb &db, std::string_view table, std::string_view alias,
                         std::string_view column);
// The same for several columns, joined by ", " (one select list however many a version has).
std::string columnsOrNull(const ForeignDb &db, std::string_view table, std::string_view alias,
                          std::initializer_list<std::string_view> columns);

// STRING_IDS held in memory (the one table every join needs): id → text.
class DbStrings
{
public:
    bool load(const ForeignDb &db, std::string &error);
    // The text of an id held in column `col` of the query's row; empty for NULL or unknown ids.
    std::string_view at(const ForeignQuery &q, int col) const;
    std::string_view byId(int64_t id) const;
    size_t size() const { return m_dense.size() + m_sparse.size(); }

private:
    std::vector<std::string> m_dense; // ids 0..n-1 (the usual case)
    std::unordered_map<int64_t, std::string> m_sparse;
};

// One ENUM_* table (id → name); empty when the file lacks it.
class DbEnum
{
public:
    bool load(const ForeignDb &db, const char *table, std::string &error);
    std::string_view name(int64_t id) const;
    std::string_view at(const ForeignQuery &q, int col) const;

private:
    std::unordered_map<int64_t, std::string> m_names;
};

} // namespace ts::parsers

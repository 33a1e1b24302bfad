#pragma once
// The msMemScope tables' schema text (memscopeschema.sql, memscopeindexes.sql; compiled in by
// CMake).

namespace ts::model {

const char *memScopeSchemaSql();
const char *memScopeIndexSql();

} // namespace ts::model

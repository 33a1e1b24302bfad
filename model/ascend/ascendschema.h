#pragma once
// The Ascend tables' schema text (ascendschema.sql, ascendindexes.sql; compiled in by CMake).

namespace ts::model {

const char *ascendSchemaSql();
const char *ascendIndexSql();

} // namespace ts::model

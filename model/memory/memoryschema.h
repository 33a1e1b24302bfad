#pragma once
// The memory tables' schema text (memoryschema.sql, compiled in by CMake).

namespace ts::model {

const char *memorySchemaSql();

} // namespace ts::model

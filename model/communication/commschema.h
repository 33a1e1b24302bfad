#pragma once
// The communication tables' schema text (commschema.sql; compiled in by CMake).

namespace ts::model {

const char *commSchemaSql();

} // namespace ts::model

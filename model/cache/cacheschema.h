#pragma once
// Versions and the schema text (schema.sql / indexes.sql, compiled in by CMake).

namespace ts::model {

inline constexpr int kSchemaVersion = 4; // 2: slice_pack; 3: import and memory tables; 4: Ascend tables
inline constexpr int kImporterVersion = 1; // bump when an importer's output changes
inline constexpr char kCacheSuffix[] = ".tscache";

const char *schemaSql();
const char *indexSql();

} // namespace ts::model

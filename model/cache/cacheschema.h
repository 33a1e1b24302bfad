#pragma once
// Versions and the schema text (schema.sql / indexes.sql, compiled in by CMake).

namespace ts::model {

// 2: slice_pack; 3: import and memory tables; 4: Ascend tables; 5: application_id set
inline constexpr int kSchemaVersion = 5;
// PRAGMA application_id of every cache we write ("TSC1"): what tells our caches from foreign
// SQLite files (profiler DBs) by the 100-byte header alone (big-endian at offset 68), without
// opening anything with SQLite. A foreign DB goes to the sandboxed child like any input.
inline constexpr int kApplicationId = 0x54534331;
inline constexpr int kApplicationIdOffset = 68;
inline constexpr int kImporterVersion = 1; // bump when an importer's output changes
inline constexpr char kCacheSuffix[] = ".tscache";

const char *schemaSql();
const char *indexSql();

} // namespace ts::model

-- The TraceScope cache: one SQLite file per imported input file. Source of truth for every table;
-- compiled into the model library. Times are int64 nanoseconds; ids are assigned by the writer.
-- PRAGMA user_version holds the schema version (kSchemaVersion in cacheschema.h), PRAGMA
-- application_id our mark (kApplicationId): how the app tells a cache of ours from a foreign DB.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,   -- input_sha256, input_name, input_size (bytes), format,
    value TEXT NOT NULL       -- importer_version, schema_version, base_time_ns (ns), complete (1),
) WITHOUT ROWID;              -- and the import counts (processes, slices, …)

CREATE TABLE string (
    id  INTEGER PRIMARY KEY,  -- the importer's string id
    str TEXT NOT NULL         -- UTF-8, checked before it was written
);

CREATE TABLE process (
    id         INTEGER PRIMARY KEY,
    pid        INTEGER NOT NULL,  -- as in the trace (synthetic for string pids)
    name_id    INTEGER,           -- string.id or NULL
    label_id   INTEGER,           -- string.id or NULL ("GPU 0", "CPU")
    sort_index INTEGER NOT NULL,  -- display order
    rank       INTEGER            -- distributed rank or NULL
);

CREATE TABLE thread (
    id         INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL,  -- process.id
    tid        INTEGER NOT NULL,
    name_id    INTEGER,           -- string.id or NULL
    sort_index INTEGER NOT NULL
);

CREATE TABLE track (
    id         INTEGER PRIMARY KEY,
    kind       INTEGER NOT NULL,  -- 1 thread slices, 2 counter, 3 process instants, 4 global
    flags      INTEGER NOT NULL,  -- bit 0: derived series (e.g. [memory] totals)
    process_id INTEGER,           -- process.id or NULL (global)
    thread_id  INTEGER,           -- thread.id or NULL
    name_id    INTEGER,           -- string.id or NULL
    max_depth  INTEGER NOT NULL DEFAULT 0  -- deepest slice depth on the track
);

CREATE TABLE args (
    id   INTEGER PRIMARY KEY,
    json TEXT NOT NULL            -- the event's args, compact JSON object text
);

-- Ids follow (track_id, ts, dur DESC): the slices of one track are one id range, sorted.
CREATE TABLE slice (
    id          INTEGER PRIMARY KEY,
    track_id    INTEGER NOT NULL, -- track.id
    ts          INTEGER NOT NULL, -- start, ns
    dur         INTEGER NOT NULL, -- duration, ns (>= 0)
    depth       INTEGER NOT NULL, -- nesting depth on the track, 0 = top
    name_id     INTEGER NOT NULL, -- string.id
    category_id INTEGER,          -- string.id or NULL
    arg_set_id  INTEGER,          -- args.id or NULL
    parent_id   INTEGER           -- slice.id of the enclosing slice or NULL
);

-- A packed copy of the slice table for the timeline, which loads it with a few large reads
-- instead of one row per slice. For each track and depth, the slices of that depth in id order
-- (so by ts; slices of one depth never overlap), cut into chunks of at most 65536 slices, one
-- row per chunk, rows in (track_id, depth, first_index) order. data is `count` records of 24
-- bytes, little-endian: i64 ts (start, ns, as in slice.ts: before base_time_ns), i64 dur (ns),
-- u32 name_id (string.id), u32 slice.id. Written from the same sorted pass as the slice table.
CREATE TABLE slice_pack (
    track_id    INTEGER NOT NULL, -- track.id
    depth       INTEGER NOT NULL, -- nesting depth, 0 = top
    first_index INTEGER NOT NULL, -- position of the chunk's first slice in the (track, depth) array
    count       INTEGER NOT NULL, -- slices in the chunk, 1..65536
    data        BLOB NOT NULL     -- count × 24 bytes, as above
);

CREATE TABLE instant (
    id          INTEGER PRIMARY KEY,
    track_id    INTEGER NOT NULL, -- track.id
    ts          INTEGER NOT NULL, -- ns
    name_id     INTEGER NOT NULL, -- string.id
    category_id INTEGER,          -- string.id or NULL
    scope       INTEGER NOT NULL, -- 0 thread, 1 process, 2 global
    arg_set_id  INTEGER           -- args.id or NULL
);

CREATE TABLE counter (
    track_id INTEGER NOT NULL,    -- track.id (kind 2)
    ts       INTEGER NOT NULL,    -- ns
    value    REAL NOT NULL        -- in the series' own unit (bytes for memory totals)
);

-- Kept as rows arrive: a trace lists each series' samples nearly in time order, so new entries
-- land at the end of their track's range (indexes.sql has those built at the end).
CREATE INDEX counter_track_ts ON counter(track_id, ts);
CREATE INDEX instant_track_ts ON instant(track_id, ts);

CREATE TABLE flow (
    id          INTEGER PRIMARY KEY,
    slice_out   INTEGER NOT NULL, -- slice.id where the arrow starts (e.g. cudaLaunchKernel)
    slice_in    INTEGER NOT NULL, -- slice.id where it ends (e.g. the kernel)
    name_id     INTEGER,          -- string.id or NULL
    category_id INTEGER           -- string.id or NULL
);

CREATE TABLE skipped (
    reason TEXT PRIMARY KEY,      -- why events were not stored
    count  INTEGER NOT NULL       -- how many
) WITHOUT ROWID;

CREATE TABLE warning (
    offset  INTEGER NOT NULL,     -- byte offset in the (decompressed) input, or 0
    message TEXT NOT NULL
);

CREATE TABLE metadata (
    key   TEXT NOT NULL,          -- top-level trace metadata (distributedInfo, deviceProperties, …)
    value TEXT NOT NULL           -- JSON text for structured values
);

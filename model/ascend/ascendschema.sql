-- Ascend tables of the TraceScope cache: what an msprof / torch_npu profiling folder holds beyond
-- a timeline (records/ascendrecords.h). Created by AscendWriter (ascendwriter.h) beside the
-- tables of cache/schema.sql, in the same transaction. Text and database readers fill them the
-- same way, so nothing downstream knows which one it was.
-- Times are int64 ns since the Unix epoch, durations int64 ns; NULL = the source has none.
-- Sizes are bytes (the reader converts from the file's MB / KB). device is the NPU index, NULL
-- when the source names none. *_id columns name string.id; NULL = none. A u64 (stream pointer)
-- is stored as the int64 with the same bits.

CREATE TABLE IF NOT EXISTS device_task (
    id          INTEGER PRIMARY KEY,  -- arrival order
    device      INTEGER,              -- NPU index
    stream      INTEGER,              -- stream id, NULL for communication rows (N/A)
    task_id     INTEGER,              -- task id on the stream, NULL when N/A
    ts          INTEGER NOT NULL,     -- ns: task start
    dur         INTEGER,              -- ns
    wait        INTEGER,              -- ns: wait before the task (Wait Time)
    kind        INTEGER NOT NULL,     -- 0 other, 1 compute, 2 communication (rec::TaskKind)
    name_id     INTEGER,              -- string.id: kernel / op name
    op_type_id  INTEGER,              -- string.id: op type
    core_id     INTEGER,              -- string.id: accelerator core or task type (AI_CORE, …)
    columns     TEXT                  -- JSON object: every other column of the row by header name
);

CREATE TABLE IF NOT EXISTS step_time (
    id          INTEGER PRIMARY KEY,  -- arrival order
    step        INTEGER,              -- step number, NULL when the row has none
    device      INTEGER,              -- NPU index
    start_ns    INTEGER,              -- ns: step start, NULL when the source gives durations only
    end_ns      INTEGER,              -- ns
    metrics     TEXT                  -- JSON object: durations in ns by column name (Computing, Free, …)
);

CREATE TABLE IF NOT EXISTS mem_record (
    id           INTEGER PRIMARY KEY, -- arrival order
    device       INTEGER,             -- NPU index
    component_id INTEGER NOT NULL,    -- string.id: APP, PTA, GE, PTA+GE, …
    ts           INTEGER NOT NULL,    -- ns
    allocated    INTEGER,             -- bytes: total allocated, NULL = not recorded
    reserved     INTEGER,             -- bytes: total reserved
    active       INTEGER,             -- bytes: total active
    stream_ptr   INTEGER              -- stream pointer (u64 bits), NULL = none
);

CREATE TABLE IF NOT EXISTS op_memory (
    id                INTEGER PRIMARY KEY, -- arrival order
    device            INTEGER,             -- NPU index
    name_id           INTEGER NOT NULL,    -- string.id: operator name
    size              INTEGER NOT NULL,    -- bytes; < 0: a release whose allocation fell before the window
    alloc_ts          INTEGER,             -- ns
    release_ts        INTEGER,             -- ns, NULL = released after the window
    active_release_ts INTEGER,             -- ns, NULL = none
    stream_ptr        INTEGER              -- stream pointer (u64 bits), NULL = none
);

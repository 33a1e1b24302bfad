-- msMemScope tables of the TraceScope cache (records/memscoperecords.h). Created by
-- MemScopeWriter (memscopewriter.h) beside the tables of cache/schema.sql, in the same
-- transaction; memscope_block and memscope_orphan_free are derived from memscope_event at the
-- end of the import by the one pairing rule (blockpairing.h).
-- Times are int64 ns since the Unix epoch; sizes are bytes; ptr is the address as the int64
-- with the same bits. device: the NPU index, -2 for the host ("cpu", "host"), NULL for N/A.
-- *_id columns name string.id; NULL = none.

CREATE TABLE IF NOT EXISTS memscope_event (
    id          INTEGER PRIMARY KEY,  -- arrival order (the file's row order)
    row_id      INTEGER,              -- the file's ID column, NULL when N/A
    kind        INTEGER NOT NULL,     -- rec::MemScopeKind: 0 other, 1 MALLOC, 2 FREE, 3 ACCESS, 4 OP_LAUNCH, 5 KERNEL_LAUNCH, 6 MSTX, 7 SYSTEM
    event_id    INTEGER NOT NULL,     -- string.id: Event as written
    type_id     INTEGER,              -- string.id: Event Type (HAL, PTA, …)
    name_id     INTEGER,              -- string.id: Name (operator, kernel, MSTX label)
    ts          INTEGER NOT NULL,     -- ns
    pid         INTEGER,              -- Process Id
    tid         INTEGER,              -- Thread Id
    device      INTEGER,              -- NPU index, -2 host, NULL N/A
    ptr         INTEGER,              -- address (u64 bits), NULL = N/A
    size        INTEGER,              -- bytes: Attr size as written (FREE rows of 2025-04 files: negative)
    owner_id    INTEGER,              -- string.id: Attr owner (A@B@C)
    py_stack_id INTEGER,              -- string.id: Call Stack(Python)
    c_stack_id  INTEGER,              -- string.id: Call Stack(C)
    attr        TEXT                  -- JSON object: Attr, every value a string
);

CREATE TABLE IF NOT EXISTS memscope_block (
    id          INTEGER PRIMARY KEY,  -- in order of the block's end (leaked blocks last)
    alloc_event INTEGER NOT NULL,     -- memscope_event.id of the MALLOC
    free_event  INTEGER,              -- memscope_event.id of the FREE, NULL = leaked
    alloc_ts    INTEGER NOT NULL,     -- ns
    free_ts     INTEGER,              -- ns, NULL = leaked (live at the end of the data)
    device      INTEGER,              -- the MALLOC's device (NPU index, -2 host, NULL N/A)
    pid         INTEGER,
    type_id     INTEGER,              -- string.id: Event Type (the allocator)
    ptr         INTEGER,              -- address (u64 bits)
    size        INTEGER NOT NULL,     -- bytes: the MALLOC's Attr size (0 when it has none)
    owner_id    INTEGER               -- string.id
);

CREATE TABLE IF NOT EXISTS memscope_orphan_free (
    event       INTEGER PRIMARY KEY   -- memscope_event.id of a FREE with no live block (allocated before recording)
);

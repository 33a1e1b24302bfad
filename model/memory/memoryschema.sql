-- Memory tables of the TraceScope cache: what a PyTorch CUDA memory snapshot holds. Created by
-- MemoryWriter (memorywriter.h) beside the tables of cache/schema.sql, in the same transaction.
-- Sizes and addresses are bytes. A u64 from the snapshot (address, stream) is stored as the
-- int64 with the same bits: an address ≥ 2^63 reads back negative; cast to uint64 to use it.
-- Times are int64 ns since the Unix epoch, NULL when the snapshot has none (older PyTorch).
-- *_id columns name string.id, stack.id, stack_frame.id or mem_segment.id; NULL = none.

CREATE TABLE IF NOT EXISTS stack_frame (
    id      INTEGER PRIMARY KEY,  -- the importer's frame id; one row per distinct (name, file, line)
    name_id INTEGER NOT NULL,     -- string.id: function name
    file_id INTEGER NOT NULL,     -- string.id: file name ("??" for unwound C++ frames)
    line    INTEGER NOT NULL      -- line number, 0 when unknown
);

CREATE TABLE IF NOT EXISTS stack (
    id     INTEGER PRIMARY KEY,   -- the importer's stack id; each distinct stack once
    depth  INTEGER NOT NULL,      -- number of frames
    frames BLOB NOT NULL          -- depth × u32 little-endian stack_frame.id, innermost first
);

CREATE TABLE IF NOT EXISTS mem_segment (
    id             INTEGER PRIMARY KEY,  -- the importer's segment id (dump order)
    device         INTEGER NOT NULL,     -- device index
    address        INTEGER NOT NULL,     -- bytes: device pointer (u64 bits)
    total_size     INTEGER NOT NULL,     -- bytes reserved (cudaMalloc'd)
    allocated_size INTEGER NOT NULL,     -- bytes in active_allocated blocks at dump time
    active_size    INTEGER NOT NULL,     -- bytes allocated + pending free at dump time
    requested_size INTEGER NOT NULL,     -- bytes the callers asked for
    stream         INTEGER NOT NULL,     -- raw cudaStream_t (u64 bits), 0 = default stream
    segment_type   INTEGER NOT NULL,     -- 0 unknown, 1 large, 2 small
    is_expandable  INTEGER NOT NULL,     -- 0/1
    pool_id_0      INTEGER,              -- segment_pool_id tuple, NULL when absent
    pool_id_1      INTEGER,
    stack_id       INTEGER               -- stack.id where the segment was allocated
);

CREATE TABLE IF NOT EXISTS mem_block (
    id             INTEGER PRIMARY KEY,  -- arrival order (by segment, then address)
    segment_id     INTEGER NOT NULL,     -- mem_segment.id
    address        INTEGER NOT NULL,     -- bytes: device pointer (u64 bits)
    size           INTEGER NOT NULL,     -- bytes, rounded by the allocator
    requested_size INTEGER NOT NULL,     -- bytes asked for; size - requested_size is waste
    state          INTEGER NOT NULL,     -- 0 unknown, 1 active_allocated, 2 active_pending_free,
                                         -- 3 inactive (free, cached)
    stack_id       INTEGER               -- stack.id of the allocation
);

CREATE TABLE IF NOT EXISTS mem_event (
    id           INTEGER PRIMARY KEY,  -- arrival order: device by device, then seq
    device       INTEGER NOT NULL,     -- device index (position in device_traces)
    seq          INTEGER NOT NULL,     -- index of the entry in its device's trace, from 0
    action       INTEGER NOT NULL,     -- 1 alloc, 2 free_requested, 3 free_completed,
                                       -- 4 segment_alloc, 5 segment_free, 6 segment_map,
                                       -- 7 segment_unmap, 8 oom, 9 snapshot
    addr         INTEGER NOT NULL,     -- bytes: device pointer (u64 bits); 0 for snapshot
    size         INTEGER NOT NULL,     -- bytes (snapshot: bytes allocated at that moment)
    stream       INTEGER NOT NULL,     -- raw cudaStream_t (u64 bits)
    ts           INTEGER,              -- ns since the Unix epoch, NULL without time_us
    before_trace INTEGER NOT NULL,     -- 1: a free whose alloc fell before recording began
    device_free  INTEGER,              -- bytes free on the device (oom only), else NULL
    category_id  INTEGER,              -- string.id of the entry's category, NULL when none
    stack_id     INTEGER               -- stack.id
);

-- The rows of mem_event again, packed, for the Memory view: it reads millions of events as a few
-- hundred blobs instead of one row each. Runs of consecutive mem_event rows of one device, at
-- most 16384 a row; written as rows arrive, so the rows after the last pack (fewer than 16384)
-- are only in mem_event and readers take them from there. events is count × 48-byte records,
-- little-endian (layout in memoryevent.h): i64 seq, i64 ts (ns, 0 when NULL), u64 addr, u64 size,
-- u64 stream, u32 stack_id (0 = NULL), u8 action, u8 flags (1 ts present, 2 before_trace), u16 0.
CREATE TABLE IF NOT EXISTS mem_event_pack (
    first_id INTEGER PRIMARY KEY, -- mem_event.id of the first row packed
    device   INTEGER NOT NULL,    -- device index of every row in the pack
    count    INTEGER NOT NULL,    -- rows packed: mem_event ids first_id … first_id + count - 1
    events   BLOB NOT NULL        -- count × 48 bytes, as above
);

CREATE TABLE IF NOT EXISTS mem_annotation (
    id      INTEGER PRIMARY KEY,
    device  INTEGER NOT NULL,   -- device index
    ts      INTEGER,            -- ns since the Unix epoch, NULL when absent
    stage   INTEGER NOT NULL,   -- 1 START, 2 END
    name_id INTEGER NOT NULL    -- string.id, e.g. "Optimizer.step#AdamW.step"
);

-- Rows arrive in these orders already, so the indexes cost little while writing.
CREATE INDEX IF NOT EXISTS mem_event_by_device ON mem_event(device, seq);
CREATE INDEX IF NOT EXISTS mem_block_by_segment ON mem_block(segment_id, address);

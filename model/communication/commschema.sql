-- Communication tables of the TraceScope cache: what HCCL's analysis says about each
-- communication operator (records/commrecords.h) — communication.json, communication_matrix.json,
-- analysis.db's CommAnalyzer* tables, msprof-analyze's cluster_communication(_matrix).json.
-- Created by CommWriter (commwriter.h) beside the other tables, in the same transaction.
-- Every table starts with the same key: rank (NULL = the rank of the folder the file lies in;
-- cluster files name it), step_id ("step50"), scope_id ("collective", "p2p", or a cluster group's
-- rank list "(0, 1, 2, 3)"), op_id (the operator: "hcom_allReduce__586_0_1", an aggregate such as
-- "allreduce-top1", or "Total Op Info"), group_id (the communication group's hash, NULL = none).
-- *_id columns name string.id. Durations int64 ns, sizes bytes (the files' MB are 10^6 bytes),
-- bandwidth GB/s (= bytes per ns) as a real, ratios 0…1; NULL = the source has none.

CREATE TABLE IF NOT EXISTS comm_op (
    id          INTEGER PRIMARY KEY,  -- arrival order
    rank        INTEGER,              -- NULL: the rank folder's rank
    step_id     INTEGER NOT NULL,     -- string.id: "step50", "step"
    scope_id    INTEGER NOT NULL,     -- string.id: collective, p2p, (0, 1, …)
    op_id       INTEGER NOT NULL,     -- string.id: operator name ("Total Op Info": the totals)
    group_id    INTEGER,              -- string.id: group hash
    start_ns    INTEGER,              -- ns since the epoch: the operator's start
    elapse      INTEGER,              -- ns: Elapse Time
    transit     INTEGER,              -- ns: Transit Time (moving data)
    wait        INTEGER,              -- ns: Wait Time (waiting for the peers)
    sync        INTEGER,              -- ns: Synchronization Time (part of the wait)
    idle        INTEGER,              -- ns: Idle Time
    wait_ratio  REAL,                 -- wait / (wait + transit), as the file gives it
    sync_ratio  REAL                  -- sync / (sync + transit), as the file gives it
);

CREATE TABLE IF NOT EXISTS comm_link (
    id                 INTEGER PRIMARY KEY, -- arrival order
    rank               INTEGER,
    step_id            INTEGER NOT NULL,
    scope_id           INTEGER NOT NULL,
    op_id              INTEGER NOT NULL,
    group_id           INTEGER,
    link_id            INTEGER NOT NULL,    -- string.id: HCCS, PCIE, RDMA, SDMA, SIO, …
    size               INTEGER,             -- bytes moved over this link type
    time               INTEGER,             -- ns spent moving them
    bandwidth          REAL,                -- GB/s
    large_packet_ratio REAL,                -- 0…1
    distribution       TEXT                 -- JSON {"<packet bytes>": [count, total ns], …}
);

CREATE TABLE IF NOT EXISTS comm_matrix (
    id           INTEGER PRIMARY KEY, -- arrival order
    rank         INTEGER,
    step_id      INTEGER NOT NULL,
    scope_id     INTEGER NOT NULL,
    op_id        INTEGER NOT NULL,    -- operator or aggregate (allreduce-top1, …-total)
    group_id     INTEGER,
    src_rank     INTEGER NOT NULL,    -- sending rank
    dst_rank     INTEGER NOT NULL,    -- receiving rank
    transport_id INTEGER NOT NULL,    -- string.id: LOCAL, HCCS, PCIE, RDMA, SIO, …
    size         INTEGER,             -- bytes
    time         INTEGER,             -- ns
    bandwidth    REAL,                -- GB/s
    op_name_id   INTEGER              -- string.id: the operator behind an aggregate row
);

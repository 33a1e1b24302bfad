#!/usr/bin/env python3
"""Writes the cluster gen_ascend_text.py writes, as the torch_npu database export: N rank folders
`worker_{pid}_{stamp}_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_{rank}.db` with the
tables and columns TraceScope's DB reader reads (parsers/ascend/ascenddb*.cpp,
shared/formats/ascend.md): STRING_IDS, ENUM_API_TYPE, PYTORCH_API, CANN_API, CONNECTION_IDS, TASK,
COMPUTE_TASK_INFO, MEMORY_RECORD, OP_MEMORY, STEP_TIME, RANK_DEVICE_MAP.

The rows are the text generator's own, row for row (its write_rank runs with the text sized but
thrown away): every Python op is a PYTORCH_API row, its aclnn call a CANN_API row, its kernel a
TASK row with its COMPUTE_TASK_INFO; the async_npu flow goes PYTORCH_API → CONNECTION_IDS → TASK
and HostToDevice CANN_API → TASK by connectionId; memory_record.csv rows are MEMORY_RECORD (bytes),
operator_memory.csv rows OP_MEMORY (bytes). --total-mb names the text export's size, so the two
forms hold the same data; the DBs come out at about half of it.

Prints one JSON line: what it wrote, summed over the ranks, in the fields `tracescope --import`
reports (slices, flows, kernels, memory_records, operator_allocations, steps, ranks).

    gen_ascend_db.py OUT_DIR [--ranks 8] [--total-mb 2048] [--seed 1]
"""

import argparse
import json
import os
import random
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_ascend_text  # noqa: E402

SCHEMA = """
CREATE TABLE STRING_IDS (id INTEGER PRIMARY KEY, value TEXT);
CREATE TABLE ENUM_API_TYPE (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE PYTORCH_API (startNs INTEGER, endNs INTEGER, globalTid INTEGER, connectionId INTEGER,
  name INTEGER, sequenceNumber INTEGER, fwdThreadId INTEGER, inputDtypes INTEGER,
  inputShapes INTEGER, callchainId INTEGER, type INTEGER);
CREATE TABLE CANN_API (startNs INTEGER, endNs INTEGER, type INTEGER, globalTid INTEGER,
  connectionId INTEGER PRIMARY KEY, name INTEGER);
CREATE TABLE CONNECTION_IDS (id INTEGER, connectionId INTEGER);
CREATE TABLE TASK (startNs INTEGER, endNs INTEGER, deviceId INTEGER, connectionId INTEGER,
  globalTaskId INTEGER, globalPid INTEGER, taskType INTEGER, contextId INTEGER, streamId INTEGER,
  taskId INTEGER, modelId INTEGER);
CREATE TABLE COMPUTE_TASK_INFO (name INTEGER, globalTaskId INTEGER PRIMARY KEY, blockDim INTEGER,
  mixBlockDim INTEGER, taskType INTEGER, opType INTEGER, inputFormats INTEGER,
  inputDataTypes INTEGER, inputShapes INTEGER, outputFormats INTEGER, outputDataTypes INTEGER,
  outputShapes INTEGER, attrInfo INTEGER);
CREATE TABLE MEMORY_RECORD (component INTEGER, timestamp INTEGER, totalAllocated INTEGER,
  totalReserved INTEGER, totalActive INTEGER, streamPtr INTEGER, deviceId INTEGER);
CREATE TABLE OP_MEMORY (name INTEGER, size INTEGER, allocationTime INTEGER, releaseTime INTEGER,
  activeReleaseTime INTEGER, duration INTEGER, activeDuration INTEGER,
  allocationTotalAllocated INTEGER, allocationTotalReserved INTEGER,
  allocationTotalActive INTEGER, releaseTotalAllocated INTEGER, releaseTotalReserved INTEGER,
  releaseTotalActive INTEGER, streamPtr INTEGER, deviceId INTEGER);
CREATE TABLE STEP_TIME (id INTEGER, startNs INTEGER, endNs INTEGER);
CREATE TABLE RANK_DEVICE_MAP (rankId INTEGER, deviceId INTEGER);
"""

API_OP, API_ACL = 50001, 20000  # ENUM_API_TYPE ids, as the sample DBs number them
MB = 1 << 20


class SizedNull:
    """A text file that is sized, not kept: what write_rank's tell() needs."""

    def __init__(self, *args, **kwargs):
        self.size = 0

    def write(self, text):
        self.size += len(text.encode())

    def tell(self):
        return self.size

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class RankDb:
    """Turns write_rank's rows into one rank's profiler DB, in batches."""

    BATCH = 20000

    def __init__(self, path, rank, device, host_pid):
        if os.path.exists(path):
            os.remove(path)
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.executescript(SCHEMA)
        self.device, self.host_pid = device, host_pid
        self.gtid = (host_pid << 32) | host_pid
        self.strings = {}
        self.rows = {t: [] for t in ("PYTORCH_API", "CANN_API", "CONNECTION_IDS", "TASK",
                                     "COMPUTE_TASK_INFO", "MEMORY_RECORD", "OP_MEMORY")}
        self.counts = dict(slices=0, flows=0, kernels=0, memory_records=0, operator_allocations=0,
                           steps=0)
        self.db.executemany("INSERT INTO ENUM_API_TYPE VALUES (?, ?)",
                            [(API_OP, "op"), (API_ACL, "acl"), (5000, "runtime")])
        self.db.execute("INSERT INTO RANK_DEVICE_MAP VALUES (?, ?)", (rank, device))
        self.shapes = self.sid("[32, 3];\r\n[3]")
        self.acl = self.sid("AscendCL@aclnnOp")
        self.ai_core, self.matmul = self.sid("AI_CORE"), self.sid("MatMul")
        self.kernel_shapes, self.kernel_types = self.sid('"32,3,224,224";'), self.sid("FLOAT;FLOAT")
        self.pta, self.empty_strided = self.sid("PTA"), self.sid("aten::empty_strided")

    def sid(self, text):
        i = self.strings.get(text)
        if i is None:
            i = self.strings[text] = len(self.strings)
        return i

    def add(self, table, row):
        rows = self.rows[table]
        rows.append(row)
        if len(rows) >= self.BATCH:
            self.flush(table)

    def flush(self, table):
        rows = self.rows[table]
        if rows:
            marks = ",".join("?" * len(rows[0]))
            self.db.executemany("INSERT INTO %s VALUES (%s)" % (table, marks), rows)
            rows.clear()

    def emit(self, kind, *v):
        c = self.counts
        if kind == "python":
            name, ts, dur, seq, conn = v
            self.add("PYTORCH_API", (ts, ts + dur, self.gtid, conn, self.sid(name), seq, None, None,
                                     self.shapes, None, API_OP))
            self.add("CONNECTION_IDS", (conn, conn))
            c["slices"] += 1
        elif kind == "cann":
            ts, dur, conn = v
            self.add("CANN_API", (ts, ts + dur, API_ACL, self.gtid, conn, self.acl))
            c["slices"] += 1
        elif kind == "kernel":
            name, ts, dur, task, conn = v
            self.add("TASK", (ts, ts + dur, self.device, conn, task, self.host_pid, self.ai_core,
                              0, 2, task, 4294967295))
            self.add("COMPUTE_TASK_INFO", (self.sid(name), task, 20, 0, self.ai_core, self.matmul,
                                           None, self.kernel_types, self.kernel_shapes, None, None,
                                           None, None))
            c["slices"] += 1
            c["kernels"] += 1
            c["flows"] += 2  # async_npu from the Python op, HostToDevice from the aclnn call
        elif kind == "memory":
            ts, alloc, reserved, active = v
            self.add("MEMORY_RECORD", (self.pta, ts, round(alloc * MB), round(reserved * MB),
                                       round(active * MB), 89735, self.device))
            c["memory_records"] += 1
        elif kind == "opmem":
            ts, kb, release, dur = v
            self.add("OP_MEMORY", (self.empty_strided, round(kb * 1024), ts, release, release,
                                   dur, dur, None, None, None, None, None, None, 89735,
                                   self.device))
            c["operator_allocations"] += 1
        elif kind == "step":
            start, end = v
            self.db.execute("INSERT INTO STEP_TIME VALUES (1, ?, ?)", (start, end))
            c["steps"] += 1

    def close(self):
        for table in self.rows:
            self.flush(table)
        self.db.executemany("INSERT INTO STRING_IDS VALUES (?, ?)",
                            [(i, s) for s, i in self.strings.items()])
        self.db.commit()
        self.db.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--ranks", type=int, default=8)
    ap.add_argument("--total-mb", type=float, default=2048)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    per_rank = int(args.total_mb * (1 << 20) / args.ranks)
    total = dict(ranks=0, slices=0, flows=0, kernels=0, memory_records=0, operator_allocations=0,
                 steps=0)
    for rank in range(args.ranks):
        device = rank + 4 if rank % 2 else rank  # as the text generator: rank ≠ device
        host_pid = 3096504 + rank
        folder = os.path.join(args.out, "worker_%d_20250109%04d_ascend_pt" % (host_pid, rank))
        out = os.path.join(folder, "ASCEND_PROFILER_OUTPUT")
        os.makedirs(out, exist_ok=True)
        db = RankDb(os.path.join(out, "ascend_pytorch_profiler_%d.db" % rank), rank, device,
                    host_pid)
        gen_ascend_text.write_rank(args.out, rank, device, per_rank,
                                   random.Random(args.seed + rank), opener=SizedNull, emit=db.emit)
        db.close()
        total["ranks"] += 1
        for k, v in db.counts.items():
            total[k] += v
    print(json.dumps(total, sort_keys=True))


if __name__ == "__main__":
    main()

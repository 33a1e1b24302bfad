#!/usr/bin/env python3
"""Seeds for fuzz_ascenddb: small Ascend-profiler-shaped SQLite files written by this script
(our own code, not tool output), covering every table the reader knows, TEXT times, a WAL-mode
header, sentinels, and a few hostile shapes. Run from this folder: python3 make_seeds.py"""
import os
import sqlite3

TABLES = """
CREATE TABLE STRING_IDS (id INTEGER PRIMARY KEY, value TEXT);
CREATE TABLE ENUM_API_TYPE (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE ENUM_MSTX_EVENT_TYPE (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE ENUM_HCCL_DATA_TYPE (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE ENUM_HCCL_LINK_TYPE (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE ENUM_HCCL_TRANSPORT_TYPE (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE ENUM_HCCL_RDMA_TYPE (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE TASK (startNs INTEGER, endNs INTEGER, deviceId INTEGER, connectionId INTEGER,
  globalTaskId INTEGER, globalPid INTEGER, taskType INTEGER, contextId INTEGER, streamId INTEGER,
  taskId INTEGER, modelId INTEGER);
CREATE TABLE COMPUTE_TASK_INFO (name INTEGER, globalTaskId INTEGER PRIMARY KEY, blockDim INTEGER,
  mixBlockDim INTEGER, taskType INTEGER, opType INTEGER, inputFormats INTEGER,
  inputDataTypes INTEGER, inputShapes INTEGER, outputFormats INTEGER, outputDataTypes INTEGER,
  outputShapes INTEGER, attrInfo INTEGER);
CREATE TABLE COMMUNICATION_TASK_INFO (name INTEGER, globalTaskId INTEGER, taskType INTEGER,
  planeId INTEGER, groupName INTEGER, notifyId INTEGER, rdmaType INTEGER, srcRank INTEGER,
  dstRank INTEGER, transportType INTEGER, size INTEGER, dataType INTEGER, linkType INTEGER,
  opId INTEGER);
CREATE TABLE COMMUNICATION_OP (opName INTEGER, startNs INTEGER, endNs INTEGER,
  connectionId INTEGER, groupName INTEGER, opId INTEGER PRIMARY KEY, relay INTEGER,
  retry INTEGER, dataType INTEGER, algType INTEGER, count NUMERIC, opType INTEGER);
CREATE TABLE CANN_API (startNs INTEGER, endNs INTEGER, type INTEGER, globalTid INTEGER,
  connectionId INTEGER PRIMARY KEY, name INTEGER);
CREATE TABLE PYTORCH_API (startNs TEXT, endNs TEXT, globalTid INTEGER, connectionId INTEGER,
  name INTEGER, sequenceNumber INTEGER, fwdThreadId INTEGER, inputDtypes INTEGER,
  inputShapes INTEGER, callchainId INTEGER, type INTEGER);
CREATE TABLE CONNECTION_IDS (id INTEGER, connectionId INTEGER);
CREATE TABLE MSTX_EVENTS (startNs INTEGER, endNs INTEGER, eventType INTEGER, rangeId INTEGER,
  category INTEGER, message INTEGER, globalTid INTEGER, endGlobalTid INTEGER, domainId INTEGER,
  connectionId INTEGER);
CREATE TABLE AICORE_FREQ (deviceId INTEGER, timestampNs NUMERIC, freq INTEGER);
CREATE TABLE HBM (deviceId INTEGER, timestampNs INTEGER, bandwidth NUMERIC, hbmId INTEGER,
  type INTEGER);
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

T0 = 1736408883688177930
GTID = (3136495 << 32) | 3140044


def fill(db, text_times=True, sentinels=False):
    db.executemany("INSERT INTO STRING_IDS VALUES (?, ?)", enumerate(
        ["aten::add", "AscendCL@aclnnAdd", "Add", "AI_CORE", "ND", "FLOAT", "8,16",
         "hcom_allReduce_", "group0", "Notify_Wait", "PTA", "step marker", "ring", "HCCL"]))
    db.executemany("INSERT INTO ENUM_API_TYPE VALUES (?, ?)",
                   [(5000, "runtime"), (20000, "acl"), (50001, "op")])
    db.execute("INSERT INTO ENUM_MSTX_EVENT_TYPE VALUES (0, 'marker')")
    db.execute("INSERT INTO ENUM_HCCL_DATA_TYPE VALUES (65535, 'INVALID_TYPE')")
    for i in range(4):
        s, e = T0 + i * 1000, T0 + i * 1000 + 700
        db.execute("INSERT INTO PYTORCH_API VALUES (?, ?, ?, ?, 0, ?, 0, 5, 6, NULL, 50001)",
                   (str(s) if text_times else s, str(e) if text_times else e, GTID, i, i))
        db.execute("INSERT INTO CONNECTION_IDS VALUES (?, ?)", (i, 100 + i))
        db.execute("INSERT INTO CANN_API VALUES (?, ?, 20000, ?, ?, 1)", (s + 10, s + 600, GTID, 100 + i))
        db.execute("INSERT INTO TASK VALUES (?, ?, 0, ?, ?, 1, 3, 0, 2, ?, ?)",
                   (s + 800, s + 900, 100 + i, i, i, 4294967295 if sentinels else 0))
        db.execute("INSERT INTO COMPUTE_TASK_INFO VALUES (2, ?, 8, 0, 3, 2, 4, 5, 6, 4, 5, 6, NULL)", (i,))
    db.execute("INSERT INTO TASK VALUES (?, ?, 0, 200, 9, 1, 9, 0, 7, 9, 0)", (T0 + 5000, T0 + 5100))
    db.execute("INSERT INTO COMMUNICATION_TASK_INFO VALUES (9, 9, 9, 0, 8, ?, 65535, 0, ?, 65535, "
               "1024, 65535, 65535, 1)", (9223372036854775807 if sentinels else 1, 4294967295))
    db.execute("INSERT INTO COMMUNICATION_OP VALUES (7, ?, ?, 200, 8, 1, 0, 0, 65535, 12, 16, 13)",
               (T0 + 4900, T0 + 5200))
    db.execute("INSERT INTO MSTX_EVENTS VALUES (?, ?, 0, 0, 0, 11, ?, ?, 0, 0)", (T0, T0, GTID, GTID))
    db.executemany("INSERT INTO AICORE_FREQ VALUES (0, ?, ?)", [(T0, 1800), (T0 + 3000, 1650)])
    db.execute("INSERT INTO HBM VALUES (0, ?, 12.5, 0, 0)", (T0,))
    db.execute("INSERT INTO MEMORY_RECORD VALUES (10, ?, 1048576, 2097152, 1048576, 0, 0)", (T0,))
    db.execute("INSERT INTO OP_MEMORY VALUES (0, 512, ?, ?, NULL, 300, NULL, 1, 2, 3, 4, 5, 6, 0, 0)",
               (T0 + 100, T0 + 400))
    db.execute("INSERT INTO STEP_TIME VALUES (50, ?, ?)", (T0, T0 + 6000))
    db.execute("INSERT INTO RANK_DEVICE_MAP VALUES (1, 4)")


def make(name, extra=(), wal=False, **kw):
    path = name + ".db"
    for p in (path, path + "-wal", path + "-shm"):
        if os.path.exists(p):
            os.remove(p)
    db = sqlite3.connect(path)
    db.execute("PRAGMA page_size=1024")
    if wal:
        db.execute("PRAGMA journal_mode=WAL")
    db.executescript(TABLES)
    fill(db, **kw)
    for sql in extra:
        db.execute(sql)
    db.commit()
    db.close()


make("pristine")
make("integer-times", text_times=False)
make("sentinels", sentinels=True)
make("wal-header", wal=True)
make("insight-extras", extra=["CREATE TABLE status_info(id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT, value TEXT)",
                              "CREATE TABLE OVERLAP_ANALYSIS(id INTEGER PRIMARY KEY AUTOINCREMENT, deviceId, startNs, endNs, type)",
                              "ALTER TABLE TASK ADD COLUMN depth integer"])
make("bad-times", extra=["UPDATE PYTORCH_API SET startNs = 'x' || startNs WHERE connectionId = 1",
                         "UPDATE TASK SET endNs = startNs - 1 WHERE globalTaskId = 2"])
make("trigger", extra=["CREATE TRIGGER tr AFTER INSERT ON TASK BEGIN DELETE FROM TASK; END"])


def make_memscope(name, table="memscope_dump", insight=False):
    """An msMemScope dump DB (memscope/dumpdb.h): the 2026 layout, rows out of order, every
    Attr encoding, an N/A FREE device; with insight=True the tables Insight adds."""
    path = name + ".db"
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute(f'CREATE TABLE "{table}" ("ID" INTEGER PRIMARY KEY, "Event" TEXT, "Event Type" TEXT, '
               '"Name" TEXT, "Timestamp(ns)" INTEGER, "Process Id" INTEGER, "Thread Id" INTEGER, '
               '"Device Id" TEXT, "Ptr" TEXT, "Attr" TEXT, "Call Stack(Python)" TEXT, '
               '"Call Stack(C)" TEXT)')
    rows = [
        (0, "SYSTEM", "START_TRACE", "N/A", 1779862930549834990, 7, 7, "N/A", "N/A", "", "", ""),
        (6, "FREE", "HOST_PINNED", "N/A", 1779862932214629000, 7, 7, "N/A", "0x000012c080000000",
         '{"allocation_id":"4","addr":"0x000012c080000000","size":"6356992"}', "", ""),
        (5, "MALLOC", "HOST_PINNED", "N/A", 1779862932214628220, 7, 7, "cpu", "0x000012c080000000",
         '{"allocation_id":"4","addr":"0x000012c080000000","size":"6356992"}', "a.py(1): f\n", "x.so(y) [0x1]\n"),
        (7, "MALLOC", "PTA", "N/A", 1779862932214629100, 7, 8, "1", "0x20", "{size:64,owner:PTA@a@b}", "", ""),
        (8, "OOM_DETAIL", "OOM_TRIGGER", "N/A", 1779862932214629200, 7, 8, "1", "N/A", "{k:v}", "", ""),
    ]
    db.executemany(f'INSERT INTO "{table}" VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', rows)
    if insight:
        db.execute("CREATE TABLE status_info(id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT, value TEXT)")
        db.execute("CREATE TABLE memory_block (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, deviceId text(255), addr TEXT(255), size integer)")
        db.execute("INSERT INTO memory_block (deviceId, addr, size) VALUES ('x', 'y', -1)")
    db.commit()
    db.close()


make_memscope("memscope-dump")
make_memscope("memscope-insight", insight=True)
make_memscope("leaks-dump", table="leaks_dump")

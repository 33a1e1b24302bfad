#!/usr/bin/env python3
"""The parse-only floor of an Ascend DB import (BENCHMARKS.md, issue 11): SQLite itself reading
every value of every column of the tables TraceScope's reader reads, each table once, no joins,
nothing stored — the sqlite3 command-line shell running one aggregate per table over each
ascend_pytorch_profiler_*.db / msprof_*.db under the folders given, one after the other. Prints
the shell's own wall and CPU time (children of this script) and the rows read.

    ascend_db_floor.py FOLDER... [--sqlite3 PATH]
"""

import argparse
import glob
import os
import resource
import sqlite3
import subprocess
import time

TABLES = ["STRING_IDS", "ENUM_API_TYPE", "PYTORCH_API", "CANN_API", "CONNECTION_IDS", "TASK",
          "COMPUTE_TASK_INFO", "COMMUNICATION_TASK_INFO", "COMMUNICATION_OP", "MSTX_EVENTS",
          "MEMORY_RECORD", "OP_MEMORY", "STEP_TIME", "RANK_DEVICE_MAP"]


def floor_sql(path):
    """One aggregate a table, touching every column of every row: total() of numbers, length()
    of text (SQLite reads each value either way). Made from the file's own schema."""
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    parts = []
    for table in TABLES:
        cols = db.execute("SELECT name, type FROM pragma_table_info(?)", (table,)).fetchall()
        if cols:
            terms = ["sum(length(%s))" % c if t.upper() == "TEXT" else "total(%s)" % c
                     for c, t in cols]
            parts.append("SELECT '%s', count(*), %s FROM %s;" % (table, ", ".join(terms), table))
    db.close()
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--sqlite3", default="sqlite3")
    args = ap.parse_args()
    files = []
    for folder in args.folders:
        for pattern in ("**/ascend_pytorch_profiler*.db", "**/msprof_*.db"):
            files += sorted(glob.glob(os.path.join(folder, pattern), recursive=True))
    scripts = [(f, floor_sql(f)) for f in files]  # read the schemas before the clock starts
    rows = 0
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for f, sql in scripts:
        out = subprocess.run([args.sqlite3, "-readonly", "-batch", f], input=sql, text=True,
                             capture_output=True, check=True).stdout
        rows += sum(int(line.split("|")[1]) for line in out.splitlines() if line)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print('{"files": %d, "rows": %d, "wall_s": %.2f, "cpu_s": %.2f, "peak_rss_mb": %.0f}'
          % (len(files), rows, wall, cpu, after.ru_maxrss / 1024))


if __name__ == "__main__":
    main()

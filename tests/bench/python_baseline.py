#!/ usr / bin / env python3
"""What a user would script instead of TraceScope: json.load the trace, store its events in
SQLite with the standard library. The baseline of the import benchmark.

    python_baseline.py TRACE.json OUT.sqlite   → prints "events=N seconds=S peak_rss_kb=K"

peak_rss_kb is this process's own VmHWM (/proc/self/status); resource.getrusage would report
at least the parent's peak at the time of the fork.
"""
import json
import os
import sqlite3
import sys
import time


def main(trace, out):
    start = time.monotonic()
    with open(trace, "rb") as f:
        doc = json.load(f)
    events = doc["traceEvents"] if isinstance(doc, dict) else doc
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("CREATE TABLE event(ph TEXT, name TEXT, cat TEXT, pid TEXT, tid TEXT, ts REAL,"
               " dur REAL, args TEXT)")
    db.executemany(
        "INSERT INTO event VALUES (?,?,?,?,?,?,?,?)",
        ((e.get("ph"), e.get("name"), e.get("cat"), str(e.get("pid")), str(e.get("tid")),
          e.get("ts"), e.get("dur"), json.dumps(e["args"]) if "args" in e else None)
         for e in events))
    db.execute("CREATE INDEX event_ts ON event(pid, tid, ts)")
    db.commit()
    db.close()
    print(f"events={len(events)} seconds={time.monotonic() - start:.3f} "
          f"peak_rss_kb={peak_rss_kb()}")


def peak_rss_kb():
try : with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

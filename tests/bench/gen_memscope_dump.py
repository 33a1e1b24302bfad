#!/ usr / bin / env python3
"""A synthetic msMemScope dump (our own generator, not tool output) for the import benchmark:
N events of the 2025-12 CSV layout (ns timestamps, hex pointers, unquoted Attr), MALLOC / FREE
pairs of PTA blocks on a pool of addresses with a few leaked, operator launches between them,
rows slightly out of order as msMemScope writes them. With --db, the 2026 DB layout instead.

    python3 tests/bench/gen_memscope_dump.py OUT.csv --events 10000000
    python3 tests/bench/gen_memscope_dump.py OUT.db --events 10000000 --db
"""
import argparse
import random
import sqlite3

HEADER = ("ID,Event,Event Type,Name,Timestamp(ns),Process Id,Thread Id,Device Id,Ptr,Attr,"
          "Call Stack(Python),Call Stack(C)")


def rows(n, seed=7):
    rnd = random.Random(seed)
    ts = 1764753365728889760
    live = {}  # ptr -> size
    free_ptrs = [0x12c040000000 + i * 0x10000 for i in range(4096)]
    owners = ["PTA@model@layer%d" % i for i in range(32)]
    i = 0
    while i < n:
        ts += rnd.randint(100, 5000)
        r = rnd.random()
        if r < 0.1:
            yield (i, "OP_LAUNCH", "ATEN_START", "torch._ops.aten.addmm.default", ts, 1, 1, "0",
                   "N/A", "")
        elif (r < 0.55 or not live) and free_ptrs:
            ptr = free_ptrs.pop(rnd.randrange(len(free_ptrs)))
            size = rnd.choice((512, 1536, 16384, 2 << 20, 16778240))
            live[ptr] = size
            yield (i, "MALLOC", "PTA", "N/A", ts, 1, 1, "0", "0x%016x" % ptr,
                   "{allocation_id:%d,addr:0x%016x,size:%d,owner:%s,total:20971520,used:%d}"
                   % (i, ptr, size, rnd.choice(owners), size))
        else:
            ptr = rnd.choice(list(live)) if len(live) < 64 else next(iter(live))
            size = live.pop(ptr)
            if rnd.random() > 0.001:  # a few never come back: leaks
                free_ptrs.append(ptr)
            yield (i, "FREE", "PTA", "N/A", ts, 1, 1, "0", "0x%016x" % ptr,
                   "{allocation_id:%d,addr:0x%016x,size:%d,total:20971520,used:0}" % (i, ptr, size))
        i += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--db", action="store_true")
    a = ap.parse_args()
    if a.db:
        db = sqlite3.connect(a.out)
        db.execute('CREATE TABLE "memscope_dump" ("ID" INTEGER PRIMARY KEY, "Event" TEXT, '
                   '"Event Type" TEXT, "Name" TEXT, "Timestamp(ns)" INTEGER, "Process Id" INTEGER, '
                   '"Thread Id" INTEGER, "Device Id" TEXT, "Ptr" TEXT, "Attr" TEXT, '
                   '"Call Stack(Python)" TEXT, "Call Stack(C)" TEXT)')
        db.executemany('INSERT INTO memscope_dump VALUES (?,?,?,?,?,?,?,?,?,?,"","")', rows(a.events))
        db.commit()
        db.close()
        return
    with open(a.out, "w") as f:
        f.write(HEADER + "\n")
        pending = []
        for r in rows(a.events):
            attr = r[9]
            line = "%d,%s,%s,%s,%d,%d,%d,%s,%s,%s,,\n" % (
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                '"%s"' % attr if attr else "")
            pending.append(line)
            if len(pending) == 3:  # msMemScope's threads interleave: not sorted by ID
                pending[0], pending[1] = pending[1], pending[0]
                f.writelines(pending)
                pending.clear()
        f.writelines(pending)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent reference for the golden import tests: counts what a Chrome trace holds, by the
definitions of README.md's headless output, using only Python's json module. It shares no code
with the C++ importer, so agreement between the two means something.

    reference_counts.py TRACE.json[.gz|.zst]  → one JSON object on stdout

slices          X events with a usable ts and dur >= 0, plus B/E pairs matched per thread
instants        i/I events with a usable ts
counter_samples numeric (non-bool) args of C events with a usable ts
flows           s/f pairs with the same (cat, id), both present, counted once per pair
events          every element of traceEvents
"trace": false  when the file is JSON but not a Chrome trace (no traceEvents array)
"""
import gzip
import json
import re
import sys

NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def load(path):
    with open(path, "rb") as f:
        head = f.read(4)
    if head[:2] == b"\x1f\x8b":
        data = gzip.open(path, "rb").read()
    elif head == b"\x28\xb5\x2f\xfd":
        import zstandard  # optional; only for .zst inputs
        data = zstandard.ZstdDecompressor().decompress(open(path, "rb").read())
    else:
        data = open(path, "rb").read()
    # Real traces hold raw control characters inside strings; strict=False accepts them, as the
    # importer does.
    return json.loads(data.decode("utf-8", errors="replace"), strict=False)


def usable_time(v):
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, str) and bool(NUMBER.match(v.strip()))


def tid_key(v):
    """pid/tid as the importer keys them: numeric strings are the number."""
    if isinstance(v, str) and re.fullmatch(r"[+-]?\d+", v):
        return int(v)
    if isinstance(v, float):
        return int(v)
    return v


def main(path):
    doc = load(path)
    if isinstance(doc, dict):
        events = doc.get("traceEvents")
        if not isinstance(events, list):
            print(json.dumps({"trace": False}))
            return
    elif isinstance(doc, list):
        events = doc
    else:
        print(json.dumps({"trace": False}))
        return
    slices = instants = samples = 0
    open_b = {}
    starts, ends = {}, {}
    for e in events:
        if not isinstance(e, dict):
            continue
        ph = e.get("ph")
        ts_ok = usable_time(e.get("ts"))
        key = (tid_key(e.get("pid", 0)), tid_key(e.get("tid", 0)))
        if ph == "X":
            d = e.get("dur")
            if ts_ok and usable_time(d) and float(d) >= 0:
                slices += 1
        elif ph == "B" and ts_ok:
            open_b.setdefault(key, []).append(float(e["ts"]))
        elif ph == "E" and ts_ok:
            stack = open_b.get(key)
            if stack and float(e["ts"]) >= stack[-1]:
                stack.pop()
                slices += 1
            elif stack:
                stack.pop()
        elif ph in ("i", "I") and ts_ok:
            instants += 1
        elif ph == "C" and ts_ok:
            args = e.get("args") or {}
            samples += sum(1 for v in args.values()
                           if isinstance(v, (int, float)) and not isinstance(v, bool))
        elif ph in ("s", "f") and ts_ok and "id" in e:
            fid = (e.get("cat", ""), str(e["id"]))
            (starts if ph == "s" else ends).setdefault(fid, 0)
            (starts if ph == "s" else ends)[fid] += 1
    flows = sum(1 for fid in starts if fid in ends)
    print(json.dumps({"trace": True, "events": len(events), "slices": slices,
                      "instants": instants, "counter_samples": samples, "flows": flows}))


if __name__ == "__main__":
    main(sys.argv[1])

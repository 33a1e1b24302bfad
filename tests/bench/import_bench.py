#!/usr/bin/env python3
"""Import benchmark (issue 3): TraceScope's headless import of Kineto-like traces beside
(a) a RapidJSON SAX pass that stores nothing — the floor — and (b) Python's json module plus
sqlite3 storing the same events — what a user would script — in the same run, plus reopening
an unchanged input. Medians over --reps runs; ratios against the floor of the same run.

    python3 tests/bench/import_bench.py --build build [--sizes 100,1024] [--reps 3]

Inputs are generated once into --work (default /tmp/tracescope-bench) by gen_kineto_trace.py.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kw):
    """Runs cmd, returns (wall seconds, peak RSS MiB of that process, stdout)."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024.0, out.decode()


def ensure_input(work, size_mb):
    path = os.path.join(work, f"kineto-{size_mb}mb.json")
    if not os.path.exists(path):
        print(f"generating {path} …", file=sys.stderr)
        subprocess.check_call([sys.executable, os.path.join(HERE, "gen_kineto_trace.py"), path,
                               "--size-mb", str(size_mb)])
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--sizes", default="100,1024", help="input sizes in MB")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--work", default="/tmp/tracescope-bench")
    ap.add_argument("--skip-python-above", type=int, default=2048,
                    help="skip the Python baseline for inputs larger than this many MB")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    app = os.path.join(a.build, "bin", "tracescope")
    floor = os.path.join(a.build, "bin", "bench_json_parse_only")
    root = ["--allow-root"] if os.geteuid() == 0 else []

    rows = []
    for size in (int(s) for s in a.sizes.split(",")):
        trace = ensure_input(a.work, size)
        actual_mb = os.path.getsize(trace) / (1 << 20)
        r = {"size_mb": round(actual_mb), "floor": [], "python": [], "python_rss": [],
             "import": [], "child_rss": [], "app_rss": [], "reopen": []}
        for rep in range(a.reps):
            wall, _, out = run([floor, trace])
            r["floor"].append(wall)
            if size <= a.skip_python_above:
                db = os.path.join(a.work, "baseline.sqlite")
                wall, rss, _ = run([sys.executable, os.path.join(HERE, "python_baseline.py"),
                                    trace, db])
                os.remove(db)
                r["python"].append(wall)
                r["python_rss"].append(rss)
            cache = tempfile.mkdtemp(prefix="cache-", dir=a.work)
            wall, _, out = run([app, *root, "--import", "--cache-dir", cache, trace],
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            summary = json.loads(out.strip().splitlines()[-1])
            r["import"].append(wall)
            r["child_rss"].append(summary.get("child_peak_rss_mb", 0))
            r["app_rss"].append(summary.get("app_peak_rss_mb", 0))
            r["slices"] = summary["slices"]
            wall, _, out = run([app, *root, "--import", "--cache-dir", cache, trace],
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            assert json.loads(out.strip().splitlines()[-1])["reused"], "second open must reuse"
            r["reopen"].append(wall)
            shutil.rmtree(cache)
        rows.append(r)

    med = lambda xs: statistics.median(xs) if xs else float("nan")
    print(f"| input | slices | parse-only floor (s) | TraceScope import (s) | × floor | "
          f"Python json+sqlite3 (s) | Python ÷ TraceScope | child peak RSS (MiB) | "
          f"app peak RSS (MiB) | Python peak RSS (MiB) | reopen (s) |")
    print("|" + "---|" * 11)
    for r in rows:
        f, i, p = med(r["floor"]), med(r["import"]), med(r["python"])
        print(f"| {r['size_mb']} MB | {r['slices']:,} | {f:.2f} | {i:.2f} | {i / f:.2f} | "
              f"{p:.2f} | {p / i:.1f} | {max(r['child_rss']):.0f} | {max(r['app_rss']):.0f} | "
              f"{max(r['python_rss'] or [float('nan')]):.0f} | {med(r['reopen']):.2f} |")
    print(f"\nmedians of {a.reps} runs; peak RSS is the largest of the runs.")
    json.dump(rows, open(os.path.join(a.work, "import_bench.json"), "w"), indent=1)


if __name__ == "__main__":
    main()

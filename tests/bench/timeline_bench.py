#!/ usr / bin / env python3
"""Timeline benchmark (issue 4): for a synthetic cache of 10 million slices over 64 tracks and,
in the same go, one of 1 000 slices, the time from opening the cache to the first painted frame
and the median / 95th-percentile frame time over a fixed script of 200 zoom and pan steps at
1920x1080 on the offscreen platform, plus the app's peak memory. Medians over --reps runs.

    python3 tests/bench/timeline_bench.py --build build [--reps 5]

Caches are made once into --work by bench_make_timeline_cache (the real record → cache path).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

SIZES = [(1000, "1k"), (10_000_000, "10m")]
FIELDS = ["first_frame_ms", "median_ms", "p95_ms", "max_ms", "peak_rss_mb"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--work", default="/tmp/tracescope-bench")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    make = os.path.join(a.build, "bin", "bench_make_timeline_cache")
    bench = os.path.join(a.build, "bin", "bench_timeline")
    rows = []
    for slices, label in SIZES:
        cache = os.path.join(a.work, f"timeline-{label}.tscache")
        if not os.path.exists(cache):
            print(f"making {cache} …", file=sys.stderr)
            subprocess.check_call([make, cache, "--slices", str(slices), "--tracks", "64"],
                                  stdout=subprocess.DEVNULL)
        runs = []
        for _ in range(a.reps):
            out = subprocess.run([bench, cache, "--steps", "200", "--size", "1920x1080"],
                                 check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
        row = {"cache": label, "slices": runs[0]["slices"], "runs": a.reps}
        for f in FIELDS:
            row[f] = statistics.median(r[f] for r in runs)
        rows.append(row)
    print(f"{'cache':>6} {'slices':>10} " + " ".join(f"{f:>15}" for f in FIELDS))
    for r in rows:
        print(f"{r['cache']:>6} {r['slices']:>10} " + " ".join(f"{r[f]:>15.1f}" for f in FIELDS))
    big, small = rows[-1], rows[0]
    print(f"ratio 10m/1k: median frame {big['median_ms'] / small['median_ms']:.2f}x, "
          f"p95 {big['p95_ms'] / small['p95_ms']:.2f}x")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()

#!/ usr / bin / env python3
"""Memory snapshot benchmark (issue 5): TraceScope's import of PyTorch memory snapshots
(torch.cuda.memory._dump_snapshot() pickles) beside CPython's own pickle.load of the same file —
a C reader that builds the Python objects and stores nothing — in the same run, and the Memory
view's first frame on the resulting cache. Medians over --reps runs; ratios against pickle.load
of the same run.

    python3 tests/bench/snapshot_bench.py --build build [--sizes 100,1024] [--reps 3]

Inputs (sizes in MiB) are generated once into --work (default /tmp/tracescope-bench) by our own
generator, tests/data/pickle/make_big_snapshot.py (snapshot-shaped: protocol 4, frame dicts
memoized and shared between entries, 40-150 frames an entry). Every rep runs, in this order:
  1. pickle.load in a fresh python3 process (gc left on: what a user's script does);
  2. the same with gc.disable() first (the fastest CPython can read it);
  3. `tracescope --import` into a fresh, empty cache dir (nothing is reused);
  4. bench_memory (if built): a fresh process opens that cache in the real MemoryView at
     1920×1080 offscreen and times construction → loaded() → first painted frame.
The pickle.load process times pickle.load itself, reports its own VmHWM and leaves with
os._exit, so its wall time is interpreter start + load, without freeing the objects.
Wall time, CPU time and peak memory (VmHWM of every process, the import child sampled from
/proc) are measured with the helpers of import_bench.py — see its docstring.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from import_bench import import_fresh, med, run, self_reported_mib, top  # noqa: E402

GENERATOR = os.path.join(HERE, "..", "data", "pickle", "make_big_snapshot.py")

PICKLE_LOAD = r"""
import gc, os, pickle, sys, time
if sys.argv[2] == "nogc":
    gc.disable()
t = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    snap = pickle.load(f)
load = time.perf_counter() - t
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
n = len(snap["device_traces"][0])
print(f"load_s={load:.4f} entries={n} peak_rss_kb={hwm}", flush=True)
os._exit(0)
"""


def ensure_input(work, size_mib):
    path = os.path.join(work, f"snapshot-{size_mib}mb.pickle")
    if not os.path.exists(path):
        print(f"generating {path} …", file=sys.stderr)
        part = path + ".part"  # an interrupted generation never passes for an input
#The generator counts decimal MB; ask for MiB.
        subprocess.check_call([sys.executable, GENERATOR, str(size_mib * 1.048576), part])
        os.rename(part, path)
    return path


def kv(out, key):
    for word in out.split():
        if word.startswith(key + "="):
            return float(word.split("=", 1)[1])
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--sizes", default="100,1024", help="input sizes in MiB")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--work", default="/tmp/tracescope-bench")
    ap.add_argument("--sample-ms", type=float, default=20, help="/proc sampling interval")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    app = os.path.join(a.build, "bin", "tracescope")
    view = os.path.join(a.build, "bin", "bench_memory")
    have_view = os.path.exists(view)
    root = ["--allow-root"] if os.geteuid() == 0 else []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    sizes = [int(s) for s in a.sizes.split(",")]
    inputs = {
s: ensure_input(a.work, s) for s in sizes}  # all generated before any timing
    rows = []
    for size in sizes:
        snap = inputs[size]
        r = {
    "size_mib" : size,
                 "bytes" : os.path.getsize(snap),
                 "loadavg" : [],
                             "pickle" : [],
                                        "pickle_load_s" : [],
                                                          "pickle_cpu" : [],
                                                                         "pickle_rss"
        : [],
          "pickle_nogc" : [],
                          "pickle_nogc_load_s" : [],
                                                 "pickle_nogc_cpu" : [],
                                                                     "pickle_nogc_rss" : [],
                                                                                         "import"
        : [],
          "import_app_s" : [],
                           "import_cpu" : [],
                                          "child_rss" : [],
                                                        "child_rss_app_wait4" : [],
                                                                                "app_rss"
        : [],
          "view_load_ms" : [],
                           "view_first_frame_ms" : [],
                                                   "view_rss" : []}
        for rep in range(a.reps):
            print(f"{size} MiB rep {rep + 1}/{a.reps}", file=sys.stderr)
            r["loadavg"].append(os.getloadavg()[0])
            for mode, key in (("gc", "pickle"), ("nogc", "pickle_nogc")):
                wall, s, cpu, out = run([sys.executable, "-c", PICKLE_LOAD, snap, mode],
                                        a.sample_ms)
                r[key].append(wall)
                r[key + "_load_s"].append(kv(out, "load_s"))
                r[key + "_cpu"].append(cpu)
                r[key + "_rss"].append(max(s.peak_of(root_only=True), self_reported_mib(out)))
                r["entries"] = int(kv(out, "entries"))
            cache = tempfile.mkdtemp(prefix="snapcache-", dir=a.work)
            summary = import_fresh(app, root, cache, snap, a.sample_ms, env, r)
            assert summary["format"] == "pytorch-memory-snapshot", summary
            if have_view:
                wall, s, _, out = run([view, summary["cache"]], a.sample_ms, env=env)
                v = json.loads(out.strip().splitlines()[-1])
                r["view_load_ms"].append(v["load_ms"])
                r["view_first_frame_ms"].append(v["first_frame_ms"])
                r.setdefault("view_bands_ms", []).append(v.get("bands_ms", float("nan")))
                r.setdefault("view_allocator_state_ms", []).append(
                    v.get("allocator_state_ms", float("nan")))
                r["view_rss"].append(max(s.peak_of(root_only=True), v["peak_rss_mb"]))
                r["view_allocations"] = v["allocations"]
            shutil.rmtree(cache)
        rows.append(r)
        json.dump(rows, open(os.path.join(a.work, "snapshot_bench.json"), "w"), indent=1)

    print("| input | tool | runs | wall s | in-process s | wall × pickle.load | CPU s | "
          "peak RSS MiB | peak ÷ file |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        mib = r["bytes"] / (1 << 20)
        base = med(r["pickle"])
        head = f"{mib:.0f} MiB, {r['entries']:,} events"
        lines = [
            ("CPython pickle.load (baseline)", r["pickle"], r["pickle_load_s"], r["pickle_cpu"],
             f"{top(r['pickle_rss']):.0f}", top(r["pickle_rss"])),
            ("CPython pickle.load, gc disabled", r["pickle_nogc"], r["pickle_nogc_load_s"],
             r["pickle_nogc_cpu"], f"{top(r['pickle_nogc_rss']):.0f}",
             top(r["pickle_nogc_rss"])),
            ("TraceScope import (app + child)", r["import"], r["import_app_s"], r["import_cpu"],
             f"child {top(r['child_rss']):.0f} (wait4 {top(r['child_rss_app_wait4']):.0f}), "
             f"app {top(r['app_rss']):.0f}",
             max(top(r["child_rss"]), top(r["app_rss"]))),
        ]
        for i, (tool, walls, inproc, cpus, rss, peak) in enumerate(lines):
            w = med(walls)
            print(f"| {head if i == 0 else ''} | {tool} | {len(walls)} | {w:.2f} | "
                  f"{med(inproc):.2f} | {w / base:.2f} | {med(cpus):.2f} | {rss} | "
                  f"{peak / mib:.2f} |")
        if r["view_first_frame_ms"]:
            print(f"| | Memory view: open cache → first frame ({r['cache_mb']} MiB cache, "
                  f"{r['view_allocations']:,} allocations) | {len(r['view_first_frame_ms'])} | "
                  f"{med(r['view_first_frame_ms']) / 1000:.2f} | load "
                  f"{med(r['view_load_ms']) / 1000:.2f} | | | {top(r['view_rss']):.0f} | "
                  f"{top(r['view_rss']) / mib:.2f} |")
    print(f"\nwall = the whole process, start to exit, median; in-process = pickle.load's own "
          f"time / the app's reported import seconds / the view's load; CPU = user + system of "
          f"the process and its children, median; peak RSS = VmHWM, the largest of the runs "
          f"(the child sampled every {a.sample_ms:g} ms). Load average (1 min) before each rep: "
          + "; ".join(f"{r['size_mib']} MiB: " + ", ".join(f"{x:.1f}" for x in r["loadavg"])
                      for r in rows))
    print("\nTargets:")
    for r in rows:
        mib = r["bytes"] / (1 << 20)
        ratio = med(r["import"]) / med(r["pickle"])
        print(f"- {r['size_mib']} MiB: import ≤ 1.5× pickle.load — "
              f"{'met' if ratio <= 1.5 else 'not met'} ({ratio:.2f}×)")
        peaks = {
    "app" : top(r["app_rss"]), "child" : top(r["child_rss"])}
        if r["view_rss"]:
            peaks["view"] = top(r["view_rss"])
        worst = max(peaks, key=peaks.get)
        print(f"- {r['size_mib']} MiB: every process ≤ 1.5× file size — "
              f"{'met' if peaks[worst] <= 1.5 * mib else 'not met'} (largest: {worst} "
              f"{peaks[worst]:.0f} MiB = {peaks[worst] / mib:.2f}× of {mib:.0f} MiB)")
        if r["view_first_frame_ms"]:
            ff = med(r["view_first_frame_ms"]) / 1000
            print(f"- {r['size_mib']} MiB: view first frame ≤ 1 s after the cache opens — "
                  f"{'met' if ff <= 1 else 'not met'} ({ff:.2f} s)")


if __name__ == "__main__":
    main()

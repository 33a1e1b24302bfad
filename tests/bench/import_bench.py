#!/ usr / bin / env python3
""
    "Import benchmark (issue 3): TraceScope's headless import of Kineto-like traces beside
    (a)a RapidJSON SAX pass that stores nothing — the floor — and
    (b) Python's json module plus sqlite3 storing the same events — what a user would script — in
    the same run,
    plus reopening an unchanged input.Medians over-- reps runs; ratios against the floor of the same run.

    python3 tests/bench/import_bench.py --build build [--sizes 100,1024] [--reps 3]

Inputs are generated once into --work (default /tmp/tracescope-bench) by gen_kineto_trace.py.
Every run is interleaved (floor, Python, import, reopen, then the next rep), so a noisy
neighbour hurts all of them alike. The page cache is warm for all of them (the input was just
written or read);
nothing here measures a cold disk.

    Peak memory is the high -
    water mark of resident memory(VmHWM)
of EVERY process involved : -the app(tracescope, which validates the records and writes the cache),
                            the floor and the Python baseline report their own VmHWM from / proc
                                / self / status as they finish(exact);
- the import
        child(tracescope - import, spawned by the app, which cannot open / proc
              itself:its sandbox forbids open)is sampled from
        / proc / PID / status every-- sample
    - ms while it runs,
    found through / proc / APP / task/*/children. VmHWM never falls, so the sample misses at most the growth
  of the last interval before exit. Every process of the tree is sampled the same way, and the
  larger of sample and self-report is kept.
wait4()'s ru_maxrss is NOT used: after fork or posix_spawn (vfork) a child's ru_maxrss starts at
its parent's peak at spawn time (Linux carries the old address space's high water over exec),
so it reports max(child, parent at spawn). The app's own figure for its child
(child_peak_rss_mb, from such a wait4) is kept in the JSON as an upper bound, beside ours.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def proc_status(pid):
    """(name, VmHWM KiB, VmRSS KiB) of pid, or None once it is gone (or a zombie)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            text = f.read()
    except OSError:
        return None
    name, hwm, rss = "?", 0, 0
    for line in text.splitlines():
        if line.startswith("Name:"):
            name = line.split(None, 1)[1].strip()
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
        elif line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    return name, hwm, rss


def descendants(pid):
    """pid and every process below it (children of any of its threads)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
            except OSError:
                pass
    return out


class TreeSampler(threading.Thread):
    """Polls the VmHWM of a process tree until stopped; peak[pid] = (name, KiB)."""

    def __init__(self, root, interval):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak = {}
        self.stop = threading.Event()

    def sample(self):
        for pid in descendants(self.root):
            st = proc_status(pid)
            if st and st[1] > 0:  # a zombie has no memory lines
                name, hwm, _ = st
                old = self.peak.get(pid, (name, 0))[1]
                self.peak[pid] = (name, max(old, hwm))

    def run(self):
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(self.interval)

    def peak_of(self, name=None, root_only=False):
        """Largest VmHWM (MiB) of the root, or of the processes called name (max over them)."""
        vals = [kb for pid, (n, kb) in self.peak.items()
                if (pid == self.root if root_only else n.startswith(name))]
        return max(vals) / 1024.0 if vals else float("nan")


def med(xs):
    """The median of the runs, NaN when there were none (the tables print it as such)."""
    return statistics.median(xs) if xs else float("nan")


def top(xs):
    """The largest of the runs (peak memory), NaN when there were none."""
    return max(xs) if xs else float("nan")


def self_reported_mib(out):
    """peak_rss_kb=K from a tool's "key=value ..." output line, in MiB (nan if absent)."""
    for word in out.split():
        if word.startswith("peak_rss_kb="):
            return int(word.split("=", 1)[1]) / 1024.0
    return float("nan")


def run(cmd, sample_ms, **kw):
    """Runs cmd; returns (wall s, sampler, CPU s, stdout text). CPU is user + system time of
    cmd and of every descendant it waited for (wait4's rusage), so the app's figure includes its
    import child: the work done, much less disturbed by other load than the wall time."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    sampler = TreeSampler(p.pid, sample_ms / 1000.0)
    sampler.start()
    # Both pipes drained at once: reading stdout to the end first would deadlock on a child
    # that fills the stderr pipe.
    chunks = {}
    readers = [threading.Thread(target=lambda s=s: chunks.__setitem__(s, s.read()))
               for s in (p.stdout, p.stderr)]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    sampler.stop.set()
    sampler.join()
    for r in readers:
        r.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n"
                 f"{chunks[p.stderr].decode(errors='replace')}")
    return wall, sampler, usage.ru_utime + usage.ru_stime, chunks[p.stdout].decode()


def import_fresh(app, root, cache, path, sample_ms, env, r):
    """Imports `path` into the empty cache folder `cache` (nothing may be reused) and records
    wall and CPU time, the app's own seconds and the peak memory of the app and of its import
    child into the row `r`. Returns the app's JSON summary."""
    wall, s, cpu, out = run([app, *root, "--import", "--cache-dir", cache, path], sample_ms,
                            env=env)
    summary = json.loads(out.strip().splitlines()[-1])
    assert not summary["reused"], "first import must not reuse a cache"
    r["import"].append(wall)
    r["import_cpu"].append(cpu)
    r["import_app_s"].append(summary["seconds"])
    r["child_rss"].append(s.peak_of("tracescope-impo"))
    r["child_rss_app_wait4"].append(summary.get("child_peak_rss_mb", float("nan")))
    r["app_rss"].append(max(s.peak_of(root_only=True), summary["app_peak_rss_mb"]))
    r["processes_seen"] = sorted({n for n, _ in s.peak.values()})
    r["summary"] = summary
    r["cache_mb"] = round(os.path.getsize(summary["cache"]) / (1 << 20))
    return summary


def ensure_input(work, size_mb):
    path = os.path.join(work, f"kineto-{size_mb}mb.json")
    if not os.path.exists(path):
        print(f"generating {path} …", file=sys.stderr)
        part = path + ".part"  # an interrupted generation never passes for an input
        subprocess.check_call([sys.executable, os.path.join(HERE, "gen_kineto_trace.py"), part,
                               "--size-mb", str(size_mb)])
        os.rename(part, path)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--sizes", default="100,1024", help="input sizes in MB")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--work", default="/tmp/tracescope-bench")
    ap.add_argument("--sample-ms", type=float, default=20, help="/proc sampling interval")
    ap.add_argument("--python-reps-above", type=int, default=2048, metavar="MB",
                    help="for inputs larger than this, run the Python baseline only "
                         "--python-large-reps times (it is slow and needs GBs of memory)")
    ap.add_argument("--python-large-reps", type=int, default=1)
    ap.add_argument("--skip-python-above", type=int, default=2048,
                    help="skip the Python baseline for inputs larger than this many MB")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    app = os.path.join(a.build, "bin", "tracescope")
    floor = os.path.join(a.build, "bin", "bench_json_parse_only")
    root = ["--allow-root"] if os.geteuid() == 0 else []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    rows = []
    for size in (int(s) for s in a.sizes.split(",")):
        trace = ensure_input(a.work, size)
        actual_mb = os.path.getsize(trace) / (1 << 20)
        r = {"size_mb": round(actual_mb), "bytes": os.path.getsize(trace), "floor": [],
             "floor_cpu": [], "python_cpu": [], "import_cpu": [], "loadavg": [],
             "floor_rss": [], "python": [], "python_rss": [], "import": [], "import_app_s": [],
             "child_rss": [], "child_rss_app_wait4": [], "app_rss": [],
             "reopen": [], "reopen_app_s": [], "reopen_rss": []}
        python_reps = 0 if size > a.skip_python_above else (
            a.python_large_reps if size > a.python_reps_above else a.reps)
        for rep in range(a.reps):
            print(f"{size} MB rep {rep + 1}/{a.reps}", file=sys.stderr)
            r["loadavg"].append(os.getloadavg()[0])
            wall, s, cpu, out = run([floor, trace], a.sample_ms)
            r["floor"].append(wall)
            r["floor_cpu"].append(cpu)
            r["floor_rss"].append(max(s.peak_of(root_only=True), self_reported_mib(out)))
            r["floor_events"] = int(out.split()[0].split("=")[1])
            if rep < python_reps:
                db = os.path.join(a.work, "baseline.sqlite")
                wall, s, cpu, out = run([sys.executable, os.path.join(HERE, "python_baseline.py"),
                                         trace, db], a.sample_ms)
                r["python_cpu"].append(cpu)
                r["python_db_mb"] = round(os.path.getsize(db) / (1 << 20))
                os.remove(db)
                r["python"].append(wall)
                r["python_rss"].append(max(s.peak_of(root_only=True), self_reported_mib(out)))
            cache = tempfile.mkdtemp(prefix="cache-", dir=a.work)
            import_fresh(app, root, cache, trace, a.sample_ms, env, r)
            wall, s, _, out = run([app, *root, "--import", "--cache-dir", cache, trace],
                                  a.sample_ms, env=env)
            again = json.loads(out.strip().splitlines()[-1])
            assert again["reused"], "second open must reuse"
            r["reopen"].append(wall)
            r["reopen_app_s"].append(again["seconds"])
            r["reopen_rss"].append(max(s.peak_of(root_only=True), again["app_peak_rss_mb"]))
            shutil.rmtree(cache)
        rows.append(r)
        json.dump(rows, open(os.path.join(a.work, "import_bench.json"), "w"), indent=1)

    print("| input | tool | runs | wall s | MB/s | wall × floor | CPU s | CPU × floor | "
          "peak RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        mb = r["bytes"] / (1 << 20)
        f, fc = med(r["floor"]), med(r["floor_cpu"])
        lines = [
            ("RapidJSON SAX pass, stores nothing (floor)", r["floor"], r["floor_cpu"],
             f"{top(r['floor_rss']):.0f}"),
            ("TraceScope import (app + child)", r["import"], r["import_cpu"],
             f"child {top(r['child_rss']):.0f}, app {top(r['app_rss']):.0f}"),
            ("Python json + sqlite3", r["python"], r["python_cpu"], f"{top(r['python_rss']):.0f}"),
        ]
        for i, (tool, walls, cpus, rss) in enumerate(lines):
            w, c = med(walls), med(cpus)
            head = f"{r['size_mb']} MiB, {r['floor_events']:,} events" if i == 0 else ""
            print(f"| {head} | {tool} | {len(walls)} | {w:.2f} | {mb / w:.0f} | {w / f:.2f} | "
                  f"{c:.2f} | {c / fc:.2f} | {rss} |")
        print(f"| | TraceScope reopen, unchanged input | {len(r['reopen'])} | "
              f"{med(r['reopen']):.3f} | | | | | app {top(r['reopen_rss']):.0f} |")
    print(f"\nwall = the whole process, start to exit, median of the runs; CPU = user + system "
          f"of the process and its children, median; peak RSS = VmHWM, the largest of the runs "
          f"(the child's sampled every {a.sample_ms:g} ms). Load average (1 min) before each "
          f"rep: " + "; ".join(f"{r['size_mb']} MiB: " +
                               ", ".join(f"{x:.1f}" for x in r["loadavg"]) for r in rows))

if __name__ == "__main__":
    main()

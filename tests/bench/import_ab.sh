#!/bin/bash
# Same-go comparison of imports by several builds: per round the parse-only floor, then each
# build's `tracescope --import` into a fresh cache folder; prints the wall times (whole process)
# and the app's peak memory of every run, then the medians. The floor is the first build's
# bench_json_parse_only.
#   tests/bench/import_ab.sh INPUT.json ROUNDS BUILD_DIR...
set -euo pipefail
input=$1 rounds=$2
shift 2
floor_bin=$1/bin/bench_json_parse_only
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
results=$scratch/results
for round in $(seq "$rounds"); do
    start=$(date +%s.%N)
    "$floor_bin" "$input" > /dev/null
    echo "floor $(echo "$(date +%s.%N) - $start" | bc)" >> "$results"
    for build in "$@"; do
        rm -rf "$scratch/cache"
        start=$(date +%s.%N)
        json=$("$build/bin/tracescope" --allow-root --import "$input" --cache-dir "$scratch/cache" 2> /dev/null)
        wall=$(echo "$(date +%s.%N) - $start" | bc)
        rss=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["app_peak_rss_mb"])' "$json")
        echo "$build $wall $rss" >> "$results"
    done
    echo "round $round: $(uptime | sed 's/.*load/load/')"
done
python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, wall, *rss = line.split()
    runs.setdefault(name, []).append((float(wall), float(rss[0]) if rss else None))
floor = statistics.median(w for w, _ in runs.pop("floor"))
print(f"floor: median {floor:.2f} s")
for name, r in runs.items():
    wall = statistics.median(w for w, _ in r)
    print(f"{name}: median {wall:.2f} s = {wall / floor:.2f}x floor, peak app {max(m for _, m in r)} MiB, "
          f"runs {' '.join(f'{w:.2f}' for w, _ in r)}")
PY

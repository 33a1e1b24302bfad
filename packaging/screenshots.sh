#!/usr/bin/env bash
# Remakes the README's pictures with the app's own --screenshot, from inputs in this repository,
# so they show what the current code draws. Run after `bash packaging/setup.sh build`:
#
#   bash packaging/screenshots.sh            # writes docs/screenshots/*.png
#
# BUILD_DIR (default: build) names the build folder, or TRACESCOPE the binary; OUT (default:
# docs/screenshots) the folder written. Caches go to a scratch folder, removed after. Any view
# the app cannot show, or a --find without a match, fails the script (the test suite runs it).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
app="${TRACESCOPE:-$here/${BUILD_DIR:-build}/bin/tracescope}"
out="${OUT:-$here/docs/screenshots}"
[[ -x "$app" ]] || { echo "screenshots: build first ($app is missing)" >&2; exit 1; }
mkdir -p "$out"
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT

sample="$here/resources/samples/sample.pt.trace.json.gz"
snapshot="$here/tests/data/snapshot/all_actions.pickle"
dump="$here/tests/data/memscope/dump-2025-04.csv"

# The app refuses root without --allow-root; CI and containers run as root.
root=()
[[ $(id -u) -eq 0 ]] && root=(--allow-root)

shot() { # NAME ARGS... : one picture, 1280x800
  local name=$1
  shift
  local run=(xvfb-run -a -s "-screen 0 1920x1080x24")
  command -v xvfb-run >/dev/null || run=(env QT_QPA_PLATFORM=offscreen)
  "${run[@]}" "$app" "${root[@]}" --cache-dir "$cache" --size 1280x800 \
    --screenshot "$out/$name.png" "$@" >/dev/null
  echo "screenshots: $out/$name.png"
}

shot timeline --view timeline --find aten::mm "$sample"
shot operators --view operators "$sample"
shot summary --view summary "$sample"
shot overview --view overview "$sample"
shot sql --view sql "$sample"
shot memory-snapshot --view memory "$snapshot"
shot memory-memscope --view memory "$dump"
shot timeline-zh_CN --lang zh_CN --view timeline --find aten::mm "$sample"

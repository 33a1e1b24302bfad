#!/usr/bin/env bash
# One script behind the README's two commands. It installs what is missing (Debian/Ubuntu, apt),
# configures, builds, and then either launches the app on the bundled sample or runs every test.
#
#   bash packaging/setup.sh run  [APP ARGS...]   build, then open the bundled sample
#   bash packaging/setup.sh test                 build, then run every test suite (exit != 0 on failure),
#                                                 then the fuzz targets and every suite under ASan + UBSan
#   bash packaging/setup.sh deps | build          just that step
#   bash packaging/setup.sh sanitize              just the ASan + UBSan build and its suites
#
# BUILD_DIR (default: build) and JOBS (default: number of cores) may be set in the environment.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$here/build}"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

packages=(
  build-essential cmake ninja-build pkg-config python3
  qt6-base-dev qt6-base-dev-tools libgl-dev libqt6svg6
  libsqlite3-dev rapidjson-dev libzstd-dev zlib1g-dev libseccomp-dev
  xvfb xauth
  clang libclang-rt-dev
)
# Issue 15: libcrypto hashes the inputs; the desktop tests validate the desktop entry, the
# AppStream data and the MIME package with the distribution's tools; CPack's .deb needs
# dpkg-shlibdeps (dpkg-dev) and file, the man page test renders with groff.
packages+=(libssl-dev desktop-file-utils appstream shared-mime-info dpkg-dev file groff-base)
# Issue 15, Chinese: lupdate/lrelease (qt6-l10n-tools) and their CMake package (qt6-tools-dev)
# build the translations; Qt's own Chinese strings (qt6-translations-l10n) and a CJK font
# (fonts-wqy-microhei) are what the Chinese UI, its test and its screenshots show.
packages+=(qt6-tools-dev qt6-l10n-tools qt6-translations-l10n fonts-wqy-microhei)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root (or sudo) to run: $*" >&2; exit 1; fi
}

deps() {
  if ! command -v dpkg-query >/dev/null; then
    echo "setup: not a Debian/Ubuntu system; install the packages README.md lists for yours." >&2
    return 0
  fi
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# ccache, where installed, makes a rebuild of unchanged files (another checkout, a clean clone)
# nearly free; the build is the same without it.
# The fuzz and sanitizer builds name the UBSan ignore list in their flags; ccache hashes flags,
# not the files they name, so they give it the list's contents to hash too, or a changed list
# would bring back objects built under the old one.
ignorelist_hashed() { export CCACHE_EXTRAFILES="$here/tests/fuzz/ubsan-ignorelist.txt"; }

launcher() {
  if command -v ccache >/dev/null; then
    echo "-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
  fi
}

build() {
  cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(launcher) >/dev/null
  cmake --build "$build_dir" -j "$jobs"
}

# libFuzzer needs clang; its targets get a build folder of their own and a short run each.
fuzz() {
  if ! command -v clang++ >/dev/null; then
    echo "setup: clang++ not found, fuzz targets skipped"; return 0
  fi
  local fuzz_dir="${build_dir}-fuzz"
  ignorelist_hashed
  # Everything the fuzzer reaches is instrumented for coverage and checked by ASan/UBSan. UBSan
  # only prints and carries on by default; -fno-sanitize-recover makes a finding fail the run.
  # The ignore list exempts one known spot in the system's RapidJSON (see the file).
  local sanitize="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
  sanitize+=" -fsanitize-ignorelist=$here/tests/fuzz/ubsan-ignorelist.txt"
  CC=clang CXX=clang++ cmake -S "$here" -B "$fuzz_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(launcher) \
    -DTRACESCOPE_WITH_GUI=OFF -DTRACESCOPE_BUILD_FUZZERS=ON \
    -DCMAKE_CXX_FLAGS="$sanitize" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" >/dev/null
  cmake --build "$fuzz_dir" -j "$jobs" --target tracescope_fuzzers
  ctest --test-dir "$fuzz_dir" -L fuzz --output-on-failure
}

# Every ctest suite again, built with clang under ASan + UBSan in a build folder of its own, so a
# memory error or undefined behaviour anywhere (views included) fails the run. Leak checking is
# off: Qt, fontconfig and the GL stack keep allocations to exit on purpose, and their reports
# would drown real findings. The GUI suites run under xvfb-run as in tests().
sanitize() {
  if ! command -v clang++ >/dev/null; then
    echo "setup: clang++ not found, the sanitizer build is skipped"; return 0
  fi
  local asan_dir="${build_dir}-asan"
  ignorelist_hashed
  # No vptr check here: it probes a vtable's memory through a pipe, which the import child's
  # seccomp filter refuses, so every virtual call in the sandbox reads as "not an object of type
  # X". The fuzz build (no sandbox) keeps it.
  local sanitize="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=all"
  sanitize+=" -fno-omit-frame-pointer"
  sanitize+=" -fsanitize-ignorelist=$here/tests/fuzz/ubsan-ignorelist.txt"
  # -O1 and line tables only: ASan's advice for speed and usable traces, and a third less
  # compile time than -O2 -g on the CI's two cores.
  local optimize="-O1 -gline-tables-only -DNDEBUG"
  # The compilers named, not only in CC/CXX: those are read only when the folder is first made.
  cmake -S "$here" -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=Sanitize $(launcher) \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_C_FLAGS="$sanitize" -DCMAKE_CXX_FLAGS="$sanitize" \
    -DCMAKE_C_FLAGS_SANITIZE="$optimize" -DCMAKE_CXX_FLAGS_SANITIZE="$optimize" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" >/dev/null
  cmake --build "$asan_dir" -j "$jobs"
  ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:halt_on_error=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    xvfb-run -a -s "-screen 0 1920x1080x24" \
    ctest --test-dir "$asan_dir" --output-on-failure -j "$jobs" --timeout 1800
}

# Every Qt Test suite also writes a JUnit report beside its binary (tests/CMakeLists.txt); this
# lists the cases those reports mark skipped, one "suite: case: why" a line.
skipped_cases() {
  find "$build_dir/tests" -name '*.junit.xml' -print0 | xargs -0 -r python3 -c '
import sys, xml.etree.ElementTree as ET
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    for case in root.iter("testcase"):
        for skip in case.findall("skipped"):
            print("%s: %s: %s" % (root.get("name"), case.get("name"), skip.get("message", "")))
'
}

tests() {
  # Under CI the real-data cases must run: ../shared/samples must be there, and a skipped case
  # fails the run (ctest counts a QSKIP as a pass). A user's own clone only gets a note.
  if [ -n "${CI:-}" ] && [ ! -d "$here/../shared/samples" ]; then
    echo "setup: CI is set but $here/../shared/samples is missing: the real-data tests cannot run" >&2
    exit 1
  fi
  find "$build_dir/tests" -name '*.junit.xml' -delete 2>/dev/null || true
  # GUI suites run on the offscreen platform; the few that need a real window find the X server
  # xvfb-run provides.
  xvfb-run -a -s "-screen 0 1920x1080x24" \
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 600
  local skipped
  skipped="$(skipped_cases)"
  if [ -n "$skipped" ]; then
    if [ -n "${CI:-}" ]; then
      echo "setup: CI is set and these test cases were skipped (each must run in CI):" >&2
      echo "$skipped" >&2
      exit 1
    fi
    echo "setup: note: $(echo "$skipped" | wc -l) test cases were skipped (CI would fail on them):"
    echo "$skipped"
  fi
}

# Builds the .deb, checks its contents, installs and removes it (packaging/check_package.sh).
package_check() {
  bash "$here/packaging/check_package.sh" "$build_dir"
}

run_app() {
  local sample="$build_dir/share/tracescope/samples/sample.pt.trace.json.gz"
  if [ "$(id -u)" -eq 0 ] && [[ " $* " != *" --allow-root "* ]]; then
    echo "setup: you are root; TraceScope refuses to run as root unless you add --allow-root:" >&2
    echo "       bash packaging/setup.sh run --allow-root" >&2
  fi
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "setup: no display; starting it under xvfb-run (nothing will be visible)" >&2
    exec xvfb-run -a "$build_dir/bin/tracescope" "$@" "$sample"
  fi
  exec "$build_dir/bin/tracescope" "$@" "$sample"
}

cmd="${1:-}"
shift || true
case "$cmd" in
  deps) deps ;;
  build) deps; build ;;
  run) deps; build; run_app "$@" ;;
  test) deps; build; tests; package_check; fuzz; sanitize ;;
  sanitize) deps; sanitize ;;
  *) echo "usage: bash packaging/setup.sh run|test|build|deps|sanitize" >&2; exit 2 ;;
esac

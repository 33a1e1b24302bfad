#!/bin/bash
# Same-go comparison of hashing one input: the former own SHA-256 (model/util/sha256.cpp as of
# BEFORE_REV, SHA-NI where the CPU has it, compiled here with the build's -O2 flags and driven by
# the same 1 MiB pread loop the import used), libcrypto through this build's bench_sha256, and
# Qt's QCryptographicHash for reference (WITH_QT=0 leaves it out: it is ~10x slower). Runs
# alternate; prints every run and the medians.
#   tests/bench/sha256_ab.sh BUILD_DIR [ROUNDS=5] [SIZE_MIB=1024] [BEFORE_REV=1af5d04]
set -euo pipefail
build=$1 rounds=${2:-5} size_mib=${3:-1024} rev=${4:-1af5d04}
here=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

git -C "$here" show "$rev:model/util/sha256.cpp" > "$scratch/sha256.cpp"
git -C "$here" show "$rev:model/util/sha256.h" > "$scratch/sha256.h"
cat > "$scratch/before.cpp" <<'CPP'
#include "sha256.h"
#include <chrono>
#include <cstdio>
#include <vector>
#include <fcntl.h>
#include <unistd.h>
int main(int, char **argv)
{
    const int fd = ::open(argv[1], O_RDONLY);
    const auto start = std::chrono::steady_clock::now();
    ts::model::Sha256 hash;
    std::vector<char> buffer(1 << 20);
    off_t offset = 0;
    for (ssize_t got; (got = ::pread(fd, buffer.data(), buffer.size(), offset)) > 0; offset += got)
        hash.add(buffer.data(), size_t(got));
    const std::string hex = hash.hexDigest();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("%.3f %s\n", took.count(), hex.c_str());
}
CPP
c++ -std=c++20 -O2 -g -DNDEBUG -o "$scratch/before" "$scratch/before.cpp" "$scratch/sha256.cpp"

input=$scratch/input.bin
head -c "$((size_mib << 20))" /dev/urandom > "$input"
cat "$input" > /dev/null # in the page cache for every run alike

results=$scratch/results
for round in $(seq "$rounds"); do
    echo "own $("$scratch/before" "$input")" >> "$results"
    echo "libcrypto $("$build/bin/bench_sha256" "$input")" >> "$results"
    if [ "${WITH_QT:-1}" = 1 ]; then
        echo "qt $("$build/bin/bench_sha256" "$input" --qt)" >> "$results"
    fi
    echo "round $round: $(uptime | sed 's/.*load/load/')"
done
python3 - "$results" "$size_mib" <<'PY'
import statistics, sys
runs, digests = {}, set()
for line in open(sys.argv[1]):
    name, seconds, digest = line.split()
    runs.setdefault(name, []).append(float(seconds))
    digests.add(digest)
if len(digests) != 1:
    sys.exit(f"the implementations disagree: {digests}")
mib = float(sys.argv[2])
for name, r in runs.items():
    m = statistics.median(r)
    print(f"{name}: median {m:.3f} s = {mib / m:.0f} MiB/s, runs {' '.join(f'{s:.3f}' for s in r)}")
PY

#!/usr/bin/env bash
# Sets up, builds and runs every test of clef-git (the README's second command; CI runs it).
#   CLEF_FUZZ_SECONDS  seconds each fuzz target runs as a smoke test (default 30; 0 skips)
#   CLEF_JOBS          parallel build and test jobs (default: number of cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="${CLEF_JOBS:-$(nproc)}"

bash install/setup.sh

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs" --timeout 900

echo "== the demo (README's first command) on the same build"
CLEF_DEMO_NO_BUILD=1 bash install/demo.sh >/tmp/clef-demo.$$.log 2>&1 || {
  cat /tmp/clef-demo.$$.log; rm -f /tmp/clef-demo.$$.log; echo "demo failed" >&2; exit 1; }
tail -n 10 /tmp/clef-demo.$$.log
rm -f /tmp/clef-demo.$$.log

fuzz_seconds="${CLEF_FUZZ_SECONDS:-30}"
if [[ "$fuzz_seconds" != 0 ]] && ls core/fuzz/*_fuzz.cc >/dev/null 2>&1; then
  echo "== fuzz smoke: ${fuzz_seconds}s per target"
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCLEF_FUZZ=ON -DCLEF_BUILD_TESTS=OFF -DCLEF_BUILD_BENCH=OFF >/dev/null
  targets=()
  for src in core/fuzz/*_fuzz.cc; do targets+=("$(basename "$src" .cc)"); done
  cmake --build build-fuzz -j "$jobs" --target "${targets[@]}"
  for name in "${targets[@]}"; do
    target="build-fuzz/fuzz/$name"
    corpus="core/fuzz/corpus/${name%_fuzz}"
    work="$(mktemp -d)"
    [[ -d "$corpus" ]] && cp -r "$corpus"/. "$work"/
    echo "-- $name"
    if ! "$target" -max_total_time="$fuzz_seconds" -print_final_stats=1 "$work" >"$work.log" 2>&1; then
      tail -n 60 "$work.log"
      echo "fuzz target $name failed; the input is in the crash-* file above" >&2
      exit 1
    fi
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units)' "$work.log" | tail -n 2
    rm -rf "$work" "$work.log"
  done
fi

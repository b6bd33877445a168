#!/usr/bin/env bash
# Benchmark for `clef verify` (issue 3): whole-process verification of one sops file with
# 1,000 values versus `sops decrypt` of the same file, in the same run: median wall time over
# RUNS runs and peak resident memory (/usr/bin/time -f %M).
# Usage: bench/verify_bench.sh [BUILD_DIR]   (default: build). Needs the real sops (.deps/bin).
# The file is written by the real sops 3.12.2 from synthetic values (no real secrets).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
VERIFY="$BUILD/bin/clef-verify"
SOPS="$ROOT/.deps/bin/sops"
DATA="$ROOT/tests/data/sops-3.12.2"
RUNS=${RUNS:-21}
export SOPS_AGE_KEY_FILE="$DATA/identity-a.txt"
RECIPIENT=$(grep -o 'age1[a-z0-9]*' "$SOPS_AGE_KEY_FILE" | head -1)
[ -x "$VERIFY" ] || { echo "build clef-verify first ($VERIFY)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Measure the tool as installed: the package strips its binaries (CPACK_STRIP_FILES), and the
# debug sections of a RelWithDebInfo build cost ~3 ms of exec time for a 25 MB static binary.
cp "$VERIFY" "$WORK/clef-verify" && strip "$WORK/clef-verify" && VERIFY="$WORK/clef-verify"

# 1,000 values: 800 top-level strings/ints, 200 in nested maps and lists; plaintext is piped
# into sops, never written to disk.
{
  for i in $(seq 0 599); do echo "KEY_$i: value-$i-$RANDOM$RANDOM"; done
  for i in $(seq 0 199); do echo "PORT_$i: $((1000 + i))"; done
  for g in $(seq 0 19); do
    echo "group_$g:"
    for j in $(seq 0 4); do echo "    user_$j: u$g-$j"; done
    echo "    hosts:"
    for j in $(seq 0 4); do echo "        - h$g-$j.internal"; done
  done
} | "$SOPS" encrypt --age "$RECIPIENT" --input-type yaml --output-type yaml /dev/stdin \
  > "$WORK/big.enc.yaml"
values=$(grep -c 'ENC\[AES256_GCM' "$WORK/big.enc.yaml")
echo "file: $((values - 1)) encrypted values, $(wc -c < "$WORK/big.enc.yaml") bytes" >&2

"$VERIFY" "$WORK/big.enc.yaml" > /dev/null || { echo "clef-verify failed" >&2; exit 2; }
"$SOPS" decrypt "$WORK/big.enc.yaml" > /dev/null || { echo "sops decrypt failed" >&2; exit 2; }

# CPU time from `perf stat` (task-clock, exact) when it works here, else /usr/bin/time's 10 ms
# ticks (a separate run, so perf's own memory is not counted in the peak RSS).
PERF=""
if perf stat -x, -e task-clock -o /dev/null true 2>/dev/null; then PERF=1; fi
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# One run of CMD... appended to $WORK/<tag>.{wall,cpu,mem}: with perf, wall (duration_time) and
# CPU (task-clock) of the process itself, without the fork/exec of a timing wrapper, and peak
# RSS from /usr/bin/time in a separate run; without perf, /usr/bin/time alone.
run_once() {
  local tag=$1
  shift
  if [ -n "$PERF" ]; then
    perf stat -x, -e task-clock,duration_time -o "$WORK/cpu" "$@" > /dev/null
    awk -F, '/task-clock/ {printf "%.2f\n", $1}' "$WORK/cpu" >> "$WORK/$tag.cpu"
    awk -F, '/duration_time/ {printf "%d\n", $1 / 1000}' "$WORK/cpu" >> "$WORK/$tag.wall"
    /usr/bin/time -f '%M' -o "$WORK/mem" "$@" > /dev/null
    cat "$WORK/mem" >> "$WORK/$tag.mem"
  else
    local start=${EPOCHREALTIME/./} end kib user sys
    /usr/bin/time -f '%M %U %S' -o "$WORK/mem" "$@" > /dev/null
    end=${EPOCHREALTIME/./}
    echo $((end - start)) >> "$WORK/$tag.wall"
    read -r kib user sys < "$WORK/mem"
    echo "$kib" >> "$WORK/$tag.mem"
    awk -v u="$user" -v s="$sys" 'BEGIN {print (u + s) * 1000}' >> "$WORK/$tag.cpu"
  fi
}
summary() {  # TAG -> "median_wall_us peak_kib median_cpu_ms"
  echo "$(median < "$WORK/$1.wall") $(sort -n "$WORK/$1.mem" | tail -1) $(median < "$WORK/$1.cpu")"
}
# The two tools take turns, so a change in the machine's speed during the run (a 2-core VM's
# neighbours, frequency) reaches both alike instead of skewing the ratio.
for _ in $(seq "$RUNS"); do
  run_once clef "$VERIFY" "$WORK/big.enc.yaml"
  run_once sops "$SOPS" decrypt "$WORK/big.enc.yaml"
done
read -r clef_us clef_kib clef_cpu < <(summary clef)
read -r sops_us sops_kib sops_cpu < <(summary sops)
ratio=$(awk -v a="$sops_us" -v b="$clef_us" 'BEGIN {printf "%.1f", a / b}')
printf '| tool | median wall time | median CPU (%s) | peak RSS |\n|---|---|---|---|\n' "$([ -n "$PERF" ] && echo 'perf task-clock' || echo 'user+sys, 10 ms ticks')"
printf '| clef verify | %.1f ms | %s ms | %.1f MiB |\n' "$(awk -v u="$clef_us" 'BEGIN{print u/1000}')" \
  "$clef_cpu" "$(awk -v k="$clef_kib" 'BEGIN{print k/1024}')"
printf '| sops decrypt | %.1f ms | %s ms | %.1f MiB |\n' "$(awk -v u="$sops_us" 'BEGIN{print u/1000}')" \
  "$sops_cpu" "$(awk -v k="$sops_kib" 'BEGIN{print k/1024}')"
echo
echo "clef verify is ${ratio}x faster than sops decrypt in wall time ($RUNS runs each, median;" \
  "$(nproc) CPUs, load average $(cut -d' ' -f1 /proc/loadavg))"

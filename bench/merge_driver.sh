#!/bin/bash
# Merge driver benchmark (issue 4): one driver call on a 100-key file where each side changed
# 5 different keys, vs the decrypt-merge-re-encrypt path through the real sops (three
# `sops decrypt` + one `sops encrypt`, as Clef does); then `git merge` of two branches that
# each edited 200 encrypted files, with and without the driver.
# Usage: bench/merge_driver.sh BUILD_DIR   (needs .deps/bin/sops; prints a Markdown table)
#   RUNS=N (default 30) calls per measurement. Wall is the median of the calls; CPU is user +
#   system time per call (the mean over all calls, from the shell's child rusage), which a busy
#   machine distorts much less than wall; peak RSS is the largest of any single process.
#   Instructions (valgrind callgrind, when installed) are exact and independent of load.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
DRIVER=$BUILD/bin/clef-merge-driver
SOPS=$ROOT/.deps/bin/sops
DATA=$ROOT/tests/data/sops-3.12.2
export SOPS_AGE_KEY_FILE=$DATA/identity-a.txt
AGE=$(grep -o 'age1[0-9a-z]*' "$DATA/identity-a.txt" | head -1)
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
export GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@e GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@e
RUNS=${RUNS:-30}

plain() { for i in $(seq 1 100); do printf 'KEY_%03d: "value-%03d-%s"\n' $i $i "$1"; done; }
enc() { "$SOPS" --config /dev/null encrypt --age "$AGE" --input-type yaml --output-type yaml /dev/stdin; }
plain base | enc > "$W/base.yaml"
cp "$W/base.yaml" "$W/ours.yaml"; cp "$W/base.yaml" "$W/theirs.yaml"
for i in 1 2 3 4 5; do
  "$SOPS" set "$W/ours.yaml" "[\"KEY_00$i\"]" '"ours"'
  "$SOPS" set "$W/theirs.yaml" "[\"KEY_09$i\"]" '"theirs"'
done

# One call of "$@" with %A restored first; the restore is not timed.
one_call() { cp "$W/ours.yaml" "$W/A"; "$@" >/dev/null 2>&1 || true; }

# "median wall ms | CPU ms per call | peak RSS MiB" of "$@" over RUNS calls.
measure() {
  local walls=() s e i cpu_all cpu_cp rss=0 m
  for i in $(seq 1 "$RUNS"); do
    cp "$W/ours.yaml" "$W/A"
    s=$EPOCHREALTIME; "$@" >/dev/null 2>&1 || true; e=$EPOCHREALTIME
    walls+=("$(awk "BEGIN{print ($e-$s)*1000}")")
  done
  # CPU: the loop with the calls minus the same loop restoring %A only.
  TIMEFORMAT='%3U %3S'
  cpu_all=$({ time (for i in $(seq 1 "$RUNS"); do one_call "$@"; done); } 2>&1)
  cpu_cp=$({ time (for i in $(seq 1 "$RUNS"); do cp "$W/ours.yaml" "$W/A"; done); } 2>&1)
  for i in 1 2 3; do
    cp "$W/ours.yaml" "$W/A"
    /usr/bin/time -o "$W/time" -f '%M' "$@" >/dev/null 2>&1 || true
    m=$(tail -1 "$W/time"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local med; med=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS+1)/2 ))p")
  awk -v med="$med" -v all="$cpu_all" -v cp="$cpu_cp" -v runs="$RUNS" -v rss="$rss" 'BEGIN{
    split(all, a, " "); split(cp, c, " ");
    printf "%.1f | %.1f | %.1f", med, (a[1]+a[2]-c[1]-c[2])*1000/runs, rss/1024 }'
}

instructions() {  # callgrind's count for one call, or "n/a"
  command -v valgrind >/dev/null || { echo n/a; return; }
  cp "$W/ours.yaml" "$W/A"
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    awk '/Collected/{printf "%.1fM", $4/1e6}'
}

sops_path() {  # three decrypts and one encrypt, plaintext through pipes only
  "$SOPS" decrypt "$W/base.yaml" >/dev/null
  "$SOPS" decrypt "$W/A" >/dev/null
  "$SOPS" decrypt "$W/theirs.yaml" | enc >/dev/null
}
export -f sops_path enc; export SOPS AGE W

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo
echo "| measurement | wall ms (median) | CPU ms (user+sys) | peak RSS MiB | instructions |"
echo "|---|---|---|---|---|"
DRIVER_CALL=("$DRIVER" "$W/base.yaml" "$W/A" "$W/theirs.yaml" 7 dev.enc.yaml)
echo "| clef-merge-driver, 100 keys, 5+5 changed | $(measure "${DRIVER_CALL[@]}") | $(instructions "${DRIVER_CALL[@]}") |"
echo "| sops path: 3x decrypt + 1x encrypt (RSS: largest process) | $(measure bash -c sops_path) | - |"
cp "$W/ours.yaml" "$W/A"; "${DRIVER_CALL[@]}"
echo
echo "(the driver's result was checked: $("$SOPS" decrypt --input-type yaml --output-type yaml "$W/A" | grep -cE 'ours|theirs') of 10 changed keys merged)"

# git merge of 200 edited files
repo() {
  local R=$W/repo-$1; git init -q -b main "$R"; cd "$R"
  mkdir -p s; for f in $(seq 1 200); do cp "$W/base.yaml" "s/f$f.enc.yaml"; done
  git add -A && git commit -qm base && git branch feature
  git checkout -q feature; for f in $(seq 1 200); do cp "$W/theirs.yaml" "s/f$f.enc.yaml"; done; git commit -qam t
  git checkout -q main; for f in $(seq 1 200); do cp "$W/ours.yaml" "s/f$f.enc.yaml"; done; git commit -qam o
  if [ "$1" = with ]; then
    git config merge.clef-sops.driver "$DRIVER %O %A %B %L %P"
    echo '*.enc.yaml merge=clef-sops' > .git/info/attributes
  fi
  local s e cpu
  TIMEFORMAT='%3U %3S'
  s=$EPOCHREALTIME
  cpu=$({ time (git merge -q --no-edit feature >/dev/null 2>&1 || true); } 2>&1)
  e=$EPOCHREALTIME
  local conflicted; conflicted=$(git ls-files -u | cut -f2 | sort -u | wc -l)
  echo "| git merge, 200 files edited on both branches, $1 driver | $(awk -v s="$s" -v e="$e" -v c="$cpu" 'BEGIN{split(c,a," "); printf "%.2f s wall, %.2f s CPU", e-s, a[1]+a[2]}') | $conflicted files left conflicted |"
}
echo
echo "| git merge | time | result |"
echo "|---|---|---|"
repo with
repo without
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"

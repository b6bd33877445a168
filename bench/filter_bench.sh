#!/usr/bin/env bash
# Benchmark for clef-filter (issue 8), all variants in the same run on the same corpus:
#   1. `git add -A` of 2,000 sops-encrypted files: no filter / process filter / one-shot clean
#   2. `git log -p` over 500 commits touching encrypted files: textconv view / --no-textconv
# Usage: bench/filter_bench.sh [BUILD_DIR]   (default: build). Needs the real sops (.deps/bin).
# Every file is written by the real sops 3.12.2 (cached in $CLEF_BENCH_CACHE between runs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)  # absolute: git runs the filter from each repo
FILTER="$BUILD/bin/clef-filter"
SOPS="$ROOT/.deps/bin/sops"
DATA="$ROOT/tests/data/sops-3.12.2"
CACHE=${CLEF_BENCH_CACHE:-/tmp/clef-filter-bench-cache}
RUNS=${RUNS:-5}
export SOPS_AGE_KEY_FILE="$DATA/identity-a.txt"
RECIPIENT=$(grep -o 'age1[a-z0-9]*' "$SOPS_AGE_KEY_FILE" | head -1)
[ -x "$FILTER" ] || { echo "build clef-filter first ($FILTER)" >&2; exit 2; }

# --- corpus: 2,000 distinct encrypted files ------------------------------------------------
mkdir -p "$CACHE/corpus"
if [ "$(ls "$CACHE/corpus" | wc -l)" -lt 2000 ]; then
  echo "encrypting 2,000 files with sops (once; cached in $CACHE)..." >&2
  seq -f '%04g' 0 1999 | xargs -P2 -I{} sh -c '
    printf "DB_HOST: db-{}.internal\nDB_PORT: 5432\nDB_PASSWORD: pw-{}-%s\nAPI_TOKEN: tok_{}_abcdef0123456789\nnested:\n  user: app{}\n  list: [a, b, c]\n" "$(date +%N)" > "$0/p{}.yaml"
    "$1" encrypt --age "$2" --input-type yaml --output-type yaml "$0/p{}.yaml" > "$0/corpus/s{}.enc.yaml"
    rm "$0/p{}.yaml"' "$CACHE" "$SOPS" "$RECIPIENT"
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { date +%s%3N; }

add_repo() {  # add_repo DIR MODE
  rm -rf "$1"; git init -q -b main "$1"
  cp -r "$CACHE/corpus" "$1/secrets"
  echo '*.enc.yaml filter=clef-sops diff=clef-sops' > "$1/.gitattributes"
  case "$2" in
    process) git -C "$1" config filter.clef-sops.process "$FILTER process" ;;
    oneshot) git -C "$1" config filter.clef-sops.clean "$FILTER clean %f"
             git -C "$1" config filter.clef-sops.smudge "$FILTER smudge %f" ;;
  esac
  [ "$2" = none ] || git -C "$1" config filter.clef-sops.required true
}

time_add() {  # time_add DIR: median ms of `git add -A` from an empty index
  for _ in $(seq "$RUNS"); do
    rm -f "$1/.git/index"
    local t0; t0=$(now_ms)
    git -C "$1" add -A || { echo "git add failed in $1" >&2; exit 1; }
    echo $(( $(now_ms) - t0 ))
  done | median
}

W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
echo "## git add -A of 2,000 encrypted files (median of $RUNS, ms)"
for mode in none process oneshot; do
  add_repo "$W/$mode" "$mode"
  ms=$(time_add "$W/$mode")
  echo "$mode $ms" | tee -a "$W/add.txt"
done
base=$(awk '$1=="none"{print $2}' "$W/add.txt")
awk -v b="$base" '{printf "  %-8s %6d ms  %.2fx unfiltered\n", $1, $2, $2/b}' "$W/add.txt"

# --- history: 500 commits, each a real `sops set` on one of 5 files --------------------------
H="$CACHE/history"
if [ ! -d "$H/.git" ] || [ "$(git -C "$H" rev-list --count HEAD)" -lt 500 ]; then
  echo "making 500 commits with sops set (once; cached)..." >&2
  rm -rf "$H"; git init -q -b main "$H"
  git -C "$H" config user.email b@example.com; git -C "$H" config user.name bench
  echo '*.enc.yaml diff=clef-sops' > "$H/.gitattributes"
  for f in 0 1 2 3 4; do cp "$CACHE/corpus/s000$f.enc.yaml" "$H/s$f.enc.yaml"; done
  git -C "$H" add -A; git -C "$H" commit -qm init
  for i in $(seq 1 499); do
    f=$((i % 5))
    "$SOPS" set "$H/s$f.enc.yaml" '["DB_PORT"]' "$((5000 + i))"
    git -C "$H" commit -qam "edit $i"
  done
fi
git -C "$H" config diff.clef-sops.textconv "$FILTER textconv"
time_log() {
  for _ in $(seq "$RUNS"); do
    local t0; t0=$(now_ms)
    git -C "$H" log -p "$@" > /dev/null
    echo $(( $(now_ms) - t0 ))
  done | median
}
echo "## git log -p over $(git -C "$H" rev-list --count HEAD) commits (median of $RUNS, ms)"
tv=$(time_log); plain=$(time_log --no-textconv)
echo "  textconv     $tv ms"
echo "  no textconv  $plain ms"
echo "  lines: textconv $(git -C "$H" log -p | wc -l), raw $(git -C "$H" log -p --no-textconv | wc -l)"

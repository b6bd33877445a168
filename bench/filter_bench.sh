#!/usr/bin/env bash
# Benchmark for clef-filter (issue 8), all variants in the same run on the same corpus:
#   1. `git add -A` of 2,000 sops-encrypted files: no filter / a do-nothing process filter (the
#      protocol's floor: git's own cost of talking to any filter) / clef-filter process /
#      one-shot clean
#   2. `git log -p` over 500 commits touching encrypted files: textconv with an identity (keyed
#      fingerprints: every file is decrypted and verified), without one, and --no-textconv
# Each row: median wall ms and median CPU ms (user+sys of git and its children; the fairer
# figure on a shared machine), with the load average at the start.
# Usage: bench/filter_bench.sh [BUILD_DIR]   (default: build). Needs the real sops (.deps/bin)
# and a C compiler (for the do-nothing filter).
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
TIMEFORMAT='%3R %3U %3S'
# timed CMD...: prints "wall_ms cpu_ms" for one run (cpu = user+sys including children).
timed() {
  local t
  t=$( { time "$@" > /dev/null 2>&1; } 2>&1 ) || { echo "failed: $*" >&2; exit 1; }
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<< "$t"
}
# medians RUNS CMD...: "wall_ms cpu_ms", each the median over the runs.
medians() {
  local runs=$1; shift
  for _ in $(seq "$runs"); do "$@"; done > "$W/runs"
  echo "$(awk '{print $1}' "$W/runs" | median) $(awk '{print $2}' "$W/runs" | median)"
}

W=$(mktemp -d); trap 'rm -rf "$W"' EXIT

# --- a do-nothing long-running filter: pass-through, same buffering as clef-filter ----------
cat > "$W/null_filter.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
static char in[1 << 20], out[1 << 20], buf[70000], content[64 << 20];
static size_t len, pos, olen;
static int fill(void) {
  if (pos < len) return 1;
  ssize_t n = read(0, in, sizeof in);
  if (n <= 0) return 0;
  len = (size_t)n, pos = 0;
  return 1;
}
static int get(char *d, size_t n) {
  while (n) {
    if (!fill()) return 0;
    size_t k = len - pos < n ? len - pos : n;
    memcpy(d, in + pos, k), pos += k, d += k, n -= k;
  }
  return 1;
}
static void send(void) {
  for (size_t o = 0; o < olen;) {
    ssize_t n = write(1, out + o, olen - o);
    if (n <= 0) exit(1);
    o += (size_t)n;
  }
  olen = 0;
}
static void put(const char *s, size_t n) {
  if (olen + n > sizeof out) send();
  memcpy(out + olen, s, n), olen += n;
}
static long pkt(char *into) {  /* payload size; -1 flush; -2 end of input */
  char h[5] = {0};
  if (!get(h, 4)) return -2;
  long l = strtol(h, 0, 16);
  if (l == 0) return -1;
  if (!get(into, (size_t)l - 4)) exit(1);
  return l - 4;
}
static void text(const char *s) {
  char h[5];
  snprintf(h, 5, "%04x", (unsigned)strlen(s) + 4), put(h, 4), put(s, strlen(s));
}
int main(void) {
  while (pkt(buf) >= 0) {}
  text("git-filter-server\n"), text("version=2\n"), put("0000", 4), send();
  while (pkt(buf) >= 0) {}
  text("capability=clean\n"), text("capability=smudge\n"), put("0000", 4), send();
  for (long n;;) {
    if ((n = pkt(buf)) == -2) return 0;
    while (pkt(buf) >= 0) {}
    size_t cl = 0;
    while ((n = pkt(content + cl)) >= 0) cl += (size_t)n;
    text("status=success\n"), put("0000", 4);
    for (size_t o = 0; o < cl; o += 65516) {
      size_t k = cl - o < 65516 ? cl - o : 65516;
      char h[5];
      snprintf(h, 5, "%04x", (unsigned)k + 4), put(h, 4), put(content + o, k);
    }
    put("0000", 4), put("0000", 4), send();
  }
}
C
cc -O2 -o "$W/null_filter" "$W/null_filter.c"

add_repo() {  # add_repo DIR MODE
  rm -rf "$1"; git init -q -b main "$1"
  cp -r "$CACHE/corpus" "$1/secrets"
  echo '*.enc.yaml filter=clef-sops diff=clef-sops' > "$1/.gitattributes"
  case "$2" in
    process) git -C "$1" config filter.clef-sops.process "$FILTER process" ;;
    null) git -C "$1" config filter.clef-sops.process "$W/null_filter" ;;
    oneshot) git -C "$1" config filter.clef-sops.clean "$FILTER clean %f"
             git -C "$1" config filter.clef-sops.smudge "$FILTER smudge %f" ;;
  esac
  [ "$2" = none ] || git -C "$1" config filter.clef-sops.required true
}

add_once() {  # add_once DIR: one `git add -A` from an empty index
  rm -f "$1/.git/index"
  timed git -C "$1" add -A
}

echo "## git add -A of 2,000 encrypted files (median of $RUNS; load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
for mode in none null process oneshot; do
  add_repo "$W/$mode" "$mode"
  git -C "$W/$mode" add -A  # objects written once: every timed run does the same work
  echo "$mode $(medians "$RUNS" add_once "$W/$mode")" >> "$W/add.txt"
done
read -r _ base_wall base_cpu < <(grep '^none ' "$W/add.txt")
awk -v bw="$base_wall" -v bc="$base_cpu" '{
  name = $1 == "null" ? "null-filter" : $1
  printf "  %-12s wall %6d ms (%5.2fx)   cpu %6d ms (%5.2fx)\n", name, $2, $2 / bw, $3, $3 / bc
}' "$W/add.txt"
echo "  (null-filter: a do-nothing process filter, the floor git's protocol handling sets)"

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
log_once() { timed git -C "$H" log -p "$@"; }
mkdir -p "$W/home"  # no ~/.config/sops/age/keys.txt for the run without an identity
echo "## git log -p over $(git -C "$H" rev-list --count HEAD) commits (median of $RUNS; load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
read -r idw idc < <(medians "$RUNS" log_once)
saved_home=$HOME
unset SOPS_AGE_KEY_FILE; export HOME="$W/home"
read -r nw nc < <(medians "$RUNS" log_once)
export SOPS_AGE_KEY_FILE="$DATA/identity-a.txt" HOME="$saved_home"
read -r pw pc < <(medians "$RUNS" log_once --no-textconv)
printf "  %-30s wall %6d ms   cpu %6d ms\n" "textconv, identity (hmac)" "$idw" "$idc" \
  "textconv, no identity (enc)" "$nw" "$nc" "--no-textconv" "$pw" "$pc"
echo "  lines: textconv $(git -C "$H" log -p | wc -l), raw $(git -C "$H" log -p --no-textconv | wc -l)"

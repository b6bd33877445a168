#!/bin/bash
# Merge driver benchmark (issue 4): one driver call on a 100-key file where each side changed
# 5 different keys, vs the decrypt-merge-re-encrypt path through the real sops (three
# `sops decrypt` + one `sops encrypt`, as Clef does); then `git merge` of two branches that
# each edited 200 encrypted files, with and without the driver.
# Usage: bench/merge_driver.sh BUILD_DIR   (needs .deps/bin/sops; prints a Markdown table)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
SOPS=$ROOT/.deps/bin/sops
DATA=$ROOT/tests/data/sops-3.12.2
export SOPS_AGE_KEY_FILE=$DATA/identity-a.txt
AGE=$(grep -o 'age1[0-9a-z]*' "$DATA/identity-a.txt" | head -1)
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
export GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@e GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@e
RUNS=${RUNS:-20}

plain() { for i in $(seq 1 100); do printf 'KEY_%03d: "value-%03d-%s"\n' $i $i "$1"; done; }
enc() { "$SOPS" --config /dev/null encrypt --age "$AGE" --input-type yaml --output-type yaml /dev/stdin; }
plain base | enc > "$W/base.yaml"
cp "$W/base.yaml" "$W/ours.yaml"; cp "$W/base.yaml" "$W/theirs.yaml"
for i in 1 2 3 4 5; do
  "$SOPS" set "$W/ours.yaml" "[\"KEY_00$i\"]" '"ours"'
  "$SOPS" set "$W/theirs.yaml" "[\"KEY_09$i\"]" '"theirs"'
done

# median wall ms and max RSS of a command over RUNS runs (RSS: the largest single process)
measure() {
  local times=() rss=0
  for _ in $(seq 1 "$RUNS"); do
    cp "$W/ours.yaml" "$W/A"
    local out
    /usr/bin/time -o "$W/time" -f '%e %M' "$@" >/dev/null 2>/dev/null || true
    out=$(tail -1 "$W/time")
    times+=("$(echo "$out" | cut -d' ' -f1)"); local m; m=$(echo "$out" | cut -d' ' -f2)
    [ "$m" -gt "$rss" ] && rss=$m
  done
  local med; med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS+1)/2 ))p")
  echo "$(awk "BEGIN{printf \"%.1f\", $med*1000}") ms, peak RSS $((rss/1024)) MiB"
}

sops_path() {  # three decrypts and one encrypt, plaintext through pipes only
  "$SOPS" decrypt "$W/base.yaml" >/dev/null
  "$SOPS" decrypt "$W/A" >/dev/null
  "$SOPS" decrypt "$W/theirs.yaml" | enc >/dev/null
}
export -f sops_path enc; export SOPS AGE W
echo "| measurement | result |"
echo "|---|---|"
echo "| clef-merge-driver, 100 keys, 5+5 changed | $(measure "$BUILD/bin/clef-merge-driver" "$W/base.yaml" "$W/A" "$W/theirs.yaml" 7 dev.enc.yaml) |"
echo "| sops path: 3x decrypt + 1x encrypt (wall total; RSS of the largest process) | $(measure bash -c sops_path) |"

# git merge of 200 edited files
repo() {
  local R=$W/repo-$1; git init -q -b main "$R"; cd "$R"
  mkdir -p s; for f in $(seq 1 200); do cp "$W/base.yaml" "s/f$f.enc.yaml"; done
  git add -A && git commit -qm base && git branch feature
  git checkout -q feature; for f in $(seq 1 200); do cp "$W/theirs.yaml" "s/f$f.enc.yaml"; done; git commit -qam t
  git checkout -q main; for f in $(seq 1 200); do cp "$W/ours.yaml" "s/f$f.enc.yaml"; done; git commit -qam o
  if [ "$1" = with ]; then
    git config merge.clef-sops.driver "$BUILD/bin/clef-merge-driver %O %A %B %L %P"
    echo '*.enc.yaml merge=clef-sops' > .git/info/attributes
  fi
  local s e; s=$(date +%s.%N); git merge -q --no-edit feature >/dev/null 2>&1 || true; e=$(date +%s.%N)
  local conflicted; conflicted=$(git ls-files -u | cut -f2 | sort -u | wc -l)
  echo "| git merge, 200 files edited on both branches, $1 driver | $(awk "BEGIN{printf \"%.2f\", $e-$s}") s, $conflicted files left conflicted |"
}
repo with
repo without

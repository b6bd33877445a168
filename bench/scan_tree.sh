#!/usr/bin/env bash
# Scan throughput on a large tree, clef-scan beside ripgrep (same regexes), git-secrets and
# secretlint 12. Usage: bench/scan_tree.sh BUILD_DIR [TREE...]
# Default tree: /usr/include + /usr/share/doc (stands in for the libgit2 source tree, ~15k
# files; no source repositories are reachable here). Warm cache: each tool runs once to warm
# up, then the best of 3 is reported.
set -uo pipefail
build="${1:?usage: scan_tree.sh BUILD_DIR [TREE...]}"; shift
trees=("$@"); [[ ${#trees[@]} -gt 0 ]] || trees=(/usr/include /usr/share/doc)
scan="$build/bin/clef-scan"
work="$(mktemp -d /tmp/clef-bench-tree-XXXXXX)"; trap 'rm -rf "$work"' EXIT
files=$(find "${trees[@]}" -type f | wc -l)
bytes=$(find "${trees[@]}" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "tree: ${trees[*]} — $files files, $((bytes / 1048576)) MiB"
best() { # command... ; prints best wall seconds of 3 after a warm-up
  "$@" >/dev/null 2>&1
  local b=999999
  for _ in 1 2 3; do
    local s=$(date +%s.%N); "$@" >/dev/null 2>&1; local e=$(date +%s.%N)
    b=$(echo "$e - $s" | bc -l | awk -v b="$b" '{print ($1 < b) ? $1 : b}')
  done
  printf '%.3f' "$b"
}
"$scan" --list-rules | cut -f3 > "$work/all.re"
# ripgrep gets the rules it can compile (Rust regex and RE2 differ in a few escapes).
: > "$work/rg.re"
while IFS= read -r re; do
  printf '%s\n' "$re" > "$work/one.re"
  rg -q -f "$work/one.re" /dev/null 2>/dev/null; [[ $? -le 1 ]] && printf '%s\n' "$re" >> "$work/rg.re"
done < "$work/all.re"
echo "ripgrep accepts $(wc -l < "$work/rg.re") of $(wc -l < "$work/all.re") rule regexes"
t_clef=$(best "$scan" --threads 2 "${trees[@]}")
t_clef1=$(best "$scan" --threads 1 "${trees[@]}")
t_rg=$(best rg -j2 -a -c -f "$work/rg.re" "${trees[@]}")
echo "clef-scan (2 threads): ${t_clef}s  $(echo "$bytes / 1048576 / $t_clef" | bc) MiB/s"
echo "clef-scan (1 thread):  ${t_clef1}s"
echo "ripgrep -j2, same regexes: ${t_rg}s"
if command -v git-secrets >/dev/null; then
  (cd "$work" && git init -q gs && cd gs && git secrets --register-aws >/dev/null 2>&1)
  t_gs=$(best bash -c "cd '$work/gs' && git secrets --scan -r ${trees[*]}")
  echo "git-secrets --scan -r (3 AWS patterns): ${t_gs}s"
fi
if [[ -x /tmp/scan-peers/node_modules/.bin/secretlint && "${CLEF_BENCH_SECRETLINT:-1}" == 1 ]]; then
  echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$work/.secretlintrc.json"
  s=$(date +%s.%N)
  (cd /tmp/scan-peers && timeout 900 node_modules/.bin/secretlint --secretlintrc "$work/.secretlintrc.json" \
     $(for t in "${trees[@]}"; do printf '%s/**/* ' "$t"; done) >/dev/null 2>&1)
  e=$(date +%s.%N)
  echo "secretlint 12 (recommend preset, 1 run): $(echo "$e - $s" | bc -l | xargs printf '%.1f')s"
fi

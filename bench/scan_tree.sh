#!/usr/bin/env bash
# Scan throughput on a large tree: clef-scan beside ripgrep running the same regexes (and the
# keywords alone, i.e. the prefilter's work), git-secrets and secretlint 12.
# Usage: bench/scan_tree.sh BUILD_DIR [--gb | --libgit2] [TREE...]
#   default tree: /usr/include + /usr/share/doc (224 MiB, 13k files).
#   --libgit2: the libgit2 1.5.1 source tree (Debian's orig tarball, downloaded from
#   deb.debian.org into /tmp and made a git repository; 11,410 files, 65 MB), the tree the
#   issue's 0.3 s target and the TypeScript Clef's 4.0 s refer to.
#   --gb: instead, a ~1 GiB source corpus made of copies of /usr/include, /usr/lib/python3*,
#   /usr/share/perl and /usr/lib/node_modules under /tmp (removed afterwards).
# Warm cache: each tool runs once to warm up, then the best of 3 wall times is reported with the
# CPU time (user+sys) of that run: on a loaded shared machine CPU time is the steadier figure.
# Environment: CLEF_BENCH_RG_TIMEOUT (s, default 120) bounds ripgrep with all the regexes;
# CLEF_BENCH_SECRETLINT=0 skips secretlint (single-threaded, minutes).
set -uo pipefail
build="${1:?usage: scan_tree.sh BUILD_DIR [--gb] [TREE...]}"; shift
gb=0; [[ "${1:-}" == --gb ]] && { gb=1; shift; }
libgit2=0; [[ "${1:-}" == --libgit2 ]] && { libgit2=1; shift; }
trees=("$@")
scan="$(cd "$build" && pwd)/bin/clef-scan"
work="$(mktemp -d /tmp/clef-bench-tree-XXXXXX)"; trap 'rm -rf "$work"' EXIT
if [[ $gb == 1 ]]; then
  srcs=(/usr/include /usr/lib/python3 /usr/lib/python3.11 /usr/share/perl /usr/lib/node_modules)
  i=0
  mkdir -p "$work/corpus"
  while [[ $(du -sm "$work/corpus" | cut -f1) -lt 1024 ]]; do
    for s in "${srcs[@]}"; do
      [[ -d "$s" ]] || continue
      mkdir -p "$work/corpus/$i"
      tar -C "$(dirname "$s")" --exclude='__pycache__' -cf - "$(basename "$s")" 2>/dev/null | tar -C "$work/corpus/$i" -xf -
    done
    i=$((i + 1))
  done
  trees=("$work/corpus")
fi
if [[ $libgit2 == 1 ]]; then
  curl -sSfL -o "$work/libgit2.tar.xz" \
    http://deb.debian.org/debian/pool/main/libg/libgit2/libgit2_1.5.1+ds.orig.tar.xz || exit 2
  tar -C "$work" -xf "$work/libgit2.tar.xz"
  (cd "$work/libgit2-1.5.1" && git init -q && git add -A &&
    git -c user.name=b -c user.email=b@example.com commit -qm import) || exit 2
  trees=("$work/libgit2-1.5.1")
fi
[[ ${#trees[@]} -gt 0 ]] || trees=(/usr/include /usr/share/doc)
files=$(find "${trees[@]}" -type f -not -path '*/.git/*' | wc -l)
bytes=$(find "${trees[@]}" -type f -not -path '*/.git/*' -printf '%s\n' | awk '{s+=$1} END {print s}')
mib=$(echo "$bytes / 1048576" | bc)
echo "tree: ${trees[*]} — $files files, $mib MiB"
echo "load: $(uptime | sed 's/.*load average/load average/')"

# run NAME CMD...: warm-up, then best wall of 3; prints "wall cpu" (seconds) into $work/NAME
run() {
  local name="$1"; shift
  "$@" >/dev/null 2>&1
  local best=999999 cpu=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null 2>&1
    read -r w u s < <(tail -1 "$work/t")
    if (( $(echo "$w < $best" | bc -l) )); then best=$w; cpu=$(echo "$u + $s" | bc -l); fi
  done
  echo "$best $cpu" > "$work/$name"
}
wall() { cut -d' ' -f1 "$work/$1"; }
cpu() { cut -d' ' -f2 "$work/$1"; }
mbs() { echo "$bytes / 1000000 / $1" | bc; }

"$scan" --list-rules | cut -f3 > "$work/all.re"
"$scan" --list-rules | cut -f2 | tr ',' '\n' | sort -u > "$work/keywords"
# ripgrep gets the rules it can compile (Rust regex and RE2 differ in a few escapes).
: > "$work/rg.re"
while IFS= read -r re; do
  printf '%s\n' "$re" > "$work/one.re"
  rg -q --regex-size-limit 2G -f "$work/one.re" /dev/null 2>/dev/null; [[ $? -le 1 ]] && printf '%s\n' "$re" >> "$work/rg.re"
done < "$work/all.re"
echo "ripgrep accepts $(wc -l < "$work/rg.re") of $(wc -l < "$work/all.re") rule regexes"

run clef2 "$scan" --threads 2 "${trees[@]}"
run clef1 "$scan" --threads 1 "${trees[@]}"
printf 'clef-scan, 2 threads:  %6.2fs wall  %6.2fs CPU  %5d MB/s wall  %4d MB/s per CPU-second\n' \
  "$(wall clef2)" "$(cpu clef2)" "$(mbs "$(wall clef2)")" "$(mbs "$(cpu clef2)")"
printf 'clef-scan, 1 thread:   %6.2fs wall  %6.2fs CPU\n' "$(wall clef1)" "$(cpu clef1)"

# ripgrep with every regex at once: the size limits must be raised or it refuses to start.
limit="${CLEF_BENCH_RG_TIMEOUT:-120}"
s=$(date +%s.%N)
timeout "$limit" rg -j2 -a -c --regex-size-limit 2G --dfa-size-limit 2G -f "$work/rg.re" "${trees[@]}" >/dev/null 2>&1
rc=$?; e=$(date +%s.%N)
if [[ $rc -eq 124 ]]; then
  echo "ripgrep -j2, the same regexes: did not finish in ${limit}s (killed); ratio clef/rg < $(echo "$(wall clef2) / $limit" | bc -l | xargs printf '%.3f')"
elif [[ $rc -le 1 ]]; then
  run rg "rg" -j2 -a -c --regex-size-limit 2G --dfa-size-limit 2G -f "$work/rg.re" "${trees[@]}"
  printf 'ripgrep -j2, the same regexes: %6.2fs wall  %6.2fs CPU  ratio clef/rg %.2f\n' "$(wall rg)" "$(cpu rg)" \
    "$(echo "$(wall clef2) / $(wall rg)" | bc -l)"
else
  echo "ripgrep -j2, the same regexes: failed (exit $rc)"
fi
run rgkw rg -j2 -a -c -i -F -f "$work/keywords" "${trees[@]}"
printf 'ripgrep -j2 -i -F, the %d keywords only (the prefilter alone): %6.2fs wall  %6.2fs CPU  ratio clef/rg %.2f\n' \
  "$(wc -l < "$work/keywords")" "$(wall rgkw)" "$(cpu rgkw)" "$(echo "$(wall clef2) / $(wall rgkw)" | bc -l)"

if command -v git-secrets >/dev/null; then
  (cd "$work" && git init -q gs && cd gs && git secrets --register-aws >/dev/null 2>&1)
  run gsec bash -c "cd '$work/gs' && git secrets --scan -r ${trees[*]}"
  printf 'git-secrets --scan -r (3 AWS patterns): %6.2fs wall  %6.2fs CPU  ratio clef/git-secrets %.2f\n' \
    "$(wall gsec)" "$(cpu gsec)" "$(echo "$(wall clef2) / $(wall gsec)" | bc -l)"
fi
if [[ -x /tmp/scan-peers/node_modules/.bin/secretlint && "${CLEF_BENCH_SECRETLINT:-1}" == 1 ]]; then
  echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$work/.secretlintrc.json"
  s=$(date +%s.%N)
  (cd /tmp/scan-peers && timeout 900 node_modules/.bin/secretlint --secretlintrc "$work/.secretlintrc.json" \
     $(for t in "${trees[@]}"; do printf '%s/**/* ' "$t"; done) >/dev/null 2>&1)
  e=$(date +%s.%N)
  printf 'secretlint 12 (recommend preset, 1 run): %.1fs\n' "$(echo "$e - $s" | bc -l)"
fi
echo "load after: $(uptime | sed 's/.*load average/load average/')"

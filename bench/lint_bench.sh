#!/usr/bin/env bash
# clef lint on a 250-cell repository (50 namespaces x 5 environments, 20 keys each, written by
# the real sops): `clef lint --staged` with 20 staged files (target under 100 ms), the whole
# working tree (target under 300 ms), and `clef scan --staged` in the same run as a reference.
# Prints the median wall time of 10 runs of each.
# Usage: bench/lint_bench.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(cd "${1:-$root/build}" && pwd)/bin"
sops="$root/.deps/bin/sops"
work="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export HOME="$work" GIT_CONFIG_NOSYSTEM=1 SOPS_AGE_KEY_FILE="$work/a.txt"
git config --global user.name b && git config --global user.email b@example.com
age-keygen -o "$work/a.txt" 2>/dev/null
a=$(sed -n 's/^# public key: //p' "$work/a.txt")
cd "$work" && mkdir repo && cd repo && git init -q -b main
{
  echo "version: 1"; echo "environments:"
  for e in dev test staging preprod production; do echo "  - name: $e"; echo "    description: $e"; done
  echo "namespaces:"
  for n in $(seq -w 1 50); do echo "  - name: ns$n"; echo "    description: ns$n"; done
  echo "sops:"; echo "  default_backend: age"; echo "  age:"; echo "    recipients:"; echo "      - $a"
  echo 'file_pattern: "secrets/{namespace}/{environment}.enc.yaml"'
} > clef.yaml
echo '*.enc.yaml merge=clef-sops diff=clef-sops' > .gitattributes
mkdir -p src && for i in $(seq 1 50); do printf 'def f%s():\n    return %s\n' "$i" "$i" > "src/m$i.py"; done
plain="$(for k in $(seq 1 20); do echo "KEY_$k: value-$k"; done)"
export plain a sops
for n in $(seq -w 1 50); do for e in dev test staging preprod production; do echo "secrets/ns$n/$e.enc.yaml"; done; done |
  xargs -P 2 -I{} bash -c 'mkdir -p "$(dirname {})"; printf "%s\n" "$plain" | "$sops" encrypt --age "$a" --filename-override {} --input-type yaml --output-type yaml /dev/stdin > {}'
git add -A && git commit -qm base
for n in $(seq -w 1 20); do "$sops" set "secrets/ns$n/dev.enc.yaml" '["KEY_1"]' '"changed"'; done
git add -A
median() {  # median of RUNS (default 10) runs of the command, in ms
  local times=() s e n=${RUNS:-10}
  for i in $(seq 1 "$n"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (n + 1) / 2 ))p"
}
staged=$(median "$bin/clef-lint" --staged)
whole=$(median "$bin/clef-lint")
scan=$(median "$bin/clef-scan" --staged)
"$bin/clef-lint" --staged | tail -1
echo "clef lint --staged, 250 cells, 20 staged: median ${staged} ms over 10 runs"
echo "clef lint (working tree, 250 cells + 50 source files): median ${whole} ms over 10 runs"
echo "reference in the same run: clef scan --staged: median ${scan} ms over 10 runs"
verify=$(median "$bin/clef-lint" --verify)
sops_all=$(RUNS=3 median bash -c 'for f in secrets/*/*.enc.yaml; do "$0" decrypt "$f" >/dev/null || exit 1; done' "$sops")
"$bin/clef-lint" --verify | tail -1
echo "clef lint --verify (250 MACs checked with the local identity): median ${verify} ms over 10 runs"
echo "reference in the same run: sops decrypt of the same 250 files, one after the other: median ${sops_all} ms over 3 runs"

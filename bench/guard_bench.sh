#!/usr/bin/env bash
# clef guard between two revisions of a 250-cell repository (50 namespaces x 5 environments,
# 20 keys each) where 30 cells changed (values edited, 10 of them with a new recipient).
# Prints the median wall time of 10 runs and the peak memory; target: under 200 ms.
# Usage: bench/guard_bench.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$root/build}/bin"
sops="$root/.deps/bin/sops"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" GIT_CONFIG_NOSYSTEM=1 SOPS_AGE_KEY_FILE="$work/a.txt"
git config --global user.name b && git config --global user.email b@example.com
age-keygen -o "$work/a.txt" 2>/dev/null && age-keygen -o "$work/m.txt" 2>/dev/null
a=$(sed -n 's/^# public key: //p' "$work/a.txt"); m=$(sed -n 's/^# public key: //p' "$work/m.txt")
cd "$work" && mkdir repo && cd repo && git init -q -b main
{
  echo "version: 1"; echo "environments:"
  for e in dev test staging preprod production; do echo "  - name: $e"; echo "    description: $e"; done
  echo "namespaces:"
  for n in $(seq -w 1 50); do echo "  - name: ns$n"; echo "    description: ns$n"; done
  echo "sops:"; echo "  default_backend: age"; echo "  age:"; echo "    recipients:"; echo "      - $a"
  echo 'file_pattern: "secrets/{namespace}/{environment}.enc.yaml"'
} > clef.yaml
plain="$(for k in $(seq 1 20); do echo "KEY_$k: value-$k"; done)"
export plain a sops
for n in $(seq -w 1 50); do for e in dev test staging preprod production; do echo "secrets/ns$n/$e.enc.yaml"; done; done |
  xargs -P 2 -I{} bash -c 'mkdir -p "$(dirname {})"; printf "%s\n" "$plain" | "$sops" encrypt --age "$a" --filename-override {} --input-type yaml --output-type yaml /dev/stdin > {}'
git add -A && git commit -qm base
git checkout -qb pr
for n in $(seq -w 1 30); do
  "$sops" set "secrets/ns$n/dev.enc.yaml" '["KEY_1"]' '"changed"'
done
for n in $(seq -w 1 10); do "$sops" rotate -i --add-age "$m" "secrets/ns$n/test.enc.yaml"; done
git commit -qam pr
times=()
for i in $(seq 1 10); do
  s=$(date +%s%N); "$bin/clef-guard" --base main --head pr >/dev/null || true; e=$(date +%s%N)
  times+=($(( (e - s) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n '5p')
peak=$( { /usr/bin/time -f "%M" "$bin/clef-guard" --base main --head pr >/dev/null || true; } 2>&1 | tail -1 )
gitdiff_s=$(date +%s%N); git diff --stat main pr >/dev/null; gitdiff_e=$(date +%s%N)
echo "clef guard, 250 cells, 40 changed: median ${median} ms over 10 runs, peak ${peak} KiB"
echo "reference in the same run: git diff --stat main pr: $(( (gitdiff_e - gitdiff_s) / 1000000 )) ms"

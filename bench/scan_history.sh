#!/usr/bin/env bash
# History and pre-commit benchmarks for clef-scan. Usage: bench/scan_history.sh BUILD_DIR [COMMITS]
#  1. A synthetic repository of COMMITS commits (default 10000) over 2,000 files, made with
#     git fast-import (each commit rewrites one ~2 KiB source file; one in 500 adds a secret).
#     clef-scan --history (unique blobs from `git rev-list --objects | git cat-file --batch-check`)
#     vs the same with the libgit2 walk (CLEF_HISTORY_LIBGIT2=1) vs
#     `git log -p --all --no-textconv | clef-scan -`, in the same run; ratios and CPU times.
#  2. --staged with 20 staged files in a repository of 20,000 tracked files.
set -uo pipefail
build="${1:?usage: scan_history.sh BUILD_DIR [COMMITS]}"
commits="${2:-10000}"
scan="$(cd "$build" && pwd)/bin/clef-scan"
work="$(mktemp -d /tmp/clef-bench-hist-XXXXXX)"; trap 'rm -rf "$work"' EXIT
repo="$work/hist"
git init -q -b main "$repo"
python3 - "$commits" <<'PY' | git -C "$repo" fast-import --quiet
import random, sys, zlib
random.seed(5)
n = int(sys.argv[1])
a = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
def token():
    body = "".join(random.choice(a) for _ in range(30)); c = zlib.crc32(body.encode()); s = ""
    while c: s = a[c % 62] + s; c //= 62
    return "ghp_" + body + s.rjust(6, "0")
words = "def return self value result config item list index count name data error path".split()
out = bytearray()
for i in range(1, n + 1):
    f = random.randrange(2000)
    lines = ["# module %d revision %d" % (f, i)]
    for _ in range(60):
        lines.append("    %s = %s(%d)" % (random.choice(words), random.choice(words), random.randrange(10**6)))
    if i % 500 == 0:
        lines.append('GITHUB_TOKEN = "%s"' % token())
    body = ("\n".join(lines) + "\n").encode()
    out += (("commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\ndata 13\ncommit %06d\n"
             % (i, 1700000000 + i, i)).encode())
    if i > 1: out += ("from :%d\n" % (i - 1)).encode()
    out += ("M 100644 inline src/m%04d.py\ndata %d\n" % (f, len(body))).encode() + body + b"\n"
sys.stdout.buffer.write(bytes(out))
PY
git -C "$repo" reset -q --hard main
echo "history repo: $(git -C "$repo" rev-list --count --all) commits, $(git -C "$repo" count-objects -vH | grep size-pack)"
cd "$repo"
echo "load: $(uptime | sed 's/.*load average/load average/')"
# timed NAME CMD: wall and CPU (user+sys, children included) into $work/NAME
timed() { local n="$1"; shift; /usr/bin/time -f "%e %U %S" -o "$work/r_$n.t" bash -c "$*" >/dev/null 2>&1;
  read -r w u s < <(tail -1 "$work/r_$n.t"); echo "$w $(echo "$u + $s" | bc -l)" > "$work/r_$n"; }
wall() { cut -d' ' -f1 "$work/r_$1"; }
cpu() { cut -d' ' -f2 "$work/r_$1"; }
timed hist "'$scan' --history --format json > '$work/h.json'"
n1=$(python3 -c "import json;print(len(json.load(open('$work/h.json'))['findings']))")
timed libgit2 "CLEF_HISTORY_LIBGIT2=1 '$scan' --history --format json > '$work/l.json'"
nl=$(python3 -c "import json;print(len(json.load(open('$work/l.json'))['findings']))")
timed pipe "git log -p --all --no-textconv --no-ext-diff | '$scan' - --format json > '$work/p.json'"
n2=$(python3 -c "import json;print(len(json.load(open('$work/p.json'))['findings']))")
timed logp "git log -p --all --no-textconv --no-ext-diff"
printf 'clef-scan --history (git rev-list walk): %6.2fs wall %6.2fs CPU %6.0f commits/s  %d findings (attributed)\n' \
  "$(wall hist)" "$(cpu hist)" "$(echo "$commits / $(wall hist)" | bc -l)" "$n1"
printf 'clef-scan --history (libgit2 walk):      %6.2fs wall %6.2fs CPU %6.0f commits/s  %d findings (attributed)\n' \
  "$(wall libgit2)" "$(cpu libgit2)" "$(echo "$commits / $(wall libgit2)" | bc -l)" "$nl"
printf 'git log -p | clef-scan -:                %6.2fs wall %6.2fs CPU %6.0f commits/s  %d findings (no attribution)\n' \
  "$(wall pipe)" "$(cpu pipe)" "$(echo "$commits / $(wall pipe)" | bc -l)" "$n2"
printf 'git log -p alone (text production):     %6.2fs wall %6.2fs CPU\n' "$(wall logp)" "$(cpu logp)"
printf 'ratio --history / (git log -p | clef-scan -): %.2f wall, %.2f CPU\n' \
  "$(echo "$(wall hist) / $(wall pipe)" | bc -l)" "$(echo "$(cpu hist) / $(cpu pipe)" | bc -l)"

# --- pre-commit: 20 staged files in a large repository
big="$work/big"
git init -q -b main "$big"
python3 - "$big" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(200):
    os.makedirs(f"{root}/pkg{d}", exist_ok=True)
    for f in range(100):
        with open(f"{root}/pkg{d}/f{f}.py", "w") as fh:
            fh.write("".join(f"value_{i} = compute({i}, {d}, {f})\n" for i in range(40)))
PY
cd "$big" && git add -A && git -c user.name=b -c user.email=b@e commit -q -m big
for i in $(seq 1 20); do printf 'changed = %d\n' "$i" >> "pkg$i/f1.py"; done
git add -A
"$scan" --staged >/dev/null 2>&1
best=9; tot=0
for _ in $(seq 1 10); do
  s=$(date +%s.%N); "$scan" --staged >/dev/null 2>&1; e=$(date +%s.%N)
  d=$(echo "$e - $s" | bc -l); tot=$(echo "$tot + $d" | bc -l)
  best=$(echo "$d" | awk -v b="$best" '{print ($1 < b) ? $1 : b}')
done
/usr/bin/time -f "%U %S" -o "$work/st.t" bash -c "for i in 1 2 3 4 5 6 7 8 9 10; do '$scan' --staged >/dev/null 2>&1; done"
read -r u s < "$work/st.t"
printf 'clef-scan --staged, 20 staged files, 20,000 tracked: best %.1f ms, mean %.1f ms wall; %.1f ms CPU per run (git children included; process start included)\n' \
  "$(echo "$best * 1000" | bc -l)" "$(echo "$tot * 100" | bc -l)" "$(echo "($u + $s) * 100" | bc -l)"
s=$(date +%s.%N); for _ in $(seq 1 10); do git diff --cached --name-only >/dev/null; done; e=$(date +%s.%N)
printf 'for scale, git diff --cached --name-only alone: %.1f ms\n' "$(echo "($e - $s) * 100" | bc -l)"
echo "load after: $(uptime | sed 's/.*load average/load average/')"

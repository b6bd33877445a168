#!/usr/bin/env bash
# Peers on clef-scan's labelled corpus (tests/scan/corpus_support.cc): writes the corpus with
# the quality test, then scores clef-scan, secretlint 12 (recommend preset) and git-secrets
# (--register-aws) by the same rule: a positive file counts as found when a finding is on one
# of its labelled lines; any finding in a hard-negative file is a false positive.
# Usage: bench/scan_quality.sh BUILD_DIR
set -uo pipefail
build="${1:?usage: scan_quality.sh BUILD_DIR}"
work="$(mktemp -d /tmp/clef-bench-quality-XXXXXX)"; trap 'rm -rf "$work"' EXIT
CLEF_SCAN_CORPUS_OUT="$work" "$build/tests/scan_test" --gtest_filter='QualityTest.Recall*' | grep -E "corpus:|clef-scan:"
cd "$work/corpus"
# file:line pairs each tool reports
"$build/bin/clef-scan" --format json . 2>/dev/null |
  python3 -c 'import json,sys; [print("%s:%d" % (f["path"], f["line"])) for f in json.load(sys.stdin)["findings"]]' > "$work/clef.hits"
if [[ -x /tmp/scan-peers/node_modules/.bin/secretlint ]]; then
  echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$work/.secretlintrc.json"
  /tmp/scan-peers/node_modules/.bin/secretlint --secretlintrc "$work/.secretlintrc.json" --format json --output "$work/secretlint.json" "**/*" "**/.*" "**/.*/**/*" >/dev/null 2>&1
  python3 -c '
import json, os, sys
for f in json.load(open(sys.argv[1])):
    for m in f.get("messages", []):
        print("%s:%d" % (os.path.relpath(f["filePath"]), m["loc"]["start"]["line"]))' "$work/secretlint.json" > "$work/secretlint.hits"
fi
if command -v git-secrets >/dev/null; then
  git init -q . && git secrets --register-aws >/dev/null 2>&1
  git secrets --scan -r . 2>&1 | grep -aoE '^[^:]+:[0-9]+' | sed 's|^\./||' > "$work/gitsecrets.hits"
fi
score() {
  python3 - "$work/labels.tsv" "$1" "$2" <<'PY'
import sys
labels = {}
for line in open(sys.argv[1]):
    path, fmt, lines = line.rstrip("\n").split("\t")
    labels[path] = set(int(x) for x in lines.split(",") if x)
hits = {}
for h in open(sys.argv[2]):
    p, l = h.strip().rsplit(":", 1)
    hits.setdefault(p, set()).add(int(l))
pos = [p for p, ls in labels.items() if ls]
tp = sum(1 for p in pos if labels[p] & hits.get(p, set()))
fp = sum(len(ls - labels.get(p, set())) for p, ls in hits.items())
neg_fp = sum(len(ls) for p, ls in hits.items() if p in labels and not labels[p])
prec = tp / (tp + fp) if tp + fp else 1.0
rec = tp / len(pos)
print("%-12s TP=%4d FN=%4d FP=%4d (on hard negatives %d)  precision=%.3f recall=%.3f F1=%.3f" %
      (sys.argv[3], tp, len(pos) - tp, fp, neg_fp, prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0))
PY
}
score "$work/clef.hits" clef-scan
[[ -f "$work/secretlint.hits" ]] && score "$work/secretlint.hits" secretlint-12
[[ -f "$work/gitsecrets.hits" ]] && score "$work/gitsecrets.hits" git-secrets

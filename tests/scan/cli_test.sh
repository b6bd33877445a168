#!/usr/bin/env bash
# clef-scan end to end, with real git repositories: modes, output formats, suppression,
# exit codes and bad input. Each block states the behaviour it checks.
set -u  # no pipefail: `tool | grep -q` must not fail when grep stops reading early
scan="${CLEF_TOOLS_DIR:?}/clef-scan"
work="$(mktemp -d /tmp/clef-scan-cli-XXXXXX)"
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_rc() { # expected actual what
  [[ "$1" == "$2" ]] || fail "$3: exit $2, expected $1"
}

# A GitHub token with a valid CRC32 (base62) checksum, and an AWS key id, made fresh.
token="$(python3 - <<'PY'
import random, zlib
a = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
body = "".join(random.choice(a) for _ in range(30))
c = zlib.crc32(body.encode()); s = ""
while c: s = a[c % 62] + s; c //= 62
print("ghp_" + body + s.rjust(6, "0"))
PY
)"
akid="AKIA$(python3 -c 'import random;print("".join(random.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)))')"

repo="$work/repo"
git init -q -b main "$repo"
git -C "$repo" config user.name Tester
git -C "$repo" config user.email tester@example.com
cd "$repo"
printf 'print("hello")\n' > clean.py
git add clean.py && git commit -q -m clean

# --- working tree: clean repo exits 0
out="$("$scan" 2>&1)"; rc=$?
expect_rc 0 $rc "clean working tree"
[[ "$out" == *"No secrets found"* ]] || fail "clean summary missing: $out"

# --- untracked (not ignored) files are scanned; ignored ones are not; exit 1 on findings
printf 'GITHUB_TOKEN = "%s"\n' "$token" > untracked.py
printf 'ignored.txt\n' > .gitignore
printf 'aws = "%s"\n' "$akid" > ignored.txt
out="$("$scan" 2>&1)"; rc=$?
expect_rc 1 $rc "untracked secret"
[[ "$out" == *"untracked.py"* && "$out" == *"github-pat"* ]] || fail "untracked file not reported: $out"
[[ "$out" != *"ignored.txt"* ]] || fail "ignored file was scanned"
# --- secrets are redacted everywhere unless --no-redact
[[ "$out" != *"$token"* ]] || fail "text output leaked the secret"
[[ "$out" == *"${token:0:4}********"* ]] || fail "redacted preview missing"
"$scan" --format json > out.json 2>/dev/null
grep -q "$token" out.json && fail "json output leaked the secret"
"$scan" --no-redact 2>/dev/null | grep -q "$token" || fail "--no-redact did not show the secret"
rm out.json

# --- JSON schema fields
json="$("$scan" --format json 2>/dev/null)"
python3 - "$json" <<'PY' || fail "json schema"
import json, sys
d = json.loads(sys.argv[1])
f = d["findings"][0]
for k in ("path", "line", "column", "rule_id", "fingerprint", "secret", "description"):
    assert k in f, k
assert f["path"] == "untracked.py" and f["line"] == 1 and f["column"] == 17, f
assert d["version"] == 1 and "stats" in d
PY

# --- SARIF 2.1.0 with stable partialFingerprints (unchanged when the line moves)
"$scan" --format sarif > a.sarif 2>/dev/null
printf '\n\n' | cat - untracked.py > moved && mv moved untracked.py
"$scan" --format sarif > b.sarif 2>/dev/null
python3 - a.sarif b.sarif <<'PY' || fail "sarif"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["version"] == "2.1.0"
ra, rb = a["runs"][0]["results"][0], b["runs"][0]["results"][0]
assert ra["partialFingerprints"] == rb["partialFingerprints"]
assert ra["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
assert rb["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
assert ra["ruleId"] == "github-pat"
PY
rm a.sarif b.sarif

# --- inline suppression: clef-ignore and gitleaks:allow
printf 'GITHUB_TOKEN = "%s"  # clef-ignore\nother = "%s"  # gitleaks:allow\n' "$token" "$akid" > untracked.py
"$scan" >/dev/null 2>&1; expect_rc 0 $? "inline suppression"

# --- .clefignore (Clef format): directories, globs, ignore-pattern
mkdir -p vendor/lib fixtures
printf 't = "%s"\n' "$token" > vendor/lib/x.py
printf 't = "%s"\n' "$token" > fixtures/a.json
printf 'k = "%s"\n' "$akid" > keys.py
printf 'vendor/\nfixtures/*.json\nignore-pattern: AWS access key\n' > .clefignore
"$scan" >/dev/null 2>&1; expect_rc 0 $? ".clefignore"
rm -rf vendor fixtures keys.py .clefignore

# --- baseline: accepted findings are not reported; a new secret is
printf 'GITHUB_TOKEN = "%s"\n' "$token" > untracked.py
"$scan" --write-baseline .clef-baseline.json >/dev/null 2>&1; expect_rc 0 $? "write baseline"
grep -q '"fingerprints"' .clef-baseline.json || fail "baseline format"
grep -q "$token" .clef-baseline.json && fail "baseline leaked the secret"
"$scan" --baseline .clef-baseline.json >/dev/null 2>&1; expect_rc 0 $? "baseline suppresses"
printf 'aws = "%s"\n' "$akid" >> untracked.py
"$scan" --baseline .clef-baseline.json >/dev/null 2>&1; expect_rc 1 $? "baseline lets new findings through"
printf 'not a baseline' > bad-baseline.json
out="$("$scan" --baseline bad-baseline.json 2>&1)"; rc=$?
expect_rc 2 $rc "invalid baseline"
[[ "$out" == *"bad-baseline.json"* ]] || fail "baseline error does not name the file: $out"
rm -f .clef-baseline.json bad-baseline.json untracked.py

# --- --staged reads the index (GIT_INDEX_FILE honoured), not the working tree
printf 'tok = "%s"\n' "$token" > staged.py
git add staged.py
printf 'print("cleaned in the working tree only")\n' > staged.py
"$scan" --staged >/dev/null 2>&1; expect_rc 1 $? "--staged sees the staged blob"
git reset -q staged.py 2>/dev/null || git rm -q --cached staged.py
"$scan" --staged >/dev/null 2>&1; expect_rc 0 $? "--staged with nothing staged"
cp .git/index .git/alt-index
printf 'tok = "%s"\n' "$token" > staged.py
GIT_INDEX_FILE=.git/alt-index git add staged.py
"$scan" --staged >/dev/null 2>&1; expect_rc 0 $? "--staged default index is clean"
GIT_INDEX_FILE=.git/alt-index "$scan" --staged >/dev/null 2>&1; expect_rc 1 $? "--staged honours GIT_INDEX_FILE"
rm -f staged.py .git/alt-index

# --- stdin
printf 'key = "%s"\n' "$akid" | "$scan" - >/dev/null 2>&1; expect_rc 1 $? "stdin with a secret"
printf 'nothing here\n' | "$scan" - >/dev/null 2>&1; expect_rc 0 $? "clean stdin"

# --- history: each finding names the commit that introduced it; --since limits to new commits
printf 'tok = "%s"\n' "$token" > leaked.py
git add leaked.py .gitignore && git commit -q -m "add leaked token"
leak_commit="$(git rev-parse HEAD)"
git rm -q leaked.py && git commit -q -m "remove it"
git tag base
printf 'later = "%s"\n' "$akid" > later.py
git add later.py && git commit -q -m "later"
json="$("$scan" --history --format json 2>/dev/null)"; rc=$?
expect_rc 1 $rc "history finds the removed secret"
python3 - "$json" "$leak_commit" <<'PY' || fail "history attribution"
import json, sys
d = json.loads(sys.argv[1])
f = [x for x in d["findings"] if x["path"] == "leaked.py"][0]
assert f["commit"]["id"] == sys.argv[2], f
assert f["commit"]["author"] == "Tester" and f["commit"]["email"] == "tester@example.com"
assert d["stats"]["commits"] == 4, d["stats"]
PY
json="$("$scan" --history --since base --format json 2>/dev/null)"
python3 - "$json" <<'PY' || fail "--since scans only new commits"
import json, sys
d = json.loads(sys.argv[1])
assert [x["path"] for x in d["findings"]] == ["later.py"], d["findings"]
PY
"$scan" --history base..HEAD --format json 2>/dev/null | grep -q leaked.py && fail "range A..B includes old blobs"
out="$("$scan" --history nosuchrev 2>&1)"; rc=$?
expect_rc 2 $rc "unknown revision"
[[ "$out" == *"nosuchrev"* ]] || fail "unknown revision not named: $out"
git rm -q later.py && git commit -q -m "clean up"

# --- SOPS awareness: plaintext in *.enc.yaml is reported by key path; ENC values never are
mkdir -p secrets/api
cp "${CLEF_TESTDATA_DIR:?}/sops-3.12.2/rich.two-recipients.enc.yaml" secrets/api/dev.enc.yaml
"$scan" secrets >/dev/null 2>&1; expect_rc 0 $? "real sops file is clean"
python3 - secrets/api/dev.enc.yaml <<'PY'
import sys, re
p = sys.argv[1]; s = open(p).read()
s = re.sub(r"^(\w+): ENC\[[^\]]*\]", r"\1: plaintext-oops", s, count=1, flags=re.M)
open(p, "w").write(s)
PY
out="$("$scan" --format json secrets 2>/dev/null)"; rc=$?
expect_rc 1 $rc "plaintext value in an encrypted file"
[[ "$out" == *"sops-plaintext-value"* && "$out" == *'"key_path"'* ]] || fail "sops finding missing: $out"
[[ "$out" != *"plaintext-oops"* ]] || fail "sops finding leaked the value"
printf 'password: hunter-two-plain\n' > secrets/api/prod.enc.yaml
"$scan" --format json secrets/api/prod.enc.yaml 2>/dev/null | grep -q sops-unencrypted-file || fail "unencrypted cell not reported"
rm -rf secrets

# --- configuration: custom rule, disabled rule, and errors with a line number
mkdir -p .clef
printf 'rules:\n  - id: acme-token\n    description: ACME token\n    regex: "acme_[a-z0-9]{24}"\n    keywords: [acme_]\n' > .clef/scan.yaml
printf 'x = "acme_%s"\n' "$(python3 -c 'import random;print("".join(random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(24)))')" > custom.txt
"$scan" custom.txt 2>/dev/null | grep -q acme-token || fail "custom rule"
printf 'disabled_rules: [aws-access-key-id]\n' > .clef/scan.yaml
printf 'k = "%s"\n' "$akid" > custom.txt
"$scan" custom.txt >/dev/null 2>&1; expect_rc 0 $? "disabled rule"
printf 'rules:\n  - id: broken\n    regex: "acme_[a-z"\n    keywords: [acme_]\n' > .clef/scan.yaml
out="$("$scan" custom.txt 2>&1)"; rc=$?
expect_rc 2 $rc "invalid user rule"
[[ "$out" == *".clef/scan.yaml:3"* && "$out" == *"invalid regex"* ]] || fail "rule error lacks file:line: $out"
printf 'rulez: []\n' > .clef/scan.yaml
out="$("$scan" custom.txt 2>&1)"; rc=$?
expect_rc 2 $rc "unknown config field"
[[ "$out" == *".clef/scan.yaml:1"* ]] || fail "config error lacks the line: $out"
rm -rf .clef custom.txt

# --- bad input: unreadable file, invalid UTF-8, CRLF, a 5 MB single-line file, symlinks outside
mkdir -p bad
printf 'tok = "%s"\n' "$token" > bad/unreadable.py
chmod 000 bad/unreadable.py
printf 'k\xff\xfe = "%s"\r\n' "$akid" > bad/latin1.py
python3 -c "
import random
print('!function(){' + ''.join('var a%d=function(e){return e.apiKey};' % i for i in range(120000)) + '}();')" > bad/huge.min.js
ln -s /etc/passwd bad/outside-link
out="$("$scan" bad 2>&1)"; rc=$?
expect_rc 1 $rc "bad input still scanned"
[[ "$out" == *"latin1.py"* ]] || fail "invalid UTF-8 / CRLF file not scanned: $out"
if [[ "$(id -u)" != 0 ]]; then
  [[ "$out" == *"unreadable.py"*"cannot read"* ]] || fail "unreadable file not reported: $out"
fi
[[ "$out" == *"outside-link"*"outside"* ]] || fail "symlink outside not reported: $out"
[[ "$out" != *"huge.min.js"*"generic"* ]] || fail "minified bundle produced findings"
chmod 600 bad/unreadable.py
rm -rf bad

# --- a corrupt object in history: a warning, not a crash
printf 'x\n' > c.txt && mkdir -p d && printf 'y\n' > d/e.txt && git add c.txt d && git commit -q -m more
tree="$(git rev-parse HEAD:d)"
obj=".git/objects/${tree:0:2}/${tree:2}"
chmod u+w "$obj" && printf 'garbage, not zlib' > "$obj"
out="$(timeout 60 "$scan" --history 2>&1)"; rc=$?
[[ $rc == 1 || $rc == 0 ]] || fail "corrupt history: exit $rc"
[[ "$out" == *"cannot read tree"* ]] || fail "corrupt object not reported: $out"

# --- usage errors exit 2; --version and --help exit 0; no colour when piped or NO_COLOR
"$scan" --format xml >/dev/null 2>&1; expect_rc 2 $? "bad --format"
"$scan" --staged --history >/dev/null 2>&1; expect_rc 2 $? "conflicting modes"
"$scan" --version | grep -q clef-scan || fail "--version"
"$scan" --help >/dev/null; expect_rc 0 $? "--help"
printf 'k = "%s"\n' "$akid" | NO_COLOR=1 script -qec "$scan -" /dev/null > tty.out 2>&1
grep -q $'\033\[' tty.out && fail "colour despite NO_COLOR"
printf 'k = "%s"\n' "$akid" | script -qec "$scan -" /dev/null > tty.out 2>&1
grep -q $'\033\[' tty.out || fail "no colour on a terminal"
rm -f tty.out
cd /
out="$("$scan" --staged 2>&1)"; rc=$?
expect_rc 2 $rc "--staged outside a repository"

if [[ $failures -gt 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "all clef-scan CLI checks passed"

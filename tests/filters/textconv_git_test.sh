#!/usr/bin/env bash
# The textconv (`clef-filter textconv`) inside real git: git diff, diff --cached, show and
# log -p WITH an identity (keyed fingerprints of the plaintext: a value re-encrypted unchanged
# shows no change) and WITHOUT one (fingerprints of the ciphertext), a tampered file in
# history, and clef.diff.reveal on and off, on a terminal (a pty from `script`) and not.
# Uses the real sops 3.12.2 ($CLEF_SOPS_BIN) and the throwaway test identities.
set -u
FILTER="$CLEF_TOOLS_DIR/clef-filter"
SOPS="$CLEF_SOPS_BIN"
DATA="$CLEF_TESTDATA_DIR/sops-3.12.2"
RECIPIENT_A=$(grep -o 'age1[a-z0-9]*' "$DATA/identity-a.txt" | head -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
ok() { echo "ok: $*"; }

# No identity from the caller's environment or home: each command says which it has.
unset SOPS_AGE_KEY SOPS_AGE_KEY_FILE SOPS_AGE_KEY_CMD CLEF_AGE_KEY CLEF_AGE_KEY_FILE CI
unset GIT_PAGER_IN_USE XDG_CONFIG_HOME
export HOME="$WORK/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
KEY_A="$DATA/identity-a.txt"
with_id() { SOPS_AGE_KEY_FILE="$KEY_A" "$@"; }

R="$WORK/repo"
git init -q -b main "$R"
git -C "$R" config user.email t@example.com
git -C "$R" config user.name tester
git -C "$R" config diff.clef-sops.textconv "$FILTER textconv"
git -C "$R" config color.ui false   # plain lines on the pty
echo '*.enc.yaml diff=clef-sops' > "$R/.gitattributes"
with_id "$SOPS" encrypt --age "$RECIPIENT_A" --input-type yaml --output-type yaml \
  "$DATA/flat.yaml" > "$R/dev.enc.yaml" || fail "sops encrypt"
git -C "$R" add -A && git -C "$R" commit -qm init

# --- a value re-encrypted unchanged (new IV, same data key, same plaintext) -----------------
with_id "$SOPS" set "$R/dev.enc.yaml" '["DB_PORT"]' '5432' || fail "sops set same value"
git -C "$R" diff --no-textconv | grep -q '^+DB_PORT: ENC\[' ||
  fail "test set-up: sops set did not re-encrypt DB_PORT"
with_id git -C "$R" diff > "$WORK/d" 2>"$WORK/err" || fail "git diff: $(cat "$WORK/err")"
grep -q '^[-+][^-+]' "$WORK/d" && fail "re-encrypted unchanged value shows a change: $(cat "$WORK/d")" ||
  ok "git diff with an identity: a value re-encrypted unchanged shows no change"
git -C "$R" diff > "$WORK/d" 2>"$WORK/err" || fail "git diff without identity: $(cat "$WORK/err")"
grep -q '^-DB_PORT = enc:' "$WORK/d" && grep -q '^+DB_PORT = enc:' "$WORK/d" &&
  ok "git diff without an identity: the re-encrypted value shows as changed ciphertext" ||
  fail "git diff without identity: $(cat "$WORK/d")"
git -C "$R" add dev.enc.yaml
with_id git -C "$R" diff --cached > "$WORK/d" && ! grep -q '^[-+][^-+]' "$WORK/d" &&
  ok "git diff --cached with an identity: no change" || fail "diff --cached: $(cat "$WORK/d")"
git -C "$R" diff --cached | grep -q '^+DB_PORT = enc:' &&
  ok "git diff --cached without an identity: ciphertext change" || fail "diff --cached no id"
git -C "$R" commit -qm "re-encrypt DB_PORT"
with_id git -C "$R" show HEAD > "$WORK/s" && ! grep -q '^[-+][^-+]' "$WORK/s" &&
  ok "git show with an identity: no change" || fail "git show: $(cat "$WORK/s")"
git -C "$R" show HEAD | grep -q '^+DB_PORT = enc:' && ok "git show without an identity" ||
  fail "git show without identity"

# --- a rotation (new data key): every hmac line changes, and the data key id line says why ----
cp "$R/dev.enc.yaml" "$WORK/before-rotate.enc.yaml"
with_id "$SOPS" rotate -i "$R/dev.enc.yaml" || fail "sops rotate"
with_id git -C "$R" diff > "$WORK/d"
grep -q '^-sops data key: id ' "$WORK/d" && grep -q '^+sops data key: id ' "$WORK/d" &&
  grep -q '^+DB_HOST = hmac:' "$WORK/d" &&
  ok "git diff after sops rotate: the data key id line changes with the hmac lines" ||
  fail "rotate: $(cat "$WORK/d")"
cp "$WORK/before-rotate.enc.yaml" "$R/dev.enc.yaml"

# --- a real change: only its line, keyed ------------------------------------------------------
with_id "$SOPS" set "$R/dev.enc.yaml" '["API_TOKEN"]' '"tok_changed"' || fail "sops set"
git -C "$R" commit -qam "token"
with_id git -C "$R" log -p > "$WORK/log" 2>"$WORK/err" || fail "log -p: $(cat "$WORK/err")"
grep -q '^-API_TOKEN = hmac:' "$WORK/log" && grep -q '^+API_TOKEN = hmac:' "$WORK/log" &&
  ok "git log -p with an identity shows the changed key as hmac lines" ||
  fail "log -p with identity: $(cat "$WORK/log")"
[ "$(with_id git -C "$R" log -p -1 | grep -c '^[-+][A-Z]')" = 2 ] ||
  fail "log -p with identity: other lines changed"
grep -q 'keyed fingerprints of the plaintext' "$WORK/log" || fail "no keyed header"
grep -q 'tok_changed\|tok_0123\|s3cr3t\|localhost' "$WORK/log" && fail "log -p shows a value"
git -C "$R" log -p > "$WORK/log" && grep -q '^+API_TOKEN = enc:' "$WORK/log" &&
  grep -q 'fingerprints of the ciphertext' "$WORK/log" && ! grep -q 'hmac:' "$WORK/log" &&
  ok "git log -p without an identity: ciphertext fingerprints, said in the header" ||
  fail "log -p without identity: $(cat "$WORK/log")"
SOPS_AGE_KEY_FILE=/nonexistent git -C "$R" log -p > "$WORK/log" 2>"$WORK/err" &&
  grep -q 'local identities not loaded: .*SOPS_AGE_KEY_FILE' "$WORK/log" &&
  grep -q '^+API_TOKEN = enc:' "$WORK/log" &&
  ok "an unusable identity source: log -p works and says so" || fail "bad key file: $(cat "$WORK/err")"
SOPS_AGE_KEY_FILE="$DATA/identity-b.txt" git -C "$R" log -p | grep -q '^+API_TOKEN = enc:' &&
  ok "an identity that is not a recipient: ciphertext fingerprints" || fail "identity b"

# --- a tampered file in history ---------------------------------------------------------------
sed 's/^\(    mac: ENC\[AES256_GCM,data:\)./\1A/; t; s/^\(    mac: ENC\[AES256_GCM,data:\)./\1B/' \
  "$R/dev.enc.yaml" > "$WORK/t.enc.yaml"
cmp -s "$WORK/t.enc.yaml" "$R/dev.enc.yaml" && sed -i 's/^\(    mac: ENC\[AES256_GCM,data:\)A/\1B/' "$WORK/t.enc.yaml"
cmp -s "$WORK/t.enc.yaml" "$R/dev.enc.yaml" && fail "test set-up: mac not changed"
cp "$WORK/t.enc.yaml" "$R/dev.enc.yaml"
git -C "$R" commit -qam "tampered mac"
with_id git -C "$R" log -p > "$WORK/log" 2>"$WORK/err" &&
  grep -q 'dev.enc.yaml: DOES NOT VERIFY' "$WORK/log" &&
  ok "git log -p with an identity survives a tampered MAC and says so" ||
  fail "tampered: $(cat "$WORK/err") $(head -40 "$WORK/log")"
grep -q 'tok_changed\|s3cr3t\|localhost' "$WORK/log" && fail "tampered file: a value was shown"
with_id git -C "$R" show HEAD > /dev/null 2>&1 || fail "git show of the tampered commit failed"

# --- Shamir key groups: opened only with shares from enough groups -------------------------
RECIPIENT_B=$(grep -o 'age1[a-z0-9]*' "$DATA/identity-b.txt" | head -1)
S="$WORK/shamir"; mkdir -p "$S"
printf 'creation_rules:\n  - path_regex: .*\n    shamir_threshold: 2\n    key_groups:\n      - age: [%s]\n      - age: [%s]\n' \
  "$RECIPIENT_A" "$RECIPIENT_B" > "$S/.sops.yaml"
(cd "$S" && "$SOPS" encrypt --filename-override s.enc.yaml "$DATA/flat.yaml" > s.enc.yaml) ||
  fail "sops encrypt with key groups"
cat "$KEY_A" "$DATA/identity-b.txt" > "$WORK/both.txt"
SOPS_AGE_KEY_FILE="$WORK/both.txt" "$FILTER" textconv "$S/s.enc.yaml" > "$WORK/t" &&
  grep -q '^DB_PORT = hmac:' "$WORK/t" && ok "Shamir 2 of 2 groups with both identities: keyed" ||
  fail "shamir both: $(cat "$WORK/t")"
with_id "$FILTER" textconv "$S/s.enc.yaml" > "$WORK/t" &&
  grep -q 'open 1 of the 2 key groups' "$WORK/t" && grep -q '^DB_PORT = enc:' "$WORK/t" &&
  ok "Shamir with one group's identity: ciphertext view and a note" || fail "shamir one: $(cat "$WORK/t")"

# --- clef.diff.reveal -------------------------------------------------------------------------
git -C "$R" reset -q --hard HEAD~1   # back to a verified file
on_tty() { script -qec "$1" /dev/null | tr -d '\r'; }  # runs $1 with stdout on a fresh pty
export SOPS_AGE_KEY_FILE="$KEY_A"
export GIT_PAGER=cat                 # git runs no pager for "cat": it writes to the pty itself
on_tty "git -C '$R' log -p -1" > "$WORK/t" 2>&1
grep -q 'API_TOKEN = hmac:' "$WORK/t" && ! grep -q tok_changed "$WORK/t" &&
  ok "reveal unset: no values on a terminal" || fail "reveal unset on tty: $(cat "$WORK/t")"
git -C "$R" config clef.diff.reveal true
on_tty "git -C '$R' log -p -1" > "$WORK/t" 2>&1
grep -q '^+API_TOKEN = "tok_changed"' "$WORK/t" &&
  ok "reveal on, git writing to a terminal: values in clear" || fail "reveal on tty: $(cat "$WORK/t")"
GIT_PAGER='sed -n p' on_tty "git -C '$R' log -p -1" > "$WORK/t" 2>&1
grep -q '^+API_TOKEN = "tok_changed"' "$WORK/t" &&
  ok "reveal on, git's pager on a terminal: values in clear" || fail "reveal via pager: $(cat "$WORK/t")"
on_tty "git -C '$R' log -p -1 | cat" > "$WORK/t" 2>&1
grep -q 'API_TOKEN = hmac:' "$WORK/t" && ! grep -q tok_changed "$WORK/t" &&
  ok "reveal on: git log -p | cat on a terminal shows no values" || fail "| cat: $(cat "$WORK/t")"
GIT_PAGER='sed -n p' on_tty "GIT_PAGER_IN_USE=true git -C '$R' log -p -1 | cat" > "$WORK/t" 2>&1
! grep -q tok_changed "$WORK/t" && ok "reveal on: an inherited GIT_PAGER_IN_USE alone reveals nothing" ||
  fail "GIT_PAGER_IN_USE forged: $(cat "$WORK/t")"
CI=true on_tty "git -C '$R' log -p -1" > "$WORK/t" 2>&1
! grep -q tok_changed "$WORK/t" && ok "reveal on: never under CI" || fail "CI: $(cat "$WORK/t")"
git -C "$R" log -p -1 > "$WORK/t" 2>&1
! grep -q tok_changed "$WORK/t" && ok "reveal on: git log -p > file shows no values" || fail "> file"
git -C "$R" log -p -1 | cat > "$WORK/t"
! grep -q tok_changed "$WORK/t" && ok "reveal on: git log -p | cat (no terminal) shows no values" ||
  fail "pipe without tty"
env -u SOPS_AGE_KEY_FILE script -qec "git -C '$R' log -p -1" /dev/null > "$WORK/t" 2>&1
grep -q 'API_TOKEN = enc:' "$WORK/t" && ! grep -q tok_changed "$WORK/t" &&
  ok "reveal on, terminal, no identity: ciphertext fingerprints" || fail "no id: $(cat "$WORK/t")"
on_tty "'$FILTER' textconv '$R/dev.enc.yaml'" > "$WORK/t" 2>&1
! grep -q tok_changed "$WORK/t" && ok "reveal on: textconv run by hand (no git) shows no values" ||
  fail "by hand: $(cat "$WORK/t")"
git -C "$R" config clef.diff.reveal false
on_tty "git -C '$R' log -p -1" > "$WORK/t" 2>&1
! grep -q tok_changed "$WORK/t" && ok "reveal false: no values on a terminal" || fail "reveal false"
git -C "$R" config clef.diff.reveal notabool
on_tty "git -C '$R' log -p -1" > "$WORK/t" 2>&1
! grep -q tok_changed "$WORK/t" && grep -q 'API_TOKEN = hmac:' "$WORK/t" &&
  ok "reveal not a boolean: no values, log -p still works" || fail "bad bool: $(cat "$WORK/t")"

[ "$FAILURES" -eq 0 ] && echo "all textconv git scenarios passed" && exit 0
echo "$FAILURES failure(s)" >&2
exit 1

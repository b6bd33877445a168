#!/usr/bin/env bash
# clef-filter inside real git: the process filter as a required clean-side guard, the one-shot
# clean/smudge, and the textconv view in git diff / log -p / show / diff --cached.
# Uses the real sops 3.12.2 ($CLEF_SOPS_BIN) and the throwaway test identities.
set -u
FILTER="$CLEF_TOOLS_DIR/clef-filter"
SOPS="$CLEF_SOPS_BIN"
DATA="$CLEF_TESTDATA_DIR/sops-3.12.2"
RECIPIENT_A=$(grep -o 'age1[a-z0-9]*' "$DATA/identity-a.txt" | head -1)
export SOPS_AGE_KEY_FILE="$DATA/identity-a.txt"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
ok() { echo "ok: $*"; }

new_repo() {  # new_repo DIR [oneshot]: a repo with the filter and the diff driver configured
  git init -q -b main "$1"
  git -C "$1" config user.email t@example.com
  git -C "$1" config user.name tester
  if [ "${2:-}" = oneshot ]; then
    git -C "$1" config filter.clef-sops.clean "$FILTER clean %f"
    git -C "$1" config filter.clef-sops.smudge "$FILTER smudge %f"
  else
    git -C "$1" config filter.clef-sops.process "$FILTER process"
  fi
  git -C "$1" config filter.clef-sops.required true
  git -C "$1" config diff.clef-sops.textconv "$FILTER textconv"
  printf '%s\n' '*.enc.yaml filter=clef-sops diff=clef-sops' \
    '*.enc.json filter=clef-sops diff=clef-sops' '*.enc.env filter=clef-sops diff=clef-sops' \
    > "$1/.gitattributes"
}

encrypt_to() {  # encrypt_to PLAINTEXT OUT (format from the extension)
  local type=yaml
  case "$2" in *.json) type=json ;; *.env) type=dotenv ;; esac
  "$SOPS" encrypt --age "$RECIPIENT_A" --input-type "$type" --output-type "$type" "$1" > "$2"
}

blob_absent() {  # blob_absent REPO FILE: the raw bytes of FILE are not an object of REPO
  local oid
  oid=$(git -C "$1" hash-object --no-filters "$2")
  ! git -C "$1" cat-file -e "$oid" 2>/dev/null
}

staged_equals_file() {  # staged_equals_file REPO PATH: the index blob is the file's bytes
  local staged raw
  staged=$(git -C "$1" ls-files -s -- "$2" | awk '{print $2}')
  raw=$(git -C "$1" hash-object --no-filters "$1/$2")
  [ -n "$staged" ] && [ "$staged" = "$raw" ]
}

# --- the process filter lets encrypted files in byte-identically --------------------------
R="$WORK/r1"; new_repo "$R"
mkdir -p "$R/secrets"
cp "$DATA/flat.enc.yaml" "$R/secrets/dev.enc.yaml"
cp "$DATA/rich.enc.json" "$R/secrets/dev.enc.json"
cp "$DATA/flat.enc.env" "$R/secrets/dev.enc.env"
if git -C "$R" add .gitattributes secrets 2>"$WORK/err"; then
  for f in secrets/dev.enc.yaml secrets/dev.enc.json secrets/dev.enc.env; do
    staged_equals_file "$R" "$f" && ok "git add stores $f byte-identically" ||
      fail "blob of $f differs from the file"
  done
else
  fail "git add of encrypted files failed: $(cat "$WORK/err")"
fi
git -C "$R" commit -qm "encrypted" || fail "commit of encrypted files failed"
[ -z "$(git -C "$R" status --porcelain)" ] && ok "git status is clean after commit" ||
  fail "git status shows changes: $(git -C "$R" status --porcelain)"

# --- a plaintext file is refused and never reaches the object database ---------------------
cp "$DATA/flat.yaml" "$R/secrets/prod.enc.yaml"
if git -C "$R" add secrets/prod.enc.yaml 2>"$WORK/err"; then
  fail "git add accepted a plaintext file"
else
  grep -q "secrets/prod.enc.yaml" "$WORK/err" && grep -q "DB_PASSWORD" "$WORK/err" &&
    ok "refusal names the file and the key paths" || fail "refusal message: $(cat "$WORK/err")"
  grep -q "s3cr3t\|tok_0123" "$WORK/err" && fail "refusal message shows a value"
fi
blob_absent "$R" "$R/secrets/prod.enc.yaml" && ok "plaintext blob is not in the object db" ||
  fail "plaintext blob reached the object db"
git -C "$R" add -A 2>/dev/null && fail "git add -A accepted a plaintext file"
blob_absent "$R" "$R/secrets/prod.enc.yaml" || fail "git add -A stored the plaintext blob"
rm "$R/secrets/prod.enc.yaml"

# --- one value left in plaintext ----------------------------------------------------------
sed 's/^DB_PASSWORD: ENC\[[^]]*\]/DB_PASSWORD: hunter2/' "$DATA/flat.enc.yaml" > "$R/secrets/dev.enc.yaml"
grep -q "DB_PASSWORD: hunter2" "$R/secrets/dev.enc.yaml" || fail "test set-up: sed did not apply"
if git -C "$R" commit -qam "leak" 2>"$WORK/err"; then
  fail "git commit -a accepted a file with a plaintext value"
else
  grep -q "DB_PASSWORD" "$WORK/err" && ! grep -q hunter2 "$WORK/err" &&
    ok "git commit -a refuses one plaintext value, naming only its key" ||
    fail "message: $(cat "$WORK/err")"
fi
blob_absent "$R" "$R/secrets/dev.enc.yaml" && ok "half-encrypted blob is not in the object db" ||
  fail "half-encrypted blob reached the object db"
git -C "$R" stash -q 2>/dev/null && fail "git stash stored a plaintext value"
blob_absent "$R" "$R/secrets/dev.enc.yaml" || fail "git stash stored the half-encrypted blob"

# --- git add -A, commit -a and stash of a real sops edit ----------------------------------
cp "$DATA/flat.enc.yaml" "$R/secrets/dev.enc.yaml"
"$SOPS" set "$R/secrets/dev.enc.yaml" '["DB_PORT"]' '6543' || fail "sops set failed"
cp "$R/secrets/dev.enc.yaml" "$WORK/edited.enc.yaml"
git -C "$R" stash -q 2>"$WORK/err" && ok "git stash of a sops edit succeeds" ||
  fail "git stash failed: $(cat "$WORK/err")"
cmp -s "$R/secrets/dev.enc.yaml" "$DATA/flat.enc.yaml" || fail "stash did not restore the file"
git -C "$R" stash pop -q 2>"$WORK/err" || fail "stash pop failed: $(cat "$WORK/err")"
cmp -s "$R/secrets/dev.enc.yaml" "$WORK/edited.enc.yaml" && ok "stash pop restores the edit byte-identically" ||
  fail "stash pop changed the bytes"
git -C "$R" commit -qam "port" 2>"$WORK/err" && ok "git commit -a of a sops edit succeeds" ||
  fail "commit -a failed: $(cat "$WORK/err")"
encrypt_to "$DATA/rich.yaml" "$R/secrets/new.enc.yaml"
git -C "$R" add -A 2>"$WORK/err" && staged_equals_file "$R" secrets/new.enc.yaml &&
  ok "git add -A of a new encrypted file stores it unchanged" || fail "add -A: $(cat "$WORK/err")"
git -C "$R" commit -qm "new"

# --- multi-MB content streams through the protocol ----------------------------------------
python3 -c "
for i in range(25000): print(f'key_{i:05d}: value-{i}-' + 'x' * 40)" > "$WORK/big.yaml"
encrypt_to "$WORK/big.yaml" "$R/secrets/big.enc.yaml"
size=$(stat -c %s "$R/secrets/big.enc.yaml")
[ "$size" -gt 3000000 ] || fail "test set-up: big file is only $size bytes"
git -C "$R" add secrets/big.enc.yaml 2>"$WORK/err" && staged_equals_file "$R" secrets/big.enc.yaml &&
  ok "a $size-byte encrypted file passes byte-identically" || fail "big file: $(cat "$WORK/err")"
git -C "$R" commit -qm big
cp "$WORK/big.yaml" "$R/secrets/bigplain.enc.yaml"
git -C "$R" add secrets/bigplain.enc.yaml 2>/dev/null && fail "big plaintext file accepted"
blob_absent "$R" "$R/secrets/bigplain.enc.yaml" && ok "a big plaintext file is refused" ||
  fail "big plaintext blob stored"
rm "$R/secrets/bigplain.enc.yaml"

# --- textconv in git diff, diff --cached, log -p, show ------------------------------------
"$SOPS" set "$R/secrets/dev.enc.yaml" '["API_TOKEN"]' '"tok_changed"'
git -C "$R" diff > "$WORK/diff" 2>"$WORK/err" || fail "git diff failed: $(cat "$WORK/err")"
grep -q '^[-+]API_TOKEN = hmac:' "$WORK/diff" && ok "git diff shows the changed key" ||
  fail "git diff: $(cat "$WORK/diff")"
grep -q '^[-+]DB_HOST' "$WORK/diff" && fail "git diff shows an unchanged key as changed"
grep -q 'ENC\[\|lastmodified\|tok_changed' "$WORK/diff" && fail "git diff shows ciphertext, metadata noise or a value"
git -C "$R" add secrets/dev.enc.yaml
git -C "$R" diff --cached | grep -q '^+API_TOKEN = hmac:' && ok "git diff --cached uses the view" ||
  fail "diff --cached"
git -C "$R" commit -qm token
git -C "$R" show HEAD | grep -q '^+API_TOKEN = hmac:' && ok "git show uses the view" || fail "git show"
git -C "$R" log -p > "$WORK/log" 2>"$WORK/err" && grep -q '^+DB_PORT = hmac:' "$WORK/log" &&
  ok "git log -p uses the view over history" || fail "git log -p: $(cat "$WORK/err")"
grep -q 'sops recipient: age age1' "$WORK/log" || fail "log -p lacks the recipients summary"
grep -q '^+key_24999 = hmac:' "$WORK/log" && ! grep -q 'could not be rendered' "$WORK/log" &&
  ok "log -p with an identity renders a 25,000-value file (values decrypted one at a time)" ||
  fail "big file view with an identity"

# Without an identity the same changed keys, with fingerprints of the ciphertext; never a
# failure. (The opened view adds one line, the data key id.)
changed_keys() { grep '^[-+][^-+#]' "$1" | grep -v '^.sops data key:' | sed 's/ = .*//'; }
env -u SOPS_AGE_KEY_FILE HOME="$WORK" git -C "$R" log -p > "$WORK/log2" 2>&1 &&
  cmp -s <(changed_keys "$WORK/log") <(changed_keys "$WORK/log2") &&
  grep -q '^+DB_PORT = enc:' "$WORK/log2" &&
  ok "git log -p without an identity: the same lines, ciphertext fingerprints" ||
  fail "log -p without identity: $(head -30 "$WORK/log2")"

# A tampered and a non-sops file in history (committed around the filter) keep log -p working.
sed 's/data:[A-Za-z0-9+\/]/data:!/' "$DATA/flat.enc.yaml" > "$WORK/tampered.enc.yaml"
printf 'a: [unclosed\n' > "$WORK/broken.enc.yaml"
for f in tampered broken; do
  oid=$(git -C "$R" hash-object -w --no-filters "$WORK/$f.enc.yaml")
  git -C "$R" update-index --add --cacheinfo "100644,$oid,secrets/$f.enc.yaml"
done
oid=$(git -C "$R" hash-object -w --no-filters "$DATA/flat.yaml")
git -C "$R" update-index --add --cacheinfo "100644,$oid,secrets/plain.enc.yaml"
git -C "$R" commit -qm "bad files" --no-verify
git -C "$R" log -p -1 > "$WORK/log3" 2>"$WORK/err" && ok "git log -p survives tampered/broken/plain files" ||
  fail "git log -p failed: $(cat "$WORK/err")"
grep -q 'broken.enc.yaml: unreadable (line ' "$WORK/log3" || fail "no placeholder for a broken file"
grep -q 'not a sops-encrypted file' "$WORK/log3" || fail "no placeholder for a plaintext file"
grep -q 's3cr3t\|localhost' "$WORK/log3" && fail "textconv showed plaintext values"

# --- the one-shot clean/smudge --------------------------------------------------------------
O="$WORK/r2"; new_repo "$O" oneshot
cp "$DATA/flat.enc.env" "$O/a.enc.env"
git -C "$O" add -A 2>"$WORK/err" && staged_equals_file "$O" a.enc.env &&
  ok "one-shot clean passes an encrypted file" || fail "one-shot: $(cat "$WORK/err")"
cp "$DATA/flat.env" "$O/b.enc.env"
git -C "$O" add b.enc.env 2>"$WORK/err" && fail "one-shot clean accepted plaintext"
grep -q "b.enc.env" "$WORK/err" && ok "one-shot clean refuses plaintext naming the file" ||
  fail "one-shot message: $(cat "$WORK/err")"
blob_absent "$O" "$O/b.enc.env" || fail "one-shot: plaintext blob stored"
printf 'x\n' | "$FILTER" smudge a.enc.env | grep -qx x || fail "smudge is not a pass-through"
"$FILTER" textconv /nonexistent/file.enc.yaml > "$WORK/tc" && grep -q "cannot be read" "$WORK/tc" &&
  ok "textconv of a missing file exits 0 with a placeholder" || fail "textconv missing file"

[ "$FAILURES" -eq 0 ] && echo "all filter git scenarios passed" && exit 0
echo "$FAILURES failure(s)" >&2
exit 1

#!/usr/bin/env bash
# clef-lint --verify with real sops files: MACs verified with the local identity, a value
# changed without sops is an error naming the file, no identity is a warning (exit 0), and the
# staged blob (not the working file) is what --staged --verify opens.
set -u
LINT="$CLEF_TOOLS_DIR/clef-lint"
SOPS="$CLEF_SOPS_BIN"
ID_A="$CLEF_TESTDATA_DIR/sops-3.12.2/identity-a.txt"
ID_B="$CLEF_TESTDATA_DIR/sops-3.12.2/identity-b.txt"
KEY=$(sed -n 's/^# public key: //p' "$ID_A")
unset SOPS_AGE_KEY SOPS_AGE_KEY_CMD CLEF_AGE_KEY CLEF_AGE_KEY_FILE
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export XDG_CONFIG_HOME="$TMP/config" SOPS_AGE_KEY_FILE="$ID_A"
pass=0
fail=0
check() {  # check NAME EXPECTED_RC COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$TMP/out" 2>&1
  local rc=$?
  [ "$1" = grep ] || cp "$TMP/out" "$TMP/last"
  if [ "$rc" = "$want" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $name (rc=$rc, want $want)"
    cat "$TMP/out"
  fi
}
git init -q -b main "$TMP/repo"
cd "$TMP/repo" || exit 2
printf 'creation_rules:\n  - path_regex: \\.enc\\.yaml$\n    age: %s\n' "$KEY" >.sops.yaml
printf 'db:\n  password: s3cret-good\n  port: 5432\n' |
  "$SOPS" encrypt --filename-override secrets/dev.enc.yaml --input-type yaml --output-type yaml \
    /dev/stdin >dev.tmp
mkdir -p secrets && mv dev.tmp secrets/dev.enc.yaml
git add -A && git commit -q -m init

check "intact files verify" 0 "$LINT" --verify
check "the summary counts the verified MAC" 0 grep -q '1 MACs verified' "$TMP/last"
check "json counts it too" 0 "$LINT" --verify --format json
check "json files_verified" 0 grep -q '"files_verified": 1' "$TMP/last"

# A value changed by hand (one base64 character of the password's ciphertext).
sed -i '/password:/{s/data:A/data:B/;t;s/data:./data:A/}' secrets/dev.enc.yaml
check "without --verify the edit is invisible" 0 "$LINT"
check "--verify catches it" 1 "$LINT" --verify
check "the error names file, line and check" 0 \
  grep -q 'secrets/dev.enc.yaml:2: error \[sops.mac-mismatch\].*db.password does not decrypt' "$TMP/last"
check "no plaintext in the report" 1 grep -q 's3cret-good' "$TMP/last"

# --staged --verify reads the index: the intact staged blob passes, then the tampered one fails.
check "--staged --verify checks the index blob (intact)" 0 "$LINT" --staged --verify
git add secrets/dev.enc.yaml
check "--staged --verify checks the index blob (tampered)" 1 "$LINT" --staged --verify

# Someone without the key: a warning, exit 0 (CI without keys still runs the other checks).
git reset -q --hard
export SOPS_AGE_KEY_FILE="$ID_B"
check "no local identity: warning, exit 0" 0 "$LINT" --verify
check "the warning says unverified" 0 grep -q 'warning \[sops.unverified\]' "$TMP/last"
check "a broken identity file is a usage error (2) naming it" 2 \
  env SOPS_AGE_KEY_FILE="$TMP/missing.txt" "$LINT" --verify
check "the error names the file" 0 grep -q 'missing.txt' "$TMP/last"

echo "lint --verify: $pass passed, $fail failed"
[ "$fail" = 0 ]

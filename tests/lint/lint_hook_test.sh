#!/usr/bin/env bash
# clef-lint as the pre-commit hook, with real git and the real sops: what is committed is what
# is checked (index blobs, GIT_INDEX_FILE for `commit -a` / `commit PATH`), merges, worktrees.
set -u
LINT="$CLEF_TOOLS_DIR/clef-lint"
SOPS="$CLEF_SOPS_BIN"
ID="$CLEF_TESTDATA_DIR/sops-3.12.2/identity-a.txt"
KEY=$(sed -n 's/^# public key: //p' "$ID")
export SOPS_AGE_KEY_FILE="$ID" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@t
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
check() {  # check NAME EXPECTED_RC COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$TMP/out" 2>&1
  local rc=$?
  [ "$1" = grep ] || cp "$TMP/out" "$TMP/last"
  if { [ "$want" = 0 ] && [ $rc = 0 ]; } || { [ "$want" != 0 ] && [ $rc != 0 ]; }; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $name (rc=$rc)"
    cat "$TMP/out"
  fi
}
encrypt() {  # encrypt PATH from plaintext yaml on stdin
  "$SOPS" encrypt --filename-override "$1" --input-type yaml --output-type yaml /dev/stdin >"$1"
}
new_repo() {
  rm -rf "$TMP/repo" "$TMP/wt"
  git init -q -b main "$TMP/repo"
  cd "$TMP/repo" || exit 2
  printf 'creation_rules:\n  - path_regex: \\.enc\\.yaml$\n    age: %s\n' "$KEY" >.sops.yaml
  mkdir -p secrets
  printf 'db:\n  password: s3cret-good\n' | encrypt secrets/dev.enc.yaml
  git add .sops.yaml secrets/dev.enc.yaml
  git commit -q -m init
  printf '#!/bin/sh\nexec "%s" --staged\n' "$LINT" >.git/hooks/pre-commit
  cp .git/hooks/pre-commit .git/hooks/pre-merge-commit
  chmod +x .git/hooks/pre-commit .git/hooks/pre-merge-commit
}

# git commit: a good encrypted file passes, a plaintext *.enc.yaml is refused.
new_repo
printf 'db:\n  password: other\n' | encrypt secrets/prod.enc.yaml
git add secrets/prod.enc.yaml
check "commit of an encrypted file passes" 0 git commit -q -m ok
printf 'password: hunter2\n' >secrets/stage.enc.yaml
git add secrets/stage.enc.yaml
check "commit of a plaintext *.enc.yaml is refused" 1 git commit -q -m bad
check "the refusal names the file and check" 0 grep -q 'secrets/stage.enc.yaml.*sops.not-encrypted' "$TMP/last"
check "the refusal never shows the value" 1 grep -q hunter2 "$TMP/last"

# git commit -a: the unstaged decrypted edit is what `commit -a` records (index.lock).
new_repo
printf 'db:\n  password: leaked\n' >secrets/dev.enc.yaml
check "lint --staged alone passes (index still encrypted)" 0 "$LINT" --staged
check "git commit -a with a decrypted tracked file is refused" 1 git commit -q -a -m bad
git checkout -q -- secrets/dev.enc.yaml

# git commit PATH: only PATH is checked, from a temporary index.
new_repo
printf 'password: hunter2\n' >secrets/bad.enc.yaml
git add secrets/bad.enc.yaml
printf 'x = 1\n' >notes.txt
git add notes.txt
echo 'y = 2' >>notes.txt
check "git commit PATH leaves the staged bad file out and passes" 0 git commit -q -m notes notes.txt
check "git commit of the bad PATH is refused" 1 git commit -q -m bad secrets/bad.enc.yaml

# Partial staging: the staged blob, not the working file, is checked.
new_repo
good=$(git hash-object -w secrets/dev.enc.yaml)
printf 'db:\n  password: leaked\n' >secrets/dev.enc.yaml
printf 'db:\n  password: rotated\n' | encrypt "$TMP/rotated.enc.yaml"
blob=$(git hash-object -w "$TMP/rotated.enc.yaml")
git update-index --cacheinfo "100644,$blob,secrets/dev.enc.yaml"
check "staged encrypted blob passes although the working file is plaintext" 0 git commit -q -m rot
sed 's/password: ENC\[.*\]/password: leaked/' "$TMP/rotated.enc.yaml" | git hash-object -w --stdin >"$TMP/bad"
git update-index --cacheinfo "100644,$(cat "$TMP/bad"),secrets/dev.enc.yaml"
cp "$TMP/rotated.enc.yaml" secrets/dev.enc.yaml
check "staged plaintext blob is refused although the working file is encrypted" 1 git commit -q -m bad
check "the refusal names the key path and line" 0 grep -q 'dev.enc.yaml:2: error \[sops.plaintext-value\].*db.password' "$TMP/last"
check "the refusal never shows the value" 1 grep -q leaked "$TMP/last"

# A plaintext secret in an ordinary file goes through the scanner, redacted.
new_repo
printf 'aws = "AKIAIOSFODNN7EXAMPLQ"\n' >app.py
git add app.py
check "a staged AWS key in a plain file is refused" 1 git commit -q -m bad
check "the scanner match is redacted" 1 grep -q AKIAIOSFODNN7EXAMPLQ "$TMP/last"

# Merge commit: a branch that brings a plaintext *.enc.yaml cannot be merged.
new_repo
git checkout -q -b feature
printf 'password: hunter2\n' >secrets/feat.enc.yaml
git add secrets/feat.enc.yaml
git commit -q --no-verify -m sneaky
git checkout -q main
echo main >main.txt
git add main.txt
git commit -q -m main
check "a merge bringing a plaintext *.enc.yaml is refused" 1 git merge -q --no-ff -m merge feature
git merge --abort 2>/dev/null
git checkout -q -b feature2 main~1
printf 'db:\n  password: ok\n' | encrypt secrets/feat2.enc.yaml
git add secrets/feat2.enc.yaml
git commit -q -m good
git checkout -q main
check "a merge bringing an encrypted file passes" 0 git merge -q --no-ff -m merge2 feature2

# Linked worktree: the hook runs there too, on that worktree's index.
new_repo
git worktree add -q "$TMP/wt" -b wtbranch
cd "$TMP/wt" || exit 2
printf 'password: hunter2\n' >secrets/wt.enc.yaml
git add secrets/wt.enc.yaml
check "commit of a plaintext *.enc.yaml in a linked worktree is refused" 1 git commit -q -m bad
git rm -q --cached secrets/wt.enc.yaml
rm secrets/wt.enc.yaml
printf 'db:\n  password: ok\n' | encrypt secrets/wt.enc.yaml
git add secrets/wt.enc.yaml
check "commit of an encrypted file in a linked worktree passes" 0 git commit -q -m good
cd "$TMP" || exit 2

# Clef repository: matrix completeness is judged on the index, not the working tree.
new_repo
printf 'version: 1\nenvironments:\n  - name: dev\n    description: d\nnamespaces:\n  - name: api\n    description: a\nsops:\n  default_backend: age\n  age:\n    recipients:\n      - %s\nfile_pattern: "secrets/{namespace}/{environment}.enc.yaml"\n' "$KEY" >clef.yaml
mkdir -p secrets/api
printf 'TOKEN: one\n' | encrypt secrets/api/dev.enc.yaml
git add clef.yaml secrets/api/dev.enc.yaml
check "a complete Clef matrix commits" 0 git commit -q -m clef
sed -i 's/  - name: dev/  - name: dev\n    description: d\n  - name: prod/; 0,/    description: d\n    description: d/s///' clef.yaml
printf 'TOKEN: two\n' | encrypt secrets/api/prod.enc.yaml
git add clef.yaml
check "a new environment whose cell exists only in the working tree is refused" 1 git commit -q -m env
check "the refusal is matrix.missing-cell for the new cell" 0 grep -q 'secrets/api/prod.enc.yaml: error \[matrix.missing-cell\]' "$TMP/last"
git add secrets/api/prod.enc.yaml
check "once the cell is staged the commit passes" 0 git commit -q -m env
cd "$TMP" || exit 2

# A repository with neither clef.yaml nor .sops.yaml nor *.enc.* says so and exits 0.
rm -rf "$TMP/plain" && git init -q "$TMP/plain" && cd "$TMP/plain" || exit 2
echo hi >README
git add README
check "a repository without secrets passes" 0 "$LINT" --staged
check "and says there is nothing to lint" 0 grep -q 'nothing to lint' "$TMP/last"
cd "$TMP" || exit 2
check "--version prints clef-lint" 0 sh -c "'$LINT' --version | grep -q '^clef-lint '"
check "--help exits 0" 0 "$LINT" --help
check "outside a repository --staged cannot run (exit 2)" 0 sh -c "cd / && '$LINT' --staged; test \$? = 2"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

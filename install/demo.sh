#!/usr/bin/env bash
# The README's first command: sets up, builds, and shows clef-git at work on a sample Clef
# repository made in a temporary folder with the real sops and a throwaway age identity.
# Leaves the machine as it was apart from the build (the temporary folder is removed).
#   CLEF_DEMO_KEEP=1      keep the temporary repository and print where it is
#   CLEF_DEMO_NO_BUILD=1  use the existing build/ (install/test.sh runs the demo after the tests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ "${CLEF_DEMO_NO_BUILD:-0}" != 1 ]]; then
  bash "$root/install/setup.sh"
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$root/build" -j "$(nproc)" >/dev/null
fi

bin="$root/build/bin"
export PATH="$bin:$root/.deps/bin:$PATH"
work="$(mktemp -d "${TMPDIR:-/tmp}/clef-demo.XXXXXX")"
cleanup() { if [[ "${CLEF_DEMO_KEEP:-0}" == 1 ]]; then echo "kept: $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

# The demo's own identity and git identity; nothing of the user's is read or changed.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GNUPGHOME="$work/home/.gnupg"
mkdir -p "$HOME" && chmod 700 "$HOME"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME="Demo" GIT_AUTHOR_EMAIL="demo@example.com"
export GIT_COMMITTER_NAME="Demo" GIT_COMMITTER_EMAIL="demo@example.com"
unset SOPS_AGE_KEY SOPS_AGE_KEY_CMD CLEF_AGE_KEY CLEF_AGE_KEY_FILE
age-keygen -o "$work/alice.txt" 2>/dev/null
age-keygen -o "$work/mallory.txt" 2>/dev/null
export SOPS_AGE_KEY_FILE="$work/alice.txt"
alice="$(sed -n 's/^# public key: //p' "$work/alice.txt")"
mallory="$(sed -n 's/^# public key: //p' "$work/mallory.txt")"

bold() { if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then printf '\033[1m%s\033[0m\n' "$*"; else printf '%s\n' "$*"; fi; }
step() { echo; bold "== $1"; shift; printf '   %s\n' "$@"; }
show() { printf '$ %s\n' "$*"; "$@"; }
expect_fail() { printf '$ %s\n' "$*"; if "$@"; then echo "demo: expected this to fail" >&2; exit 1; fi; }
summary=()

repo="$work/repo"
mkdir -p "$repo" && cd "$repo"
git init -q -b main
cat > clef.yaml <<YAML
version: 1
environments:
  - name: dev
    description: Local development
  - name: production
    description: Production
    protected: true
namespaces:
  - name: api
    description: API service
  - name: database
    description: Database credentials
sops:
  default_backend: age
  age:
    recipients:
      - key: $alice
        label: alice
file_pattern: "secrets/{namespace}/{environment}.enc.yaml"
YAML
cat > .sops.yaml <<YAML
creation_rules:
  - path_regex: secrets/.*\.enc\.yaml$
    age: $alice
YAML
# Plaintext goes from a pipe into sops; it never touches the disk.
encrypt_into() {  # PATH < plaintext
  mkdir -p "$(dirname "$1")"
  sops encrypt --filename-override "$1" --input-type yaml --output-type yaml /dev/stdin > "$1"
}
for ns in api database; do
  for env in dev production; do
    printf 'DB_HOST: %s-%s.internal\nDB_PASSWORD: pw-%s-%s-%s\nAPI_TOKEN: tok-%s\nLOG_LEVEL_unencrypted: info\n' \
      "$ns" "$env" "$ns" "$env" "$RANDOM" "$RANDOM" | encrypt_into "secrets/$ns/$env.enc.yaml"
  done
done
git add -A && git commit -qm "Sample Clef repository"

step "clef install" "Wires the repository: .gitattributes routes *.enc.* files to the merge driver," \
  "the diff view and the clean-side filter; git config points at this build; a pre-commit hook" \
  "runs 'clef lint --staged' (chaining any hook that was there)."
show clef install
git add .gitattributes && git commit -qm "Route encrypted files through clef-git"
summary+=("install: attributes, config and hook written")

step "clef status" "The matrix of namespaces x environments, read without any key."
show clef status

step "A clean merge of two edits to one encrypted file" \
  "Two branches change different keys of secrets/api/dev.enc.yaml. Without clef-git git" \
  "conflicts on 'lastmodified' and 'mac'; the driver merges key by key."
git checkout -q -b feature
sops set secrets/api/dev.enc.yaml '["DB_HOST"]' '"api-dev-new.internal"'
git commit -qam "feature: move the dev database"
git checkout -q main
sops set secrets/api/dev.enc.yaml '["API_TOKEN"]' '"tok-rotated"'
git commit -qam "main: rotate the dev token"
show git merge -q --no-edit feature
echo "What the merge changed in the file (only DB_HOST from theirs, plus lastmodified and mac):"
git diff --no-ext-diff --no-textconv HEAD~1 HEAD -- secrets/api/dev.enc.yaml | grep '^[-+][^-+]' | cut -c1-72
summary+=("merge: concurrent edits merged without a conflict, minimal diff")

step "A real conflict, resolved per key with 'clef merge'" \
  "Both branches change DB_PASSWORD. The driver leaves a valid encrypted file (never plaintext" \
  "conflict markers) and names the key; 'clef merge' takes one side and stages the result."
git checkout -q -b hotfix
sops set secrets/database/dev.enc.yaml '["DB_PASSWORD"]' '"from-hotfix"'
git commit -qam "hotfix: new db password"
git checkout -q main
sops set secrets/database/dev.enc.yaml '["DB_PASSWORD"]' '"from-main"'
git commit -qam "main: other db password"
expect_fail git merge -q --no-edit hotfix
show clef merge secrets/database/dev.enc.yaml --theirs DB_PASSWORD
git commit -q --no-edit
summary+=("conflict: resolved with clef merge --theirs, no plaintext on disk")

step "git diff through the textconv" \
  "A key-level view: one line per key with a fingerprint of its value, never the value."
sops set secrets/api/production.enc.yaml '["LOG_LEVEL_unencrypted"]' '"debug"'
show git --no-pager diff -- secrets/api/production.enc.yaml
git checkout -q -- secrets/api/production.enc.yaml
summary+=("diff: readable key-level diff without revealing values")

step "git add of a plaintext file is refused by the clean-side filter" \
  "The blob never reaches .git/objects: the filter refuses before git stores it."
printf 'DB_PASSWORD: hunter2-plain\n' > secrets/api/staging.enc.yaml
expect_fail git add secrets/api/staging.enc.yaml
rm -f secrets/api/staging.enc.yaml
summary+=("filter: plaintext refused at git add")

step "A commit blocked by 'clef lint' for a leaked key" \
  "The pre-commit hook checks the staged blobs, not the working tree."
printf 'aws:\n  access_key_id: AKIA%s\n' "$(tr -dc 'A-Z2-7' </dev/urandom | head -c 16)" > deploy.yaml
git add deploy.yaml
expect_fail git commit -qm "add deploy config"
git rm -q --cached deploy.yaml && rm -f deploy.yaml
summary+=("lint: leaked key blocked at commit")

step "clef guard flags a recipient slipped into a sops block" \
  "A pull request adds mallory's key to production without touching clef.yaml. Its author" \
  "skipped the local hook (--no-verify); the guard in CI reads both revisions, needs no key."
git checkout -q -b sneaky
sops rotate -i --add-age "$mallory" secrets/api/production.enc.yaml
git commit -qam "innocent-looking change" --no-verify
expect_fail clef guard --base main --head sneaky
git checkout -q main
summary+=("guard: injected recipient blocked")

step "clef scan of the whole history" "Every unique blob reachable from any ref, scanned once."
git checkout -q -b leak
printf 'token = "ghp_%s"\n' "$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 36)" > notes.txt
git add notes.txt && git commit -qm "notes" --no-verify
git rm -q notes.txt && git commit -qm "remove notes" --no-verify
git checkout -q main
expect_fail clef scan --history
summary+=("scan: a secret deleted from the tree is still found in history")

echo
bold "== Summary"
printf '   %s\n' "${summary[@]}"

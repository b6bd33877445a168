#!/usr/bin/env bash
# clef guard against adversarial pull requests built as real git histories with the real sops.
# Each scenario: a base commit on main, a head branch, the expected exit code and a message the
# output must contain.
set -euo pipefail
: "${CLEF_TOOLS_DIR:?}" "${CLEF_SOPS_BIN:?}"
guard="$CLEF_TOOLS_DIR/clef-guard"
sops="$CLEF_SOPS_BIN"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name t && git config --global user.email t@example.com
git config --global init.defaultBranch main
for who in alice bob mallory; do age-keygen -o "$work/$who.txt" 2>/dev/null; done
pub() { sed -n 's/^# public key: //p' "$work/$1.txt"; }
alice=$(pub alice) bob=$(pub bob) mallory=$(pub mallory)
cat "$work/alice.txt" "$work/bob.txt" > "$work/keys.txt"
export SOPS_AGE_KEY_FILE="$work/keys.txt"

passed=0 failed=0
check() {  # name expected_exit needle [guard args...]
  local name="$1" want="$2" needle="$3"; shift 3
  local out rc=0
  out="$("$guard" "$@" 2>&1)" || rc=$?
  if [[ "$rc" == "$want" && "$out" == *"$needle"* ]]; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name: exit $rc (want $want), output:"; echo "$out" | sed 's/^/     /'
  fi
}

manifest() {  # protected(true|false) recipients...
  local protected="$1"; shift
  {
    echo "version: 1"
    echo "environments:"
    echo "  - name: dev"
    echo "    description: Development"
    echo "  - name: production"
    echo "    description: Production"
    [[ "$protected" == true ]] && echo "    protected: true"
    echo "namespaces:"
    echo "  - name: api"
    echo "    description: API"
    echo "sops:"
    echo "  default_backend: age"
    echo "  age:"
    echo "    recipients:"
    for r in "$@"; do echo "      - $r"; done
    echo 'file_pattern: "secrets/{namespace}/{environment}.enc.yaml"'
  } > clef.yaml
}

encrypt() {  # path recipients(comma) < plaintext
  mkdir -p "$(dirname "$1")"
  "$sops" encrypt --age "$2" --filename-override "$1" --input-type yaml --output-type yaml /dev/stdin > "$1"
}

new_repo() {  # name
  cd "$work" && rm -rf "$1" && mkdir "$1" && cd "$1" && git init -q
  manifest true "$alice" "$bob"
  printf 'DB_PASSWORD: base-pw\nAPI_KEY: base-key\n' | encrypt secrets/api/dev.enc.yaml "$alice,$bob"
  printf 'DB_PASSWORD: prod-pw\nAPI_KEY: prod-key\n' | encrypt secrets/api/production.enc.yaml "$alice,$bob"
  printf '* @platform\nclef.yaml @security\n' > CODEOWNERS
  git add -A && git commit -qm base
  git checkout -qb pr
}

updatekeys() {  # file recipients(comma): re-wrap the same data key for exactly these recipients
  printf 'creation_rules:\n  - age: %s\n' "$2" > "$work/updatekeys.yaml"
  "$sops" --config "$work/updatekeys.yaml" updatekeys -y "$1" >/dev/null 2>&1
}

# 1. A recipient injected into a sops block without a manifest change.
new_repo injected
"$sops" rotate -i --add-age "$mallory" secrets/api/dev.enc.yaml
git commit -qam "refresh"
check "injected recipient" 1 "undeclared_recipient: secrets/api/dev.enc.yaml [dev] age:$mallory" --base main --head pr

# 2. A recipient swapped for another in the file.
new_repo swapped
updatekeys secrets/api/dev.enc.yaml "$alice,$mallory"
git commit -qam "swap"
check "swapped recipient" 1 "undeclared_recipient" --base main --head pr

# 3. A recipient removed from the manifest and the file, data key not rotated.
new_repo removal-no-rotation
manifest true "$alice"
updatekeys secrets/api/dev.enc.yaml "$alice"
git commit -qm "offboard bob" -- clef.yaml secrets/api/dev.enc.yaml
check "removal without rotation" 1 "recipient_removed_without_rotation: secrets/api/dev.enc.yaml [dev] age:$bob" --base main --head pr

# 4. The same removal with a rotated data key passes (dev is not protected).
new_repo removal-rotated
sed -i "/$bob/d" clef.yaml
"$sops" rotate -i --rm-age "$bob" secrets/api/dev.enc.yaml
"$sops" rotate -i --rm-age "$bob" secrets/api/production.enc.yaml
git commit -qam "offboard bob properly"
check "removal with rotation passes" 0 "recipient_removed: secrets/api/dev.enc.yaml [dev] age:$bob" --base main --head pr

# 5. Backend downgrade: an AWS KMS key slipped into the block next to age.
new_repo backend
python3 - secrets/api/dev.enc.yaml <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
s = s.replace("sops:\n", "sops:\n    kms:\n        - arn: arn:aws:kms:us-east-1:111122223333:key/evil\n          created_at: \"2026-01-01T00:00:00Z\"\n          enc: AQICAHh\n          aws_profile: \"\"\n", 1)
open(p, "w").write(s)
PY
git commit -qam "add kms"
check "backend change" 1 "backend_changed: secrets/api/dev.enc.yaml [dev]: key backends changed from age to age,kms" --base main --head pr

# 6. unencrypted_regex widened: values that were encrypted are now plaintext.
new_repo widened
printf 'DB_PASSWORD: base-pw\nAPI_KEY: base-key\n' | "$sops" encrypt --age "$alice,$bob" --unencrypted-regex '.*' \
  --filename-override secrets/api/dev.enc.yaml --input-type yaml --output-type yaml /dev/stdin > secrets/api/dev.enc.yaml
git commit -qam "simplify"
check "unencrypted_regex widened" 1 "values_exposed: secrets/api/dev.enc.yaml [dev]" --base main --head pr

# 7. MAC removed.
new_repo mac-removed
sed -i 's/^    mac: .*/    mac: ""/' secrets/api/dev.enc.yaml
git commit -qam "fix merge"
check "mac removed" 1 "mac_removed: secrets/api/dev.enc.yaml" --base main --head pr

# 8. A plaintext file renamed to *.enc.yaml.
new_repo plaintext-renamed
printf 'TOKEN: plain\n' > notes.yaml && git add notes.yaml && git commit -qm notes
git mv notes.yaml secrets/api/extra.enc.yaml && git commit -qm rename
check "plaintext renamed to .enc.yaml" 1 "became_plaintext: secrets/api/extra.enc.yaml" --base main --head pr

# 9. The protected flag removed together with a recipient change, no CODEOWNERS for clef.yaml.
new_repo protected-flag
git checkout -q main && printf '* @platform\nclef.yaml\n' > CODEOWNERS && git commit -qam "unown" && git checkout -q pr && git rebase -q main
manifest false "$alice" "$bob" "$mallory"
git commit -qam "onboard"
check "protected flag removed with recipient change" 1 "protected_without_owners: clef.yaml [production]" --base main --head pr

# 10. A change hidden in a merge commit.
new_repo merge-hidden
git checkout -qb side
"$sops" rotate -i --add-age "$mallory" secrets/api/production.enc.yaml
git commit -qam "side"
git checkout -q pr
printf 'x\n' > README && git add README && git commit -qm readme
git merge -q --no-edit side
check "change hidden in a merge commit" 1 "undeclared_recipient: secrets/api/production.enc.yaml [production] age:$mallory" --base main --head pr

# 11. A renamed namespace: cells deleted and created, same recipients: passes.
new_repo renamed-cells
sed -i 's/name: api$/name: web/' clef.yaml
git mv secrets/api secrets/web
git commit -qam "rename namespace"
check "renamed cells pass" 0 "cell_created: secrets/web/dev.enc.yaml" --base main --head pr

# 12. An ordinary value change passes with nothing to report.
new_repo value-change
"$sops" set secrets/api/dev.enc.yaml '["API_KEY"]' '"new-key"'
git commit -qam "new key"
check "value change passes" 0 "no change to who can decrypt what" --base main --head pr

# 13. A declared and applied new recipient on a protected environment with CODEOWNERS: passes,
#     names the owners who must approve.
new_repo onboard-owned
manifest true "$alice" "$bob" "$mallory"
updatekeys secrets/api/production.enc.yaml "$alice,$bob,$mallory"
updatekeys secrets/api/dev.enc.yaml "$alice,$bob,$mallory"
git commit -qam "onboard mallory"
check "owned onboarding passes" 0 "approval needed from: @security" --base main --head pr

# 14. The same onboarding, JSON output carries the documented fields.
check "json output" 0 '"verdict": "report"' --base main --head pr --format json

# 15. Markdown for a pull-request comment says who gains access.
check "markdown output" 0 "**Who gains access**" --base main --head pr --format markdown

# 16. Unknown base revision: exit 2 with how to fetch it.
check "unknown revision" 2 "fetch" --base no-such-branch --head pr

# 17. A malformed manifest at head: the guard cannot decide, exit 2.
new_repo bad-manifest
printf 'version: 1\nenvironments: [\n' > clef.yaml
git commit -qam "break"
check "malformed manifest" 2 "manifest_invalid" --base main --head pr

# 18. A malformed sops block at head: exit 2.
new_repo bad-block
sed -i 's/^    lastmodified: .*/    lastmodified: [1, 2]/' secrets/api/dev.enc.yaml
git commit -qam "break block"
check "malformed sops block" 2 "file_unreadable: secrets/api/dev.enc.yaml" --base main --head pr

# 19. A shallow clone that lacks the base: exit 2 naming the fetch.
new_repo shallow-src
"$sops" set secrets/api/dev.enc.yaml '["API_KEY"]' '"v2"' && git commit -qam v2
git clone -q --depth 1 --branch pr "file://$work/shallow-src" "$work/shallow" 2>/dev/null
cd "$work/shallow"
check "shallow clone without base" 2 "git fetch" --base HEAD~1 --head HEAD

# 20. A plain SOPS repository: a recipient not in .sops.yaml.
cd "$work" && mkdir plain && cd plain && git init -q
printf 'creation_rules:\n  - path_regex: \\.enc\\.yaml$\n    age: %s\n' "$alice" > .sops.yaml
printf 'A: 1\n' | encrypt app.enc.yaml "$alice"
git add -A && git commit -qm base && git checkout -qb pr
"$sops" rotate -i --add-age "$mallory" app.enc.yaml && git commit -qam sneak
check "plain sops repo injected recipient" 1 "undeclared_recipient: app.enc.yaml age:$mallory" --base main --head pr

# 21. A removal hidden behind re-set values: every ciphertext and wrapped key changed, but the
#     data key is the same. Without a key the guard cannot tell; with an identity it confirms
#     by decrypting and blocks.
new_repo removal-disguised
manifest true "$alice"
updatekeys secrets/api/dev.enc.yaml "$alice"
updatekeys secrets/api/production.enc.yaml "$alice"
for f in dev production; do
  "$sops" set secrets/api/$f.enc.yaml '["DB_PASSWORD"]' '"new-pw"'
  "$sops" set secrets/api/$f.enc.yaml '["API_KEY"]' '"new-key"'
done
git commit -qam "offboard bob, new values"
check "disguised removal, identity confirms" 1 "recipient_removed_without_rotation: secrets/api/dev.enc.yaml [dev] age:$bob: was removed but the data key was not rotated (confirmed by decrypting)" --base main --head pr
SOPS_AGE_KEY_FILE=/nonexistent-dir/none HOME="$work/empty-home" check "disguised removal, keyless heuristic" 0 "recipient_removed: secrets/api/dev.enc.yaml [dev] age:$bob: can no longer decrypt this file (data key rotated)" --base main --head pr

echo "$passed passed, $failed failed"
[[ "$failed" == 0 ]]

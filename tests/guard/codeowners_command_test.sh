#!/usr/bin/env bash
# `clef guard codeowners --check | --write` in a real repository.
set -euo pipefail
: "${CLEF_TOOLS_DIR:?}"
guard="$CLEF_TOOLS_DIR/clef-guard"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" && git init -q
cat > clef.yaml <<'YAML'
version: 1
environments:
  - name: dev
    description: Development
  - name: production
    description: Production
    protected: true
namespaces:
  - name: api
    description: API
    owners: ["@api-team"]
  - name: db
    description: Database
sops:
  default_backend: age
file_pattern: "secrets/{namespace}/{environment}.enc.yaml"
YAML
mkdir -p .github && printf '# existing\n*.md @docs\n' > .github/CODEOWNERS
fail() { echo "FAIL: $*"; exit 1; }

rc=0; out="$("$guard" codeowners --check 2>&1)" || rc=$?
[[ $rc == 1 ]] || fail "--check on uncovered paths should exit 1, got $rc"
[[ "$out" == *"no owner covers clef.yaml"* ]] || fail "missing clef.yaml gap: $out"
[[ "$out" == *"no owner covers secrets/api/production.enc.yaml"* ]] || fail "missing cell gap: $out"
[[ "$out" != *"secrets/api/dev.enc.yaml"* ]] || fail "unprotected cell reported: $out"

rc=0; out="$("$guard" codeowners --write 2>&1)" || rc=$?
[[ $rc == 2 && "$out" == *"--owner"* ]] || fail "--write without an owner for clef.yaml should ask for --owner (rc $rc): $out"
[[ "$(cat .github/CODEOWNERS)" == $'# existing\n*.md @docs' ]] || fail "file changed by a failed write"

"$guard" codeowners --write --owner @security >/dev/null
head -2 .github/CODEOWNERS | diff - <(printf '# existing\n*.md @docs\n') || fail "existing lines not kept"
grep -qx '/clef.yaml @security' .github/CODEOWNERS || fail "clef.yaml line missing"
grep -qx '/secrets/api/production.enc.yaml @api-team' .github/CODEOWNERS || fail "namespace owners not used"
grep -qx '/secrets/db/production.enc.yaml @security' .github/CODEOWNERS || fail "fallback owner not used"

"$guard" codeowners --check >/dev/null || fail "--check after --write should pass"
before="$(cat .github/CODEOWNERS)"
"$guard" codeowners --write --owner @security >/dev/null
[[ "$(cat .github/CODEOWNERS)" == "$before" ]] || fail "--write is not idempotent"
echo "1 passed, 0 failed"

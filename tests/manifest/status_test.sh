#!/usr/bin/env bash
# clef status as a process on real repositories whose files the real sops 3.12.2 encrypted.
set -euo pipefail
TOOLS=${CLEF_TOOLS_DIR:?}; SOPS=${CLEF_SOPS_BIN:?}; DATA=${CLEF_TESTDATA_DIR:?}/sops-3.12.2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
A=$(grep -o 'age1[0-9a-z]*' "$DATA/identity-a.txt" | head -1)
B=$(grep -o 'age1[0-9a-z]*' "$DATA/identity-b.txt" | head -1)

# --- a Clef repo: 1 namespace x 2 environments, dev encrypted, production missing -----------
R=$T/clef; mkdir -p "$R/secrets/api"
cat > "$R/clef.yaml" <<YAML
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
sops:
  default_backend: age
  age:
    recipients: [$A, $B]
file_pattern: secrets/{namespace}/{environment}.enc.yaml
YAML
printf 'DB_PASSWORD: hunter2\nAPI_TOKEN: abc\n' > "$T/plain.yaml"
"$SOPS" encrypt --age "$A,$B" --input-type yaml --output-type yaml "$T/plain.yaml" > "$R/secrets/api/dev.enc.yaml"

out=$("$TOOLS/clef-status" --dir "$R")
echo "$out" | grep -q '^Clef repository: 1 namespace(s) x 2 environment(s), 2 cell(s): 1 encrypted, 1 missing$' || fail "summary: $out"
echo "$out" | grep -Eq '^api/dev +encrypted +age:2 +yes +2 +20[0-9-]+T' || fail "dev row: $out"
echo "$out" | grep -Eq '^api/production \(protected\) +missing' || fail "production row: $out"
echo "$out" | grep -q hunter2 && fail "a value leaked"

json=$(cd "$R/secrets/api" && "$TOOLS/clef-status" --format json)   # root found from a subfolder
echo "$json" | grep -q '"kind": "clef"' || fail "json kind: $json"
echo "$json" | grep -q '"encrypted_as_required": true' || fail "json encrypted: $json"
echo "$json" | grep -q '"age": 2' || fail "json recipients: $json"
echo "$json" | grep -q '"recipients_as_declared": true' || fail "json declared: $json"
echo "$json" | grep -q '"missing": 1' || fail "json summary: $json"

# A value left in plaintext is named by key path, never by value.
sed -i 's/^API_TOKEN: .*/API_TOKEN: plainvalue/' "$R/secrets/api/dev.enc.yaml"
out=$("$TOOLS/clef-status" --dir "$R")
echo "$out" | grep -Eq '^api/dev +plaintext' || fail "plaintext row: $out"
echo "$out" | grep -q 'value(s) not encrypted: API_TOKEN' || fail "plaintext path: $out"
echo "$out" | grep -q plainvalue && fail "plaintext value shown"

# Recipients that differ from clef.yaml are flagged.
"$SOPS" encrypt --age "$A" --input-type yaml --output-type yaml "$T/plain.yaml" > "$R/secrets/api/dev.enc.yaml"
"$TOOLS/clef-status" --dir "$R" | grep -Eq '^api/dev +encrypted +age:1 +NO ' || fail "declared mismatch"

# A broken manifest: exit 2, file:line and the fix on stderr.
sed -i 's/^version: 1/version: 2/' "$R/clef.yaml"
set +e; err=$("$TOOLS/clef-status" --dir "$R" 2>&1 >/dev/null); rc=$?; set -e
[ $rc -eq 2 ] || fail "bad manifest exit $rc"
echo "$err" | grep -q "clef.yaml:1:10: Field 'version' must be 1" || fail "bad manifest message: $err"
echo "$err" | grep -q "Check the 'version' field in clef.yaml" || fail "bad manifest fix: $err"

# --- a plain SOPS repo with .sops.yaml --------------------------------------------------------
S=$T/sops; mkdir -p "$S/k8s"
cat > "$S/.sops.yaml" <<YAML
creation_rules:
  - path_regex: secret\.yaml\$
    encrypted_regex: ^DB_PASSWORD\$
    age: $A
YAML
(cd "$S" && "$SOPS" encrypt --input-type yaml --output-type yaml "$T/plain.yaml" > k8s/secret.yaml) 2>/dev/null || \
  "$SOPS" encrypt --encrypted-regex '^DB_PASSWORD$' --age "$A" --input-type yaml --output-type yaml "$T/plain.yaml" > "$S/k8s/secret.yaml"
cp "$DATA/flat.enc.env" "$S/app.enc.env"
printf 'A: 1\n' > "$S/k8s/other.enc.yaml"
out=$("$TOOLS/clef-status" --dir "$S")
echo "$out" | grep -q '^SOPS repository: 3 file(s)' || fail "sops summary: $out"
echo "$out" | grep -Eq '^k8s/secret.yaml +encrypted +age:1 +yes' || fail "secret row: $out"
echo "$out" | grep -Eq '^app.enc.env +encrypted +age:1 +- ' || fail "env row: $out"
echo "$out" | grep -Eq '^k8s/other.enc.yaml +not_sops' || fail "not_sops row: $out"

# Neither kind: exit 2. Bad usage: exit 2. --help / --version: exit 0.
mkdir -p "$T/empty"
set +e; "$TOOLS/clef-status" --dir "$T/empty" 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "empty repo exit $rc"
set +e; "$TOOLS/clef-status" --format xml 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "bad format exit $rc"
"$TOOLS/clef-status" --help | grep -q -- '--format' || fail "help"
"$TOOLS/clef-status" --version | grep -q '^clef-status ' || fail "version"
echo "status_test: ok"

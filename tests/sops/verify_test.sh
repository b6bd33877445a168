#!/usr/bin/env bash
# clef-verify as a process: exit codes, text and JSON output, never a value.
set -u
VERIFY="$CLEF_TOOLS_DIR/clef-verify"
DATA="$CLEF_TESTDATA_DIR/sops-3.12.2"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# Only the identities the test names: no keys of the person running the tests.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config"
unset SOPS_AGE_KEY SOPS_AGE_KEY_FILE CLEF_AGE_KEY CLEF_AGE_KEY_FILE
A="$DATA/identity-a.txt" B="$DATA/identity-b.txt"
SECRETS=(localhost 5432 s3cr3t tok_0123456789abcdef)

run() { out=$("$@" 2>"$WORK/err"); code=$?; err=$(cat "$WORK/err"); }
no_values() {
  for s in "${SECRETS[@]}"; do
    case "$out$err" in *"$s"*) [ "$s" = 5432 ] || fail "$1: output contains a value ($s)";; esac
  done
}

# 1. every fixture is intact with identity A
run env SOPS_AGE_KEY_FILE="$A" "$VERIFY" "$DATA"/flat.enc.yaml "$DATA"/rich.two-recipients.enc.yaml \
  "$DATA"/rich.enc.json "$DATA"/flat.encrypted-regex.enc.yaml "$DATA"/flat.mac-only-encrypted.enc.yaml \
  "$DATA"/flat.enc.env
[ "$code" = 0 ] || fail "intact fixtures: exit $code ($out $err)"
[ "$(grep -c ': intact' <<<"$out")" = 6 ] || fail "intact fixtures: $out"
grep -q 'local identity matches age age1turugrjvgdqztgutwpg6x36xchgptlyylx395e4pt2u69ulk3asqamaq6s' <<<"$out" \
  || fail "matched recipient not shown: $out"
no_values intact

# 2. a tampered value: exit 1, names the key path
sed 's/\(DB_PASSWORD: ENC\[AES256_GCM,data:\)./\1A/' "$DATA/flat.enc.yaml" > "$WORK/t.enc.yaml"
cmp -s "$WORK/t.enc.yaml" "$DATA/flat.enc.yaml" && sed -i 's/\(DB_PASSWORD: ENC\[AES256_GCM,data:\)./\1B/' "$WORK/t.enc.yaml"
run env SOPS_AGE_KEY_FILE="$A" "$VERIFY" "$WORK/t.enc.yaml"
[ "$code" = 1 ] || fail "tampered: exit $code"
grep -q 'tampered' <<<"$out" || fail "tampered: $out"
grep -q 'DB_PASSWORD' <<<"$out" || fail "tampered: key path missing: $out"
no_values tampered

# 3. wrong identity: exit 1, lists recipients and local identities
run env SOPS_AGE_KEY_FILE="$B" "$VERIFY" "$DATA/flat.enc.yaml"
[ "$code" = 1 ] || fail "wrong identity: exit $code"
grep -q 'cannot-open' <<<"$out" || fail "wrong identity: $out"
grep -q "$(sed -n 's/# public key: //p' "$B")" <<<"$out" || fail "wrong identity: local key not listed"
grep -q 'AGE-SECRET-KEY' <<<"$out$err" && fail "wrong identity: secret key printed"

# 4. the second recipient opens the two-recipient file via SOPS_AGE_KEY
run env SOPS_AGE_KEY="$(cat "$B")" "$VERIFY" "$DATA/rich.two-recipients.enc.yaml"
[ "$code" = 0 ] || fail "SOPS_AGE_KEY: exit $code $out"

# 5. the default key file location is used
mkdir -p "$WORK/config/sops/age" && cp "$A" "$WORK/config/sops/age/keys.txt"
run "$VERIFY" "$DATA/flat.enc.env"
[ "$code" = 0 ] || fail "default keys.txt: exit $code $out"
rm -rf "$WORK/config"

# 6. JSON output
run env SOPS_AGE_KEY_FILE="$A" "$VERIFY" --format json "$DATA/flat.enc.yaml" "$WORK/t.enc.yaml"
[ "$code" = 1 ] || fail "json: exit $code"
python3 - "$out" <<'PY' || fail "json: unexpected document: $out"
import json, sys
d = json.loads(sys.argv[1])
f = d["files"]
assert [x["status"] for x in f] == ["intact", "tampered"], f
assert f[0]["intact"] is True and f[0]["reason"] is None and f[0]["values"] == 4
assert f[0]["matched"][0]["type"] == "age"
assert "DB_PASSWORD" in f[1]["reason"]
PY

# 7. not a sops file / missing file: exit 1 with a reason
printf 'a: 1\n' > "$WORK/plain.yaml"
run env SOPS_AGE_KEY_FILE="$A" "$VERIFY" "$WORK/plain.yaml" "$WORK/missing.enc.yaml"
[ "$code" = 1 ] || fail "invalid: exit $code"
grep -q 'not a sops file' <<<"$out" || fail "invalid: $out"
[ "$(grep -c ': invalid' <<<"$out")" = 2 ] || fail "invalid: $out"

# 8. a malformed key file is an operational error (exit 2) naming the place, not the key
printf 'AGE-SECRET-KEY-1NOTAKEY\n' > "$WORK/bad.txt"
run env SOPS_AGE_KEY_FILE="$WORK/bad.txt" "$VERIFY" "$DATA/flat.enc.yaml"
[ "$code" = 2 ] || fail "bad key file: exit $code"
grep -q 'SOPS_AGE_KEY_FILE' <<<"$err" || fail "bad key file: $err"
grep -q 'NOTAKEY' <<<"$err" && fail "bad key file: key text printed"

# 9. usage: no file, unknown option, bad format -> 2; --help and --version -> 0
run "$VERIFY"; [ "$code" = 2 ] || fail "no args: exit $code"
run "$VERIFY" --bogus x; [ "$code" = 2 ] || fail "unknown option: exit $code"
run "$VERIFY" --format xml x; [ "$code" = 2 ] || fail "bad format: exit $code"
run "$VERIFY" --help; [ "$code" = 0 ] && grep -q -- '--format' <<<"$out" || fail "--help: $code"
run "$VERIFY" --version; [ "$code" = 0 ] && grep -q 'clef-verify' <<<"$out" || fail "--version: $code"

# 10. through the front command
if [ -x "$CLEF_TOOLS_DIR/clef" ]; then
  run env SOPS_AGE_KEY_FILE="$A" "$CLEF_TOOLS_DIR/clef" verify "$DATA/flat.enc.yaml"
  [ "$code" = 0 ] || fail "clef verify: exit $code $out $err"
fi

[ "$failures" = 0 ] && echo "verify_test: all passed"
exit $((failures > 0))

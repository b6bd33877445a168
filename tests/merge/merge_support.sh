# Shared set-up for the merge driver scenarios: a temp git repo with the driver registered,
# real sops encryption, and in-memory comparison of `sops decrypt` output.
set -euo pipefail
TOOLS=${CLEF_TOOLS_DIR:?}
SOPS=${CLEF_SOPS_BIN:?}
DATA=${CLEF_TESTDATA_DIR:?}/sops-3.12.2
export SOPS_AGE_KEY_FILE=$DATA/identity-a.txt
AGE_A=$(grep -o 'age1[0-9a-z]*' "$DATA/identity-a.txt" | head -1)
AGE_B=$(grep -o 'age1[0-9a-z]*' "$DATA/identity-b.txt" | head -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@e GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@e
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config
mkdir -p "$HOME"
FAILS=0

new_repo() {
  REPO=$WORK/repo-$1
  git init -q -b main "$REPO"
  cd "$REPO"
  git config merge.clef-sops.name "clef sops merge"
  git config merge.clef-sops.driver "$TOOLS/clef-merge-driver %O %A %B %L %P"
  printf '*.enc.yaml merge=clef-sops\n*.enc.json merge=clef-sops\n*.enc.env merge=clef-sops\n*.clef-meta.yaml merge=clef-sops\n' > .gitattributes
  git add .gitattributes && git commit -qm attrs
}

# encrypt PLAINTEXT-FILE OUT [recipients]: real sops, plaintext from a pipe (never a file).
encrypt_to() {  # $1 = format, $2 = out path, stdin = plaintext, $3 = recipients
  local fmt=$1 out=$2 rcpt=${3:-$AGE_A}
  mkdir -p "$(dirname "$out")"
  "$SOPS" --config /dev/null encrypt --age "$rcpt" --input-type "$fmt" --output-type "$fmt" /dev/stdin > "$out"
}

# set_key FILE FORMAT KEYPATH JSONVALUE: sops set (keeps other ciphertexts)
set_key() { "$SOPS" set --input-type "$2" --output-type "$2" "$1" "$3" "$4"; }
unset_key() { "$SOPS" unset --input-type "$2" --output-type "$2" "$1" "$3"; }

decrypted() { "$SOPS" decrypt --input-type "$2" --output-type json "$1"; }

expect_eq() {  # name actual expected
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1"; echo "  expected: $3"; echo "  actual:   $2"; FAILS=$((FAILS+1))
  else
    echo "ok: $1"
  fi
}
expect_contains() {
  if [[ "$2" != *"$3"* ]]; then echo "FAIL: $1 (missing '$3')"; echo "$2"; FAILS=$((FAILS+1)); else echo "ok: $1"; fi
}
expect_not_contains() {
  if [[ "$2" == *"$3"* ]]; then echo "FAIL: $1 (contains '$3')"; FAILS=$((FAILS+1)); else echo "ok: $1"; fi
}
finish() { [ "$FAILS" -eq 0 ] || { echo "$FAILS failure(s)"; exit 1; }; echo "all passed"; }

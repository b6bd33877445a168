# `clef merge PATH` after a conflicted merge, and criss-cross merges, with real git and sops.
source "$(dirname "$0")/merge_support.sh"
CLEF_MERGE=$TOOLS/clef-merge

conflicted_repo() {
  new_repo "$1"
  printf 'A: "a0"\nB: "b0"\nC: "c0"\n' | encrypt_to yaml secrets/dev.enc.yaml
  F=secrets/dev.enc.yaml; git add -A && git commit -qm base && git branch feature
  git checkout -q feature && set_key $F yaml '["A"]' '"a-t"' && set_key $F yaml '["B"]' '"b-t"' && set_key $F yaml '["C"]' '"c-t"' && git commit -qam theirs
  git checkout -q main && set_key $F yaml '["A"]' '"a-o"' && set_key $F yaml '["B"]' '"b-o"' && git commit -qam ours
  git merge --no-edit feature >/dev/null 2>&1 || true
}

# 1. listing: conflicts named, exit 1, nothing written.
conflicted_repo r1
cp $F "$WORK/before1"
out=$("$CLEF_MERGE" $F 2>&1) && status=0 || status=$?
expect_eq "1 list exits 1" "$status" "1"
expect_contains "1 lists A" "$out" "A: base had a value, ours changed, theirs changed"
expect_contains "1 lists B" "$out" "B: base had a value"
expect_not_contains "1 no values" "$out" "a-o"
expect_eq "1 file untouched" "$(cmp -s $F "$WORK/before1" && echo same)" "same"

# 2. per-key choices resolve and stage.
out=$("$CLEF_MERGE" $F --theirs A --base B 2>&1) && status=0 || status=$?
expect_eq "2 resolve exits 0" "$status" "0"
expect_eq "2 decrypt" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a-t","B":"b0","C":"c-t"}'
expect_eq "2 staged (no unmerged entries)" "$(git ls-files -u | wc -l)" "0"
git commit -qm merged

# 3. a partial choice leaves the rest listed.
conflicted_repo r3
out=$("$CLEF_MERGE" $F --ours A 2>&1) && status=0 || status=$?
expect_eq "3 partial exits 1" "$status" "1"
expect_contains "3 B still listed" "$out" "B: base"
expect_not_contains "3 A no longer listed" "$out" "  A: "

# 4. --all-ours.
"$CLEF_MERGE" $F --all-ours >/dev/null
expect_eq "4 all ours" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a-o","B":"b-o","C":"c-t"}'

# 5. --all-theirs.
conflicted_repo r5
"$CLEF_MERGE" $F --all-theirs >/dev/null
expect_eq "5 all theirs" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a-t","B":"b-t","C":"c-t"}'

# 5b. --set takes the value from stdin, never argv; the other conflict resolved by --ours.
conflicted_repo r5b
out=$(printf 'brand-new-b\n' | "$CLEF_MERGE" $F --set B --ours A 2>&1) && status=0 || status=$?
expect_eq "5b set exits 0" "$status" "0"
expect_eq "5b set value" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a-o","B":"brand-new-b","C":"c-t"}'
expect_not_contains "5b value never echoed" "$out" "brand-new-b"

# 6. not in conflict: exit 2 with the reason.
out=$("$CLEF_MERGE" .gitattributes 2>&1) && status=0 || status=$?
expect_eq "6 not conflicted exits 2" "$status" "2"
expect_contains "6 says why" "$out" "is not in conflict"

# 7. criss-cross: two merge bases; the driver merges the virtual base too.
new_repo r7
printf 'A: "a0"\nB: "b0"\nC: "c0"\nD: "d0"\n' | encrypt_to yaml secrets/dev.enc.yaml
F=secrets/dev.enc.yaml; git add -A && git commit -qm base
git branch x; git branch y
git checkout -q x && set_key $F yaml '["A"]' '"a-x"' && git commit -qam x1
git checkout -q y && set_key $F yaml '["B"]' '"b-y"' && git commit -qam y1
git checkout -q x && git merge -q --no-edit y && x_merge=$(git rev-parse HEAD)
git checkout -q y && git merge -q --no-edit x~1 && set_key $F yaml '["C"]' '"c-y"' && git commit -qam y2
git checkout -q x && set_key $F yaml '["D"]' '"d-x"' && git commit -qam x2
git merge -q --no-edit y
expect_eq "7 criss-cross" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a-x","B":"b-y","C":"c-y","D":"d-x"}'
finish

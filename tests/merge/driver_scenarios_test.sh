# clef-merge-driver under real git with the real sops 3.12.2: each scenario ends with
# `sops decrypt` of the merged file compared (in memory) with the expected plaintext, and a
# byte-level check of what changed against ours.
source "$(dirname "$0")/merge_support.sh"

# Lines of `git diff` (ours -> merged) that changed, as "key" names: "C", "mac", "lastmodified".
changed_keys() {  # $1 = ours copy, $2 = merged
  diff "$1" "$2" | grep '^>' | sed -E 's/^> *"?([A-Za-z_]+)"?[:=].*/\1/' | sort -u | tr '\n' ' ' || true
}

base_yaml() {  # new repo with secrets/app/dev.enc.yaml holding A B C, branch feature
  new_repo "$1"
  printf 'A: "a0"\nB: "b0"\nC: "c0"\n' | encrypt_to yaml "secrets/app/dev.enc.yaml"
  git add -A && git commit -qm base && git branch feature
  F=secrets/app/dev.enc.yaml
}

# 1. non-overlapping edits merge; only the key from theirs (and mac/lastmodified) change.
base_yaml s1
git checkout -q feature && set_key $F yaml '["C"]' '"c-theirs"' && git commit -qam theirs
git checkout -q main && set_key $F yaml '["A"]' '"a-ours"' && git commit -qam ours
cp $F "$WORK/ours1"; sleep 1
git merge -q --no-edit feature
expect_eq "1 decrypt after clean merge" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a-ours","B":"b0","C":"c-theirs"}'
expect_eq "1 only C, lastmodified and mac changed" "$(changed_keys "$WORK/ours1" $F)" "C lastmodified mac "
expect_eq "1 ours' A ciphertext kept" "$(grep '^A:' $F)" "$(grep '^A:' "$WORK/ours1")"

# 2. same change on both sides is clean.
base_yaml s2
git checkout -q feature && set_key $F yaml '["B"]' '"same"' && git commit -qam theirs
git checkout -q main && set_key $F yaml '["B"]' '"same"' && set_key $F yaml '["A"]' '"x"' && git commit -qam ours
git merge -q --no-edit feature
expect_eq "2 equal edits on both sides" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"x","B":"same","C":"c0"}'

# 3. edit/edit conflict: exit 1, ours' bytes kept, key path listed, no values anywhere.
base_yaml s3
git checkout -q feature && set_key $F yaml '["B"]' '"b-theirs-secret"' && git commit -qam theirs
git checkout -q main && set_key $F yaml '["B"]' '"b-ours-secret"' && git commit -qam ours
cp $F "$WORK/ours3"
out=$(git merge --no-edit feature 2>&1) && status=0 || status=$?
expect_eq "3 conflict makes git merge fail" "$status" "1"
expect_eq "3 worktree file is ours' bytes" "$(cmp -s $F "$WORK/ours3" && echo same)" "same"
expect_contains "3 stderr names the key and the sides" "$out" "B: base had a value, ours changed, theirs changed"
expect_contains "3 stderr names the next step" "$out" "clef merge secrets/app/dev.enc.yaml"
expect_not_contains "3 no ours value in output" "$out" "b-ours-secret"
expect_not_contains "3 no theirs value in output" "$out" "b-theirs-secret"
expect_eq "3 index keeps stages 1/2/3" "$(git ls-files -u $F | wc -l)" "3"
git merge --abort

# 4. delete against modify conflicts.
base_yaml s4
git checkout -q feature && unset_key $F yaml '["C"]' && git commit -qam theirs
git checkout -q main && set_key $F yaml '["C"]' '"c1"' && git commit -qam ours
out=$(git merge --no-edit feature 2>&1) && status=0 || status=$?
expect_eq "4 delete/modify is a conflict" "$status" "1"
expect_contains "4 says theirs deleted" "$out" "C: base had a value, ours changed, theirs deleted"
git merge --abort

# 5. keys added on both sides, and a delete on one side, merge.
base_yaml s5
git checkout -q feature && set_key $F yaml '["T"]' '"t"' && unset_key $F yaml '["B"]' && git commit -qam theirs
git checkout -q main && set_key $F yaml '["O"]' '"o"' && git commit -qam ours
git merge -q --no-edit feature
# T follows C, its nearest preceding key in theirs; O stays where ours put it.
expect_eq "5 adds and delete" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a0","C":"c0","T":"t","O":"o"}'

# 6. empty string is a value, not an absent key.
base_yaml s6
git checkout -q feature && set_key $F yaml '["E"]' '""' && git commit -qam theirs
git checkout -q main && set_key $F yaml '["A"]' '"a1"' && git commit -qam ours
git merge -q --no-edit feature
expect_eq "6 empty string added by theirs" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a1","B":"b0","C":"c0","E":""}'

# 7. nested maps merge key by key.
new_repo s7
printf 'db:\n  host: "h0"\n  pw: "p0"\napi: "k0"\n' | encrypt_to yaml "secrets/app/dev.enc.yaml"
F=secrets/app/dev.enc.yaml; git add -A && git commit -qm base && git branch feature
git checkout -q feature && set_key $F yaml '["db"]["pw"]' '"p1"' && git commit -qam theirs
git checkout -q main && set_key $F yaml '["db"]["host"]' '"h1"' && git commit -qam ours
git merge -q --no-edit feature
expect_eq "7 nested" "$(decrypted $F yaml | tr -d '\n\t ')" '{"db":{"host":"h1","pw":"p1"},"api":"k0"}'

# 8. JSON.
new_repo s8
printf '{"A": "a0", "B": "b0", "n": 5}' | encrypt_to json "secrets/app/dev.enc.json"
F=secrets/app/dev.enc.json; git add -A && git commit -qm base && git branch feature
git checkout -q feature && set_key $F json '["n"]' '6' && git commit -qam theirs
git checkout -q main && set_key $F json '["A"]' '"a1"' && git commit -qam ours
cp $F "$WORK/ours8"
git merge -q --no-edit feature
expect_eq "8 json" "$(decrypted $F json | tr -d '\n\t ')" '{"A":"a1","B":"b0","n":6}'
expect_eq "8 json A ciphertext kept" "$(grep '"A"' $F)" "$(grep '"A"' "$WORK/ours8")"

# 9. dotenv.
new_repo s9
printf 'A=a0\nB=b0\nC=c0\n' | encrypt_to dotenv "secrets/app/dev.enc.env"
F=secrets/app/dev.enc.env; git add -A && git commit -qm base && git branch feature
git checkout -q feature && set_key $F dotenv '["C"]' '"c1"' && git commit -qam theirs
git checkout -q main && set_key $F dotenv '["A"]' '"a1"' && git commit -qam ours
cp $F "$WORK/ours9"
git merge -q --no-edit feature
expect_eq "9 dotenv" "$(decrypted $F dotenv | tr -d '\n\t ')" '{"A":"a1","B":"b0","C":"c1"}'
expect_eq "9 dotenv B ciphertext kept" "$(grep '^B=' $F)" "$(grep '^B=' "$WORK/ours9")"

# 10. sub-folders and a path with spaces.
new_repo s10
printf 'A: "a0"\nB: "b0"\n' | encrypt_to yaml "secrets/my team/dev env.enc.yaml"
F="secrets/my team/dev env.enc.yaml"; git add -A && git commit -qm base && git branch feature
git checkout -q feature && set_key "$F" yaml '["B"]' '"b1"' && git commit -qam theirs
git checkout -q main && set_key "$F" yaml '["A"]' '"a1"' && git commit -qam ours
git merge -q --no-edit feature
expect_eq "10 path with spaces" "$(decrypted "$F" yaml | tr -d '\n\t ')" '{"A":"a1","B":"b1"}'

# 11. add/add: both branches create the file (different data keys; empty %O).
new_repo s11
git branch feature
git checkout -q feature && printf 'T: "t"\nS: "s"\n' | encrypt_to yaml secrets/new.enc.yaml && git add -A && git commit -qm theirs
git checkout -q main && printf 'O: "o"\nS: "s"\n' | encrypt_to yaml secrets/new.enc.yaml && git add -A && git commit -qm ours
git merge -q --no-edit feature
expect_eq "11 add/add merges" "$(decrypted secrets/new.enc.yaml yaml | tr -d '\n\t ')" '{"O":"o","T":"t","S":"s"}'  # T goes before S, its following key

# 12. rebase: ours/theirs swap, still clean and correct.
base_yaml s12
git checkout -q feature && set_key $F yaml '["C"]' '"c-feature"' && git commit -qam feature
git checkout -q main && set_key $F yaml '["A"]' '"a-main"' && git commit -qam main
git checkout -q feature && git rebase -q main
expect_eq "12 rebase" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a-main","B":"b0","C":"c-feature"}'

# 13. cherry-pick.
base_yaml s13
git checkout -q feature && set_key $F yaml '["B"]' '"b-picked"' && git commit -qam pick
git checkout -q main && set_key $F yaml '["A"]' '"a-main"' && git commit -qam main
git cherry-pick feature >/dev/null
expect_eq "13 cherry-pick" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a-main","B":"b-picked","C":"c0"}'

# 14. revert of an older commit.
base_yaml s14
set_key $F yaml '["B"]' '"b1"' && git commit -qam c1
set_key $F yaml '["A"]' '"a1"' && git commit -qam c2
git revert --no-edit HEAD~1 >/dev/null
expect_eq "14 revert" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a1","B":"b0","C":"c0"}'

# 15. a recipient added on theirs: the result opens with identity B too.
base_yaml s15
git checkout -q feature && "$SOPS" --config /dev/null updatekeys -y --input-type yaml $F >/dev/null 2>&1 || true
"$SOPS" rotate -i --input-type yaml --output-type yaml --add-age "$AGE_B" $F 2>/dev/null || true
git commit -qam "add recipient" || true
git checkout -q main && set_key $F yaml '["A"]' '"a1"' && git commit -qam ours
git merge -q --no-edit feature
expect_eq "15 merged file opens with identity B" "$(SOPS_AGE_KEY_FILE=$DATA/identity-b.txt decrypted $F yaml | tr -d '\n\t ')" '{"A":"a1","B":"b0","C":"c0"}'

# 16. theirs rotated the data key: the result keeps the rotation.
base_yaml s16
git checkout -q feature && "$SOPS" rotate -i --input-type yaml --output-type yaml $F && git commit -qam rotate
theirs_enc=$(grep -A1 'recipient:' $F | grep enc)
git checkout -q main && set_key $F yaml '["A"]' '"a1"' && git commit -qam ours
git merge -q --no-edit feature
expect_eq "16 rotation kept: decrypts" "$(decrypted $F yaml | tr -d '\n\t ')" '{"A":"a1","B":"b0","C":"c0"}'
expect_eq "16 rotation kept: theirs' wrapped key" "$(grep -A1 'recipient:' $F | grep enc)" "$theirs_enc"

# 17. the .clef-meta.yaml sidecar merges through the same driver.
new_repo s17
printf '# Managed by Clef. Do not edit manually.\nversion: 1\npending: []\nrotations:\n  - key: A\n    last_rotated_at: 2026-01-01T00:00:00.000Z\n    rotated_by: x\n    rotation_count: 1\n' > dev.clef-meta.yaml
git add -A && git commit -qm base && git branch feature
git checkout -q feature && sed -i 's/2026-01-01/2026-02-01/; s/rotation_count: 1/rotation_count: 2/' dev.clef-meta.yaml && git commit -qam theirs
git checkout -q main && sed -i 's/2026-01-01/2026-01-15/; s/rotation_count: 1/rotation_count: 2/' dev.clef-meta.yaml && git commit -qam ours
git merge -q --no-edit feature
expect_contains "17 sidecar later timestamp wins" "$(cat dev.clef-meta.yaml)" "last_rotated_at: 2026-02-01T00:00:00.000Z"
expect_contains "17 sidecar counts both rotations" "$(cat dev.clef-meta.yaml)" "rotation_count: 3"

# 18-20. bad input: the driver called directly, as git would.
cd "$WORK"
printf 'A: "a0"\n' | encrypt_to yaml "$WORK/o.yaml"
cp o.yaml b.yaml; cp o.yaml t.yaml
sed -i 's/^A: ENC\[AES256_GCM,data:../A: ENC[AES256_GCM,data:AA/' t.yaml
out=$("$TOOLS/clef-merge-driver" b.yaml o.yaml t.yaml 7 x.enc.yaml 2>&1) && status=0 || status=$?
expect_eq "18 tampered theirs: exit 1" "$status" "1"
expect_contains "18 names theirs" "$out" "theirs"
cp o.yaml o.before
out=$(SOPS_AGE_KEY_FILE=$DATA/identity-b.txt "$TOOLS/clef-merge-driver" b.yaml o.yaml o.before 7 x.enc.yaml 2>&1) && status=0 || status=$?
expect_eq "19 no identity: exit 1" "$status" "1"
expect_contains "19 lists the recipients" "$out" "$AGE_A"
expect_contains "19 says where identities were looked for" "$out" "SOPS_AGE_KEY_FILE"
expect_eq "19 %A untouched" "$(cmp -s o.yaml o.before && echo same)" "same"
out=$(SOPS_AGE_KEY_FILE=$WORK/no-such-keys.txt "$TOOLS/clef-merge-driver" b.yaml o.yaml o.before 7 x.enc.yaml 2>&1) && status=0 || status=$?
expect_eq "19b unreadable key file: exit 1" "$status" "1"
expect_contains "19b names the variable and the path" "$out" "SOPS_AGE_KEY_FILE=$WORK/no-such-keys.txt"
expect_contains "19b names the merged file as left alone" "$out" "x.enc.yaml was left as your version"
expect_eq "19b %A untouched" "$(cmp -s o.yaml o.before && echo same)" "same"
cp o.yaml t2.yaml && set_key t2.yaml yaml '["A"]' '"a-by-cmd"'
out=$(env -u SOPS_AGE_KEY_FILE SOPS_AGE_KEY_CMD="cat $DATA/identity-a.txt" "$TOOLS/clef-merge-driver" b.yaml o.yaml t2.yaml 7 x.enc.yaml 2>&1) && status=0 || status=$?
expect_eq "19c identity from SOPS_AGE_KEY_CMD: clean merge" "$status" "0"
expect_eq "19c merged value" "$(decrypted o.yaml yaml | tr -d '\n\t ')" '{"A":"a-by-cmd"}'
cp o.before o.yaml
printf 'A: plain\n' > p.yaml
out=$("$TOOLS/clef-merge-driver" b.yaml o.yaml p.yaml 7 x.enc.yaml 2>&1) && status=0 || status=$?
expect_eq "20 not a sops file: exit 1" "$status" "1"
expect_contains "20 says so" "$out" "not a sops file"
out=$("$TOOLS/clef-merge-driver" --bogus 2>&1) && status=0 || status=$?
expect_eq "21 CLI errors exit 1, never CLI11's code" "$status" "1"

# 22. no plaintext value in any file left in the work trees or .git (temp files included).
hits=$(grep -rlaE 'a-ours|c-theirs|b-ours-secret|b-theirs-secret|c-feature|b-picked' "$WORK"/repo-* 2>/dev/null | grep -v '/objects/' || true)
expect_eq "22 no plaintext file anywhere" "$hits" ""
finish

# No plaintext file is ever created during merges (issue 4): a watcher (plaintext_watch, a
# test-only tool) reads every file written under the test's folders — the repositories, .git
# and $TMPDIR — while real git runs the driver for a clean merge, a conflict, `clef merge`
# resolutions (per key and --set from stdin), a rebase and a cherry-pick, and searches each for
# the plaintext values. A first watch proves the watcher catches a value (a decoy file, kept or
# deleted at once); the second must report no value anywhere.
source "$(dirname "$0")/merge_support.sh"
WATCH=$TOOLS/../test-bin/plaintext_watch
if [ ! -x "$WATCH" ]; then
  echo "FAIL: $WATCH is missing (build the plaintext_watch target)"
  exit 1
fi
export TMPDIR=$WORK/tmp
mkdir -p "$TMPDIR" "$WORK/watch"
CLEF_MERGE=$TOOLS/clef-merge

# Plaintext values of the scenarios, unusual enough never to occur by chance.
V_BASE=pw-base-c4e1d0 V_OURS=pw-ours-91b2aa V_THEIRS=pw-theirs-77d4ee
V_CONF_O=pw-conflict-ours-3a9f V_CONF_T=pw-conflict-theirs-e01c V_SET=pw-set-by-stdin-0d5b
VALUES=("$V_BASE" "$V_OURS" "$V_THEIRS" "$V_CONF_O" "$V_CONF_T" "$V_SET")

start_watch() {  # $1 = name [$2 = --inotify]; watches the repositories (.git too) and $TMPDIR
  rm -f "$WORK/watch/$1.ready"
  printf '%s\n' "${VALUES[@]}" | "$WATCH" ${2:-} "$WORK/watch/$1.ready" "$WORK/repos" "$TMPDIR" \
    > "$WORK/watch/$1.report" 2>&1 &
  WATCH_PID=$!
  for _ in $(seq 1 500); do [ -e "$WORK/watch/$1.ready" ] && return; sleep 0.01; done
  echo "FAIL: the watcher did not start"; cat "$WORK/watch/$1.report"; exit 1
}
stop_watch() {  # sets WATCH_STATUS and REPORT
  sleep 0.2  # let the last closes reach the watcher's queue
  kill -TERM "$WATCH_PID"
  wait "$WATCH_PID" && WATCH_STATUS=0 || WATCH_STATUS=$?
  REPORT=$(cat "$WORK/watch/$1.report")
}

mkdir -p "$WORK/repos"
repo_with_base() {  # $1 = name: repos/$1 with secrets/app/dev.enc.yaml (A B C), branch feature
  REPO=$WORK/repos/$1
  git init -q -b main "$REPO" && cd "$REPO"
  git config merge.clef-sops.driver "$TOOLS/clef-merge-driver %O %A %B %L %P"
  printf '*.enc.yaml merge=clef-sops\n' > .gitattributes
  F=secrets/app/dev.enc.yaml
  printf 'A: "%s"\nB: "%s"\nC: "%s"\n' "$V_BASE" "$V_BASE" "$V_BASE" | encrypt_to yaml $F
  git add -A && git commit -qm base && git branch feature
}

# Set-up, before any watch: four repositories with diverging branches.
repo_with_base clean
git checkout -q feature && set_key $F yaml '["C"]' "\"$V_THEIRS\"" && git commit -qam theirs
git checkout -q main && set_key $F yaml '["A"]' "\"$V_OURS\"" && git commit -qam ours
for name in conflict setvalue; do
  repo_with_base $name
  git checkout -q feature && set_key $F yaml '["B"]' "\"$V_CONF_T\"" && git commit -qam theirs
  git checkout -q main && set_key $F yaml '["B"]' "\"$V_CONF_O\"" && git commit -qam ours
done
repo_with_base rebase
git checkout -q feature && set_key $F yaml '["C"]' "\"$V_THEIRS\"" && git commit -qam feature
git checkout -q main && set_key $F yaml '["A"]' "\"$V_OURS\"" && git commit -qam main
git branch pick feature

# 1. Self-check: the watcher reports a value in a file that stays, in one deleted at once, and
#    in a new sub-folder; it exits 1.
start_watch selfcheck
printf 'x=%s\n' "$V_OURS" > "$WORK/repos/decoy-kept.txt"
mkdir -p "$WORK/repos/clean/new/deep"
printf '%s' "$V_SET" > "$WORK/repos/clean/new/deep/decoy-gone"
rm "$WORK/repos/clean/new/deep/decoy-gone"
printf '%s' "$V_THEIRS" > "$TMPDIR/decoy-tmp" && rm "$TMPDIR/decoy-tmp"
printf 'nothing secret\n' > "$WORK/repos/innocent.txt"
stop_watch selfcheck
rm -rf "$WORK/repos/decoy-kept.txt" "$WORK/repos/innocent.txt" "$WORK/repos/clean/new"
expect_eq "self-check: the watcher fails on a plaintext value" "$WATCH_STATUS" "1"
expect_contains "self-check: kept decoy reported" "$REPORT" "decoy-kept.txt value#2"
expect_contains "self-check: decoy deleted at once reported" "$REPORT" "decoy-gone"
expect_contains "self-check: decoy in TMPDIR reported" "$REPORT" "decoy-tmp"
expect_contains "self-check: a clean file is seen, not a hit" "$REPORT" "seen $(realpath "$WORK")/repos/innocent.txt"
expect_not_contains "self-check: values are never printed" "$REPORT" "$V_OURS"

# 1b. The inotify fallback (used where fanotify is not allowed) catches kept files and files in
#     new sub-folders too; a file deleted at once may be reported unread, never as clean.
start_watch inotify --inotify
printf 'x=%s\n' "$V_OURS" > "$WORK/repos/decoy-kept.txt"
mkdir -p "$WORK/repos/clean/new/deep"
printf '%s' "$V_SET" > "$WORK/repos/clean/new/deep/decoy-in-new-folder"
printf '%s' "$V_THEIRS" > "$TMPDIR/decoy-gone" && rm "$TMPDIR/decoy-gone"
stop_watch inotify
rm -rf "$WORK/repos/decoy-kept.txt" "$WORK/repos/clean/new"
expect_eq "inotify: the watcher fails on a plaintext value" "$WATCH_STATUS" "1"
expect_contains "inotify: mode" "$REPORT" "mode inotify"
expect_contains "inotify: kept decoy reported" "$REPORT" "decoy-kept.txt value#2"
expect_contains "inotify: decoy in a new folder reported" "$REPORT" "decoy-in-new-folder value#6"
expect_not_contains "inotify: a deleted decoy is never reported clean" "$REPORT" "seen $(realpath "$TMPDIR")/decoy-gone"

# 1c. A leaky driver under real git (it decrypts %A into a temporary file and deletes it) is
#     caught: the watch covers what git's drivers write.
repo_with_base leaky
git checkout -q feature && set_key $F yaml '["C"]' "\"$V_THEIRS\"" && git commit -qam theirs
git checkout -q main && set_key $F yaml '["A"]' "\"$V_OURS\"" && git commit -qam ours
printf '#!/bin/sh\n"%s" decrypt --input-type yaml --output-type yaml "$1" > "$TMPDIR/leak.$$"\nrm -f "$TMPDIR/leak.$$"\nexit 1\n' "$SOPS" > "$WORK/leaky-driver"
chmod +x "$WORK/leaky-driver"
git config merge.clef-sops.driver "$WORK/leaky-driver %A"
start_watch leaky
git merge -q --no-edit feature >/dev/null 2>&1 || true
stop_watch leaky
git merge --abort
expect_eq "leaky driver: the watch fails" "$WATCH_STATUS" "1"
expect_contains "leaky driver: its temporary file is reported" "$REPORT" "$(realpath "$TMPDIR")/leak."

# 2. The real merges, under watch.
start_watch merges
cd "$WORK/repos/clean"
git merge -q --no-edit feature && clean_status=0 || clean_status=$?
cd "$WORK/repos/conflict"
git merge --no-edit feature >/dev/null 2>&1 && conflict_status=0 || conflict_status=$?
"$CLEF_MERGE" $F --theirs B >/dev/null 2>&1 && git commit -qm resolved
cd "$WORK/repos/setvalue"
git merge --no-edit feature >/dev/null 2>&1 || true
printf '%s\n' "$V_SET" | "$CLEF_MERGE" $F --set B >/dev/null 2>&1 && git commit -qm set
cd "$WORK/repos/rebase"
git checkout -q feature && git rebase -q main
git checkout -q main && git cherry-pick pick >/dev/null
stop_watch merges

expect_eq "clean merge exits 0" "$clean_status" "0"
expect_eq "conflicting merge exits 1" "$conflict_status" "1"
expect_eq "no plaintext value in any file written during the merges" "$WATCH_STATUS" "0"
expect_not_contains "no hit in the report" "$REPORT" "hit "
# fanotify reads every file. The inotify fallback can miss git's own short-lived files in .git
# (locks, loose-object temporaries, rebase state: renamed or deleted at once); everything else
# (work tree, git's %O %A %B, the driver's temporary file, $TMPDIR) must have been read.
unread=$(grep '^unread ' <<<"$REPORT" || true)
[[ "$REPORT" == "mode inotify"* ]] && unread=$(grep -v '/\.git/' <<<"$unread" || true)
expect_eq "no file vanished unread" "$unread" ""
expect_not_contains "no event lost" "$REPORT" "overflow"
root=$(realpath "$WORK")
expect_contains "the merged worktree file was seen" "$REPORT" "$root/repos/clean/secrets/app/dev.enc.yaml"
expect_contains "the rebased file was seen" "$REPORT" "$root/repos/rebase/secrets/app/dev.enc.yaml"
expect_contains "git's temporary %O %A %B files were seen" "$REPORT" "/repos/clean/.merge_file_"
expect_contains "git's index was seen" "$REPORT" "$root/repos/setvalue/.git/index"
echo "watched files: $(grep -c '^seen ' <<<"$REPORT") ($(head -1 <<<"$REPORT"))"

# The merges did what they should (decrypted in memory only).
expect_eq "clean merge result" "$(decrypted "$WORK/repos/clean/$F" yaml | tr -d '\n\t ')" \
  "{\"A\":\"$V_OURS\",\"B\":\"$V_BASE\",\"C\":\"$V_THEIRS\"}"
expect_eq "conflict resolved with theirs" "$(decrypted "$WORK/repos/conflict/$F" yaml | tr -d '\n\t ')" \
  "{\"A\":\"$V_BASE\",\"B\":\"$V_CONF_T\",\"C\":\"$V_BASE\"}"
expect_eq "conflict resolved with --set" "$(decrypted "$WORK/repos/setvalue/$F" yaml | tr -d '\n\t ')" \
  "{\"A\":\"$V_BASE\",\"B\":\"$V_SET\",\"C\":\"$V_BASE\"}"
expect_eq "rebase then cherry-pick" "$(decrypted "$WORK/repos/rebase/$F" yaml | tr -d '\n\t ')" \
  "{\"A\":\"$V_OURS\",\"B\":\"$V_BASE\",\"C\":\"$V_THEIRS\"}"
finish

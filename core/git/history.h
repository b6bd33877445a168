// Every unique blob reachable from a range of history, each attributed to the commit that
// introduced it. This is the fast way to audit history (each blob's bytes are read and scanned
// once, however many commits carry it), used by `clef scan --history`.
//
// Contract:
// - Range: `include` revisions (empty: every ref, plus HEAD) minus everything reachable from
//   `exclude` revisions. "A..B" in `include` is split into include B, exclude A. Blobs present
//   in the trees of the excluded tips are treated as already known, so `--since main` reports
//   only content that is new on top of main.
// - Order: commits are visited parents-before-children (topological, oldest first), so the
//   commit reported for a blob is the first one (in that order) whose tree contains it, with the
//   path it first appeared under. Merge commits are included: a blob created while resolving a
//   conflict is attributed to the merge.
// - Damage: a tree that cannot be read (corrupt or missing object) does not stop the walk; it
//   is added to `warnings` with its commit and path, and the walk continues.
// - Known libgit2 1.5 hazard: a *truncated* loose object can make zlib inflation spin; garbage or
//   missing objects fail cleanly. History scans of damaged repositories should run under a timeout.
// - Gitlinks (submodules) are skipped; symlinks are reported like files (their blob is the
//   link target text).
//
// Enumeration only reads commits and trees, never blob contents (read them with ReadBlob, on
// one repository handle per thread, or with ReadBlobsWithGit). Cost: proportional to the number
// of distinct trees. It runs `git rev-list --objects --in-commit-order` piped into
// `git cat-file --batch-check` (git's own walk, several times faster than libgit2 1.5's tree
// parsing on long histories); when git is missing or that walk fails (a damaged object), it
// falls back to a libgit2 walk that reports the damage and goes on.
//
//   clef::git::HistoryRange range;             // all refs
//   auto blobs = clef::git::UniqueBlobs(repo, range, &warnings);
//   for (const auto& b : *blobs) Scan(ReadBlob(repo, b.blob), b.path, b.commit);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/git/handles.h"
#include "core/result.h"

namespace clef::git {

struct CommitInfo {
  git_oid id{};
  std::string author_name;
  std::string author_email;
  int64_t time = 0;        // author time, seconds since the epoch
  int offset_minutes = 0;  // author time zone
  std::string summary;     // first line of the message
};

struct BlobIntroduction {
  git_oid blob{};
  std::string path;       // path in the introducing commit, '/' separators
  uint32_t commit_index;  // into UniqueBlobsResult::commits
};

struct HistoryRange {
  std::vector<std::string> include;  // empty: all refs and HEAD
  std::vector<std::string> exclude;
};

struct UniqueBlobsResult {
  std::vector<CommitInfo> commits;      // every commit walked, oldest first
  std::vector<BlobIntroduction> blobs;  // in introduction order
};

// Parses "A..B" (B minus what A reaches; "A...B" is read the same way, which for a PR branch
// is what CI wants: the commits on B not on A) or a single revision into a range.
HistoryRange ParseRange(const std::string& spec);

Result<UniqueBlobsResult> UniqueBlobs(git_repository* repo, const HistoryRange& range,
                                      std::vector<Error>* warnings);

// Reads blobs (40- or 64-hex ids) through one `git cat-file --batch` process run in `cwd` (so
// GIT_DIR and friends are honoured): `sink(i, content)` for each id found, in order; ids git
// does not have are skipped and appended to `missing` when given. Error when git cannot run.
Status ReadBlobsWithGit(const std::string& cwd, const std::vector<std::string>& ids,
                        const std::function<void(size_t, std::string_view)>& sink,
                        std::vector<size_t>* missing = nullptr);

// "2026-11-29T02:00:00+01:00" for a commit's author time.
std::string FormatCommitTime(const CommitInfo& c);

}  // namespace clef::git

// What changed between two trees: the revision-to-revision diff (guard compares two
// revisions) and the HEAD-to-index diff (what `git commit` is about to record; lint and
// `clef scan --staged` check it).
//
// Contract: only blob-level changes are reported (no rename detection: a rename is a deletion
// plus an addition, which is what a secrets checker wants). Ids are git object ids of the
// blobs; a side that does not exist has a zero id and mode 0. The index is the one the
// repository handle carries, i.e. GIT_INDEX_FILE when it was opened with OpenRepository.
// An unborn HEAD (first commit) diffs against the empty tree.
//
//   auto staged = clef::git::StagedChanges(repo);
//   for (const auto& c : *staged)
//     if (c.kind != clef::git::TreeChange::kDeleted) Check(c.new_path, c.new_blob);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/git/handles.h"
#include "core/result.h"

namespace clef::git {

struct TreeChange {
  enum Kind { kAdded, kDeleted, kModified, kTypeChange };
  Kind kind = kModified;
  std::string old_path;  // empty for kAdded
  std::string new_path;  // empty for kDeleted
  git_oid old_blob{};    // zero for kAdded
  git_oid new_blob{};    // zero for kDeleted
  uint32_t old_mode = 0;
  uint32_t new_mode = 0;
};

// Changes from revision `from` to revision `to`. An empty `from` means the empty tree.
Result<std::vector<TreeChange>> DiffRevisions(git_repository* repo, const std::string& from,
                                              const std::string& to);

// Changes from HEAD (empty tree when unborn) to the repository's index, i.e. the staged files.
// Submodule entries (gitlinks) are left out.
Result<std::vector<TreeChange>> StagedChanges(git_repository* repo);

}  // namespace clef::git

// Reading objects: commits by revision, blobs by id or by path at a revision.
//
// Contract: revisions are anything `git rev-parse` accepts that peels to a commit ("HEAD",
// "main~2", a hex id, a tag). Blob contents are returned raw (no filters, no textconv: libgit2
// never runs them, so a secrets repository's textconv cannot leak plaintext here). Functions
// take a borrowed repository and are safe to call from several threads only with one
// repository handle per thread.
//
//   auto text = clef::git::BlobAtRevision(repo, "HEAD", "clef.yaml");
//   if (text.ok() && *text) Parse(**text);          // nullopt: no such path at HEAD
#pragma once

#include <optional>
#include <string>

#include "core/git/handles.h"
#include "core/result.h"

namespace clef::git {

// The commit `revision` names. Error names the revision when it does not exist or is no commit.
Result<CommitPtr> ResolveCommit(git_repository* repo, const std::string& revision);

// The tree of `revision`'s commit.
Result<TreePtr> TreeOfRevision(git_repository* repo, const std::string& revision);

// The raw bytes of blob `id`. Error when missing or corrupt (names the id).
Result<std::string> ReadBlob(git_repository* repo, const git_oid& id);

// The blob at `path` (repository-relative, '/' separators) in `revision`'s tree; nullopt when
// the path does not exist there or is not a file.
Result<std::optional<std::string>> BlobAtRevision(git_repository* repo, const std::string& revision,
                                                  const std::string& path);

}  // namespace clef::git

// Owning handles for libgit2 objects, and the bridge from libgit2 errors to clef::Error.
//
// Every libgit2 handle the project holds lives in one of these `unique_ptr` aliases, whose
// deleter is the matching `git_*_free`; a raw `git_repository*` in a signature is therefore
// always *borrowed*. Handles are not thread-safe (libgit2 rule): use one repository handle
// per thread. `git_error_last()` is thread-local, so `GitError` must be called on the thread
// that saw the failure, right after it.
//
//   clef::git::LibGit2 session;                 // once, in main() or a test fixture
//   auto repo = clef::git::OpenRepository(".");  // repository.h
//   if (!repo.ok()) return Report(repo.error());
#pragma once

#include <git2.h>

#include <memory>
#include <string>

#include "core/result.h"

namespace clef::git {

template <typename T, void (*Free)(T*)>
struct GitDeleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};

template <typename T, void (*Free)(T*)>
using GitPtr = std::unique_ptr<T, GitDeleter<T, Free>>;

using RepositoryPtr = GitPtr<git_repository, git_repository_free>;
using IndexPtr = GitPtr<git_index, git_index_free>;
using ObjectPtr = GitPtr<git_object, git_object_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using TreeEntryPtr = GitPtr<git_tree_entry, git_tree_entry_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using DiffPtr = GitPtr<git_diff, git_diff_free>;
using RevwalkPtr = GitPtr<git_revwalk, git_revwalk_free>;
using ReferencePtr = GitPtr<git_reference, git_reference_free>;
using ConfigPtr = GitPtr<git_config, git_config_free>;
using OdbPtr = GitPtr<git_odb, git_odb_free>;
using OdbObjectPtr = GitPtr<git_odb_object, git_odb_object_free>;

// Initialises libgit2 for the lifetime of the object (refcounted by libgit2, so nesting is
// fine). Also applies the process-wide options the tools need: the repository-format
// extensions CI clones use (partialclone, worktreeConfig) and a larger tree cache for
// history walks.
class LibGit2 {
 public:
  LibGit2();
  ~LibGit2();
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

// An Error built from libgit2's last error on this thread: "<what>: <libgit2 message>".
Error GitError(const std::string& what, const std::string& file = {});

// Hex form of an object id.
std::string OidHex(const git_oid& oid);

}  // namespace clef::git

// Finding and opening the repository a tool runs in, the way git itself would.
//
// Contract: `OpenRepository` honours git's environment (GIT_DIR, GIT_INDEX_FILE,
// GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_NAMESPACE, GIT_WORK_TREE,
// GIT_COMMON_DIR), because hooks run with them set: inside `git commit -a` the index to check is
// `.git/index.lock`, named only by GIT_INDEX_FILE. libgit2 1.5 ignores that variable unless
// opened with GIT_REPOSITORY_OPEN_FROM_ENV, and that flag in turn refuses GIT_WORK_TREE /
// GIT_COMMON_DIR; this module handles both cases, so callers never open repositories
// themselves. Requires a live `LibGit2` (handles.h).
//
//   auto repo = clef::git::OpenRepository(".");
//   if (!repo.ok()) { std::cerr << repo.error().Describe(); return kExitError; }
//   std::string root = clef::git::WorkDir(repo->get());   // "" for a bare repository
#pragma once

#include <string>

#include "core/git/handles.h"
#include "core/result.h"

namespace clef::git {

// Discovers the repository containing `start_dir` (or named by GIT_DIR) and opens it with the
// index named by GIT_INDEX_FILE when that is set. Error: not inside a repository, or the
// repository cannot be opened (the message says which and what to do).
Result<RepositoryPtr> OpenRepository(const std::string& start_dir = ".");

// The working directory without a trailing slash, or "" for a bare repository.
std::string WorkDir(git_repository* repo);

// `path` (absolute, or relative to the current directory) relative to the working directory,
// with '/' separators: "." for the root itself, "" when it lies outside the working tree.
std::string PathInWorkDir(git_repository* repo, const std::string& path);

}  // namespace clef::git

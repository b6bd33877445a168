#include "core/git/repository.h"

#include <git2/sys/repository.h>

#include <cstdlib>
#include <filesystem>

namespace clef::git {
namespace {

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}

// libgit2 1.5 fails OPEN_FROM_ENV when GIT_WORK_TREE or GIT_COMMON_DIR is set; open the
// git directory directly and apply the work tree and index by hand.
Result<RepositoryPtr> OpenWithExplicitWorkTree(const std::string& start_dir) {
  git_repository* raw = nullptr;
  const char* git_dir = Env("GIT_DIR");
  int rc = git_dir ? git_repository_open(&raw, git_dir)
                   : git_repository_open_ext(&raw, start_dir.c_str(), 0, nullptr);
  RepositoryPtr repo(raw);
  if (rc != 0) return GitError("cannot open the git repository", git_dir ? git_dir : start_dir);
  if (const char* work_tree = Env("GIT_WORK_TREE")) {
    if (git_repository_set_workdir(repo.get(), work_tree, 0) != 0)
      return GitError("cannot use GIT_WORK_TREE", work_tree);
  }
  if (const char* index_file = Env("GIT_INDEX_FILE")) {
    git_index* idx = nullptr;
    if (git_index_open(&idx, index_file) != 0) return GitError("cannot open GIT_INDEX_FILE", index_file);
    IndexPtr index(idx);
    if (git_repository_set_index(repo.get(), index.get()) != 0)
      return GitError("cannot use GIT_INDEX_FILE", index_file);
  }
  return repo;
}

}  // namespace

Result<RepositoryPtr> OpenRepository(const std::string& start_dir) {
  if (Env("GIT_WORK_TREE") || Env("GIT_COMMON_DIR")) return OpenWithExplicitWorkTree(start_dir);
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, start_dir.c_str(), GIT_REPOSITORY_OPEN_FROM_ENV, nullptr);
  RepositoryPtr repo(raw);
  if (rc == GIT_ENOTFOUND) {
    Error e = MakeError("not inside a git repository", start_dir);
    e.hint = "run the command inside a git working tree, or set GIT_DIR";
    return e;
  }
  if (rc != 0) {
    Error e = GitError("cannot open the git repository", start_dir);
    e.hint = "check that the repository is readable and owned by you (safe.directory)";
    return e;
  }
  return repo;
}

std::string WorkDir(git_repository* repo) {
  const char* wd = git_repository_workdir(repo);
  if (!wd) return {};
  std::string s = wd;
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::string PathInWorkDir(git_repository* repo, const std::string& path) {
  namespace fs = std::filesystem;
  std::string root = WorkDir(repo);
  if (root.empty()) return {};
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(path, ec), ec);
  fs::path base = fs::weakly_canonical(fs::path(root), ec);
  fs::path rel = abs.lexically_relative(base);
  std::string r = rel.generic_string();
  if (r.empty() || r == ".") return ".";
  if (r.rfind("..", 0) == 0) return {};
  return r;
}

}  // namespace clef::git

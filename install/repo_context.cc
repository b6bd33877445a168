#include "install/repo_context.h"

#include <filesystem>

#include "core/git/git_cli.h"

namespace fs = std::filesystem;

namespace clef::install {
namespace {

std::string TrimNewline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

Result<std::string> AskGit(const std::vector<std::string>& args, const std::string& cwd) {
  Result<git::GitOutput> out = git::RunGit(args, cwd);
  if (!out.ok()) return out.error();
  if (out->exit_code != 0) {
    Error e = MakeError("not inside a git work tree: " + TrimNewline(out->stderr_text), cwd);
    e.hint = "run clef install from inside the repository (or pass -C <repo>)";
    return e;
  }
  return TrimNewline(out->stdout_text);
}

// Relative answers of rev-parse are relative to `cwd`.
std::string Absolute(const std::string& p, const std::string& cwd) {
  fs::path path(p);
  if (path.is_relative()) path = fs::path(cwd) / path;
  return path.lexically_normal().string();
}

}  // namespace

Result<RepoContext> DiscoverRepo(const std::string& cwd_in) {
  std::error_code ec;
  std::string cwd = fs::absolute(cwd_in, ec).lexically_normal().string();
  if (ec || !fs::is_directory(cwd, ec)) return MakeError("no such folder", cwd_in);
  Result<std::string> top = AskGit({"rev-parse", "--show-toplevel"}, cwd);
  if (!top.ok()) return top.error();
  if (top->empty()) {
    Error e = MakeError("a bare repository has no work tree to install into", cwd);
    e.hint = "run clef install in a clone with a work tree";
    return e;
  }
  RepoContext repo;
  repo.worktree_root = *top;
  Result<std::string> common = AskGit({"rev-parse", "--git-common-dir"}, repo.worktree_root);
  if (!common.ok()) return common.error();
  repo.common_dir = Absolute(*common, repo.worktree_root);
  Result<std::string> hooks = AskGit({"rev-parse", "--git-path", "hooks"}, repo.worktree_root);
  if (!hooks.ok()) return hooks.error();
  repo.hooks_dir = Absolute(*hooks, repo.worktree_root);
  Result<git::GitOutput> hp = git::RunGit({"config", "--get", "core.hooksPath"}, repo.worktree_root);
  if (hp.ok() && hp->exit_code == 0) repo.hooks_path_config = TrimNewline(hp->stdout_text);
  // husky v9: core.hooksPath = .husky/_ (generated, ignored); user hooks live in .husky/.
  fs::path hooks_dir(repo.hooks_dir);
  if (hooks_dir.filename() == "_" && hooks_dir.parent_path().filename() == ".husky") {
    repo.hooks_dir = hooks_dir.parent_path().string();
    repo.husky = true;
  }
  return repo;
}

}  // namespace clef::install

// Where clef-install writes in a repository: the worktree root (for .gitattributes), the git
// common dir (shared by every linked worktree), and the folder git runs hooks from.
//
// Contract: the hooks folder is what `git rev-parse --git-path hooks` answers, so it honours
// core.hooksPath and, in a linked worktree, the common dir (linked worktrees share hooks).
// When core.hooksPath points at husky's generated `.husky/_`, hooks belong in the tracked
// `.husky/` folder instead (husky v9 runs `.husky/<hook>` from its stubs), and `husky` is set.
//
//   Result<RepoContext> repo = DiscoverRepo(".");
//   if (!repo.ok()) { std::cerr << repo.error().Describe() << "\n"; return kExitError; }
#pragma once

#include <string>

#include "core/result.h"

namespace clef::install {

struct RepoContext {
  std::string worktree_root;  // absolute
  std::string common_dir;     // absolute, e.g. <root>/.git
  std::string hooks_dir;      // absolute; where the pre-commit hook goes
  std::string hooks_path_config;  // core.hooksPath as configured, empty when unset
  bool husky = false;         // hooks_dir is husky's tracked .husky/ folder
};

// Finds the repository containing `cwd`. Error (naming `cwd`) outside a git work tree.
Result<RepoContext> DiscoverRepo(const std::string& cwd);

}  // namespace clef::install

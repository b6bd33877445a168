// The pre-commit hook clef install adds: it runs `clef-lint --staged` after whatever hook was
// there before, never instead of it.
//
// Plain hooks folder ($GIT_COMMON_DIR/hooks, or core.hooksPath):
//   * an existing foreign `pre-commit` is renamed `pre-commit.before-clef` (content, mode and
//     time untouched) and clef's hook runs it first with the same arguments, stopping on its
//     failure. This also keeps the pre-commit framework's hook working: its script finds its
//     configuration through its own text, not through its file name.
//   * uninstall deletes clef's hook and renames `pre-commit.before-clef` back; when install
//     created the hooks folder (core.hooksPath to a new folder) and it is empty, it goes too.
// husky (core.hooksPath = .husky/_): a marked block in the tracked `.husky/pre-commit` that
//   runs `clef-lint --staged` from PATH (the file is shared by everyone; absolute paths differ
//   between machines). Uninstall removes the block, and the file when only the block was in it.
//
// Clef's own hook is recognised by kHookMarker. A hook that is not clef's is never deleted.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "install/repo_context.h"

namespace clef::install {

inline constexpr const char* kHookMarker = "# clef-git pre-commit hook";
inline constexpr const char* kChainedHookName = "pre-commit.before-clef";

// The full text of clef's hook for a clef-lint at `lint_path`.
std::string RenderHook(const std::string& lint_path, bool created_hooks_dir);

// What is in place: for doctor.
struct HookState {
  std::string path;            // the file git runs (or husky's tracked file)
  bool exists = false;
  bool executable = false;
  bool ours = false;           // clef's hook or a file holding clef's block
  bool chains_previous = false;  // a pre-commit.before-clef is run first
  std::string lint_path;       // the clef-lint the hook runs (absolute for plain hooks)
};
HookState InspectHook(const RepoContext& repo);

Status InstallHook(const RepoContext& repo, const std::string& lint_path, bool dry_run,
                   std::vector<std::string>& changes);
Status UninstallHook(const RepoContext& repo, bool dry_run, std::vector<std::string>& changes);

}  // namespace clef::install

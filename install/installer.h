// `clef install`: wires clef-git into one repository, idempotently, and `--uninstall` takes
// exactly that away again.
//
// Install, in order:
//   1. .gitattributes: the marked clef-git block (marked_block.h) routing the encrypted files
//      (attribute_patterns.h) to the clef-sops merge driver, textconv and filter;
//   2. git config (local, or global with `global`): the clef-sops sections
//      (git_config_entries.h) with absolute paths of clef-merge-driver and clef-filter;
//   3. the pre-commit hook running clef-lint --staged, chaining an existing hook
//      (precommit_hook.h), in the folder git really uses (core.hooksPath, husky, the common
//      dir of linked worktrees).
// Running install twice changes nothing the second time; `dry_run` only describes. Uninstall
// reverses the three steps; after install + uninstall every file of the repository
// (including .git/config and the hooks) has the bytes it had before.
//
// Every change is described in `InstallReport::changes` (one line each); `warnings` say what
// install could not do fully (a tool not found yet, a path_regex with no glob equivalent).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "install/git_config_entries.h"
#include "install/repo_context.h"
#include "install/tool_locator.h"

namespace clef::install {

struct InstallOptions {
  ConfigScope scope = ConfigScope::kLocal;
  bool dry_run = false;
};

struct InstallReport {
  std::vector<std::string> changes;
  std::vector<std::string> warnings;
};

// The clef tools that git config and the hook refer to.
inline constexpr const char* kMergeDriverTool = "clef-merge-driver";
inline constexpr const char* kFilterTool = "clef-filter";
inline constexpr const char* kLintTool = "clef-lint";

Result<InstallReport> Install(const RepoContext& repo, const ToolLocator& tools,
                              const InstallOptions& options);
Result<InstallReport> Uninstall(const RepoContext& repo, const InstallOptions& options);

}  // namespace clef::install

#include "install/installer.h"

#include <cstdlib>
#include <filesystem>

#include "core/util/atomic_file.h"
#include "install/attribute_patterns.h"
#include "install/marked_block.h"
#include "install/precommit_hook.h"

namespace fs = std::filesystem;

namespace clef::install {
namespace {

std::string AttributesPath(const RepoContext& repo) {
  return (fs::path(repo.worktree_root) / ".gitattributes").string();
}

Status InstallAttributes(const RepoContext& repo, bool dry_run, InstallReport& report) {
  AttributePatterns patterns = CollectAttributePatterns(repo.worktree_root);
  for (const std::string& re : patterns.untranslated) {
    report.warnings.push_back(".sops.yaml path_regex '" + re +
                              "' has no gitattributes glob; add a line for those files to "
                              ".gitattributes by hand (merge=clef-sops diff=clef-sops filter=clef-sops)");
  }
  for (const std::string& note : patterns.notes) report.warnings.push_back(note);

  std::string path = AttributesPath(repo);
  Result<std::optional<std::string>> text = ReadFileIfExists(path);
  if (!text.ok()) return text.error();
  std::string before = text->value_or("");
  Result<std::string> after = InsertBlock(before, RenderAttributesBlock(patterns.patterns));
  if (!after.ok()) return after.error().InFile(path);
  if (*text && *after == before) return Status::Ok();
  report.changes.push_back((*text ? "update " : "create ") + path + " (clef-git block: " +
                           std::to_string(patterns.patterns.size()) + " patterns)");
  return dry_run ? Status::Ok() : WriteFileAtomically(path, *after);
}

// `git config --global --remove-section` leaves an empty ~/.gitconfig behind when clef's
// sections were all it held; git reads a missing file the same way, so it goes.
void RemoveEmptyGlobalConfig() {
  const char* home = std::getenv("HOME");
  if (!home || !*home) return;
  std::error_code ec;
  fs::path config = fs::path(home) / ".gitconfig";
  if (fs::is_regular_file(config, ec) && fs::file_size(config, ec) == 0 && !ec) fs::remove(config, ec);
}

Status UninstallAttributes(const RepoContext& repo, bool dry_run, InstallReport& report) {
  std::string path = AttributesPath(repo);
  Result<std::optional<std::string>> text = ReadFileIfExists(path);
  if (!text.ok()) return text.error();
  if (!*text) return Status::Ok();
  Result<std::optional<std::string>> after = RemoveBlock(**text);
  if (!after.ok()) return after.error().InFile(path);
  if (!*after) return Status::Ok();
  if ((*after)->empty()) {
    report.changes.push_back("delete " + path + " (it held only the clef-git block)");
    std::error_code ec;
    if (!dry_run && !fs::remove(path, ec)) {
      Error e = MakeError("cannot delete: " + ec.message(), path);
      e.hint = "delete it by hand";
      return e;
    }
    return Status::Ok();
  }
  report.changes.push_back("remove the clef-git block from " + path);
  return dry_run ? Status::Ok() : WriteFileAtomically(path, **after);
}


Result<InstallReport> InstallPass(const RepoContext& repo, const ToolLocator& tools,
                                  const InstallOptions& options) {
  InstallReport report;
  ToolPath merge = tools.Find(kMergeDriverTool);
  ToolPath filter = tools.Find(kFilterTool);
  ToolPath lint = tools.Find(kLintTool);
  for (const ToolPath* t : {&merge, &filter, &lint}) {
    if (!t->found) {
      report.warnings.push_back(t->path + " was not found; git will fail to run it until it is "
                                "installed there (then run clef doctor)");
    }
  }
  if (Status s = InstallAttributes(repo, options.dry_run, report); !s.ok()) return s.error();
  if (Status s = ApplyConfig(repo.worktree_root, options.scope,
                             WantedConfig(merge.path, filter.path), options.dry_run,
                             report.changes);
      !s.ok()) {
    return s.error();
  }
  if (Status s = InstallHook(repo, lint.path, options.dry_run, report.changes); !s.ok()) {
    return s.error();
  }
  return report;
}

Result<InstallReport> UninstallPass(const RepoContext& repo, const InstallOptions& options) {
  InstallReport report;
  if (Status s = UninstallHook(repo, options.dry_run, report.changes); !s.ok()) return s.error();
  if (Status s = RemoveConfig(repo.worktree_root, options.scope, options.dry_run, report.changes);
      !s.ok()) {
    return s.error();
  }
  if (Status s = UninstallAttributes(repo, options.dry_run, report); !s.ok()) return s.error();
  if (!options.dry_run && options.scope == ConfigScope::kGlobal) RemoveEmptyGlobalConfig();
  return report;
}

}  // namespace

// Each runs a dry pass first, so a problem found in a later step (a hook that cannot be
// chained, an unterminated block) stops everything before the first write.
Result<InstallReport> Install(const RepoContext& repo, const ToolLocator& tools,
                              const InstallOptions& options) {
  InstallOptions dry = options;
  dry.dry_run = true;
  Result<InstallReport> plan = InstallPass(repo, tools, dry);
  if (!plan.ok() || options.dry_run) return plan;
  return InstallPass(repo, tools, options);
}

Result<InstallReport> Uninstall(const RepoContext& repo, const InstallOptions& options) {
  InstallOptions dry = options;
  dry.dry_run = true;
  Result<InstallReport> plan = UninstallPass(repo, dry);
  if (!plan.ok() || options.dry_run) return plan;
  return UninstallPass(repo, options);
}

}  // namespace clef::install

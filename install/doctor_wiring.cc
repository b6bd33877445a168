// clef doctor: the git wiring checks (.gitattributes, git config, pre-commit hook).
#include <algorithm>
#include <filesystem>

#include "core/git/git_cli.h"
#include "core/manifest/manifest.h"
#include "core/manifest/repo_files.h"
#include "core/manifest/repo_kind.h"
#include "core/util/atomic_file.h"
#include "install/doctor.h"
#include "install/git_config_entries.h"
#include "install/installer.h"
#include "install/marked_block.h"
#include "install/precommit_hook.h"

namespace fs = std::filesystem;

namespace clef::install {
namespace {

constexpr const char* kFixInstall = "clef install";
constexpr const char* kPreCommitFrameworkId = "138fd403232d2ddd5efb44317e38bf03";

void Add(std::vector<DoctorCheck>& out, const char* section, std::string subject,
         CheckStatus status, std::string detail, std::string fix = {}) {
  out.push_back({section, std::move(subject), status, std::move(detail), std::move(fix)});
}

// Encrypted paths to ask `git check-attr` about: tracked sops-named files and the manifest's
// cells (at most a few dozen), or an example name when the repository has none yet.
std::vector<std::string> SamplePaths(const RepoContext& repo) {
  std::vector<std::string> paths;
  Result<git::GitOutput> ls = git::RunGit({"ls-files", "-z"}, repo.worktree_root);
  if (ls.ok() && ls->exit_code == 0) {
    size_t start = 0;
    const std::string& text = ls->stdout_text;
    while (start < text.size() && paths.size() < 32) {
      size_t end = text.find('\0', start);
      if (end == std::string::npos) end = text.size();
      std::string path = text.substr(start, end - start);
      if (manifest::HasSopsFileName(path)) paths.push_back(path);
      start = end + 1;
    }
  }
  manifest::WorkingTreeFiles files(repo.worktree_root);
  if (files.Exists(manifest::kManifestFileName)) {
    Result<manifest::Manifest> m = manifest::LoadManifest(files);
    if (m.ok()) {
      for (const manifest::Namespace& ns : m->namespaces) {
        for (const manifest::Environment& env : m->environments) {
          std::string cell = manifest::CellPath(m->file_pattern, ns.name, env.name);
          if (std::find(paths.begin(), paths.end(), cell) == paths.end() && paths.size() < 48) {
            paths.push_back(cell);
          }
        }
      }
    }
  }
  if (paths.empty()) paths.push_back("example.enc.yaml");
  return paths;
}

struct AttributeValue {
  std::string path, attribute, value;
};

std::vector<AttributeValue> CheckAttr(const RepoContext& repo, const std::vector<std::string>& paths) {
  std::vector<std::string> args = {"check-attr", "-z", "merge", "diff", "filter", "--"};
  args.insert(args.end(), paths.begin(), paths.end());
  Result<git::GitOutput> out = git::RunGit(args, repo.worktree_root);
  std::vector<AttributeValue> values;
  if (!out.ok() || out->exit_code != 0) return values;
  std::vector<std::string> fields;
  const std::string& text = out->stdout_text;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\0', start);
    if (end == std::string::npos) end = text.size();
    fields.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  for (size_t i = 0; i + 2 < fields.size(); i += 3) {
    values.push_back({fields[i], fields[i + 1], fields[i + 2]});
  }
  return values;
}

bool CheckAttributes(const RepoContext& repo, std::vector<DoctorCheck>& out) {
  std::string path = (fs::path(repo.worktree_root) / ".gitattributes").string();
  Result<std::optional<std::string>> text = ReadFileIfExists(path);
  std::optional<std::string> block;
  if (text.ok() && *text) block = FindBlock(**text);
  if (!block) {
    Add(out, "attributes", ".gitattributes", CheckStatus::kProblem,
        "no clef-git block: encrypted files get git's line merge and ciphertext diffs", kFixInstall);
  } else {
    int lines = static_cast<int>(std::count(block->begin(), block->end(), '\n')) - 2;
    Add(out, "attributes", ".gitattributes", CheckStatus::kOk,
        "clef-git block routes " + std::to_string(lines) + " patterns to clef-sops");
  }
  bool routed = block.has_value();
  std::vector<AttributeValue> values = CheckAttr(repo, SamplePaths(repo));
  int overridden = 0;
  for (const AttributeValue& v : values) {
    if (v.value == kDriverName) {
      routed = true;
      continue;
    }
    if (!block) continue;
    if (++overridden > 5) continue;  // a few examples are enough
    Add(out, "attributes", v.path, CheckStatus::kProblem,
        v.attribute + " is '" + v.value + "', not clef-sops: a .gitattributes line (after the "
        "clef-git block, or in a sub-folder) overrides it",
        "see `git check-attr -a " + v.path + "`; delete that line or re-run clef install to move "
        "the block last");
  }
  return routed;
}

void CheckCommand(const RepoContext& repo, const ToolLocator& tools, const std::string& key,
                  const std::string& tool, const std::string& without, std::vector<DoctorCheck>& out) {
  std::string value = EffectiveConfig(repo.worktree_root, key);
  if (value.empty()) {
    Add(out, "config", key, CheckStatus::kProblem,
        "not set, but .gitattributes routes files to clef-sops: " + without, kFixInstall);
    return;
  }
  std::string program = CommandProgram(value);
  std::string resolved = program.find('/') == std::string::npos
                             ? FindOnPath(program, std::getenv("PATH") ? std::getenv("PATH") : "")
                             : program;
  if (resolved.empty() || !IsExecutableFile(resolved)) {
    Add(out, "config", key, CheckStatus::kProblem,
        "runs " + program + ", which is not there (moved or uninstalled?): " + without,
        std::string(kFixInstall) + " (writes the paths of the tools beside this clef)");
    return;
  }
  ToolPath expected = tools.Find(tool);
  if (expected.found && fs::path(resolved).lexically_normal() != fs::path(expected.path)) {
    Add(out, "config", key, CheckStatus::kNote,
        "runs " + resolved + "; this clef's own copy is " + expected.path,
        std::string(kFixInstall) + " (to switch to this copy)");
    return;
  }
  Add(out, "config", key, CheckStatus::kOk, value);
}

void CheckConfig(const RepoContext& repo, const ToolLocator& tools, std::vector<DoctorCheck>& out) {
  std::string d = kDriverName;
  CheckCommand(repo, tools, "merge." + d + ".driver", kMergeDriverTool,
               "git silently falls back to a line merge of ciphertext", out);
  CheckCommand(repo, tools, "diff." + d + ".textconv", kFilterTool,
               "git diff and git log -p show ciphertext", out);
  CheckCommand(repo, tools, "filter." + d + ".process", kFilterTool,
               "nothing stops plaintext from being staged", out);
  for (const char* single : {"clean", "smudge"}) {
    std::string key = "filter." + d + "." + single;
    if (!EffectiveConfig(repo.worktree_root, key).empty()) {
      CheckCommand(repo, tools, key, kFilterTool, "older gits run it instead of the process filter", out);
    }
  }
  if (EffectiveConfig(repo.worktree_root, "filter." + d + ".required") != "true") {
    Add(out, "config", "filter." + d + ".required", CheckStatus::kProblem,
        "not true: when clef-filter cannot run, git silently stages the file unfiltered",
        "git config filter." + d + ".required true");
  }
  if (EffectiveConfig(repo.worktree_root, "diff." + d + ".cachetextconv") == "true") {
    Add(out, "config", "diff." + d + ".cachetextconv", CheckStatus::kProblem,
        "true: git would keep textconv output in refs/notes/textconv/" + d,
        "git config --unset diff." + d + ".cachetextconv && git update-ref -d refs/notes/textconv/" + d);
  }
}

bool PreCommitFrameworkRunsClef(const RepoContext& repo) {
  Result<std::optional<std::string>> config =
      ReadFileIfExists((fs::path(repo.worktree_root) / ".pre-commit-config.yaml").string());
  if (!config.ok() || !*config) return false;
  return (*config)->find("clef-lint") != std::string::npos ||
         (*config)->find("clef-scan") != std::string::npos;
}

void CheckHook(const RepoContext& repo, std::vector<DoctorCheck>& out) {
  HookState hook = InspectHook(repo);
  if (!hook.exists) {
    Add(out, "hook", hook.path, CheckStatus::kProblem,
        "no pre-commit hook: nothing checks the staged files before a commit", kFixInstall);
    return;
  }
  if (!hook.ours) {
    Result<std::optional<std::string>> text = ReadFileIfExists(hook.path);
    bool framework = text.ok() && *text && (*text)->find(kPreCommitFrameworkId) != std::string::npos;
    if (framework && PreCommitFrameworkRunsClef(repo)) {
      Add(out, "hook", hook.path, CheckStatus::kOk,
          "the pre-commit framework's hook runs clef's hooks from .pre-commit-config.yaml");
      return;
    }
    Add(out, "hook", hook.path, CheckStatus::kProblem,
        repo.husky ? "husky's pre-commit does not run clef-lint"
                   : "this hook is not clef's and does not run clef-lint --staged",
        std::string(kFixInstall) + (repo.husky ? "" : " (keeps this hook and runs it first)"));
    return;
  }
  if (!hook.executable) {
    Add(out, "hook", hook.path, CheckStatus::kProblem,
        "clef's hook is not executable, so git skips it", "chmod +x " + hook.path);
    return;
  }
  std::string lint = hook.lint_path.find('/') == std::string::npos
                         ? FindOnPath(hook.lint_path, std::getenv("PATH") ? std::getenv("PATH") : "")
                         : hook.lint_path;
  if (lint.empty() || !IsExecutableFile(lint)) {
    Add(out, "hook", hook.path, CheckStatus::kProblem,
        "the hook runs " + hook.lint_path + ", which is not there, so every commit fails",
        repo.husky ? "put the clef tools on PATH (install the clef-git package)"
                   : std::string(kFixInstall) + " (writes the path of the clef-lint beside this clef)");
    return;
  }
  Add(out, "hook", hook.path, CheckStatus::kOk,
      "runs " + lint + " --staged" +
          (hook.chains_previous ? std::string(", after the previous hook ") + kChainedHookName : ""));
}

}  // namespace

void CheckWiring(const RepoContext& repo, const ToolLocator& tools, std::vector<DoctorCheck>& out) {
  bool routed = CheckAttributes(repo, out);
  Result<std::vector<ConfigEntry>> local = ReadClefConfig(repo.worktree_root, ConfigScope::kLocal);
  Result<std::vector<ConfigEntry>> global = ReadClefConfig(repo.worktree_root, ConfigScope::kGlobal);
  bool configured = (local.ok() && !local->empty()) || (global.ok() && !global->empty());
  if (routed || configured) {
    CheckConfig(repo, tools, out);
  } else {
    Add(out, "config", "clef-sops", CheckStatus::kProblem, "no clef-sops git config", kFixInstall);
  }
  CheckHook(repo, out);
}

}  // namespace clef::install

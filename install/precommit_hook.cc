#include "install/precommit_hook.h"

#include <sys/stat.h>

#include <filesystem>

#include "core/util/atomic_file.h"
#include "install/git_config_entries.h"
#include "install/marked_block.h"
#include "install/tool_locator.h"

namespace fs = std::filesystem;

namespace clef::install {
namespace {

constexpr const char* kCreatedDirMarker = "# clef-git: clef install created this hooks folder";
constexpr const char* kLintAssignment = "clef_lint=";
constexpr const char* kHuskyCommand = "clef-lint --staged\n";

std::string HookPath(const RepoContext& repo) { return (fs::path(repo.hooks_dir) / "pre-commit").string(); }
std::string ChainedPath(const RepoContext& repo) {
  return (fs::path(repo.hooks_dir) / kChainedHookName).string();
}

Status Fail(const std::string& what, const std::string& path, const std::string& hint) {
  Error e = MakeError(what, path);
  e.hint = hint;
  return e;
}

Status WriteExecutable(const std::string& path, const std::string& text) {
  if (Status s = WriteFileAtomically(path, text); !s.ok()) return s;
  if (chmod(path.c_str(), 0755) != 0) {
    return Fail("cannot make the hook executable", path, "check the folder's permissions");
  }
  return Status::Ok();
}

// The value of `clef_lint='...'` in clef's hook.
std::string LintPathIn(const std::string& hook) {
  size_t at = hook.find(std::string("\n") + kLintAssignment);
  if (at == std::string::npos) return {};
  size_t start = at + 1 + std::string(kLintAssignment).size();
  size_t end = hook.find('\n', start);
  return CommandProgram(hook.substr(start, end - start));
}

Status InstallHuskyBlock(const RepoContext& repo, bool dry_run, std::vector<std::string>& changes) {
  std::string path = HookPath(repo);
  Result<std::optional<std::string>> text = ReadFileIfExists(path);
  if (!text.ok()) return text.error();
  std::string before = text->value_or("");
  Result<std::string> after = InsertBlock(before, RenderMarkedBlock(kHuskyCommand));
  if (!after.ok()) return after.error().InFile(path);
  if (*text && *after == before) return Status::Ok();
  changes.push_back((*text ? "add clef-lint to husky's " : "create husky's ") + path);
  if (dry_run) return Status::Ok();
  return *text ? WriteFileAtomically(path, *after) : WriteExecutable(path, *after);
}

Status UninstallHuskyBlock(const RepoContext& repo, bool dry_run,
                           std::vector<std::string>& changes) {
  std::string path = HookPath(repo);
  Result<std::optional<std::string>> text = ReadFileIfExists(path);
  if (!text.ok()) return text.error();
  if (!*text) return Status::Ok();
  Result<std::optional<std::string>> after = RemoveBlock(**text);
  if (!after.ok()) return after.error().InFile(path);
  if (!*after) return Status::Ok();
  if ((*after)->empty()) {
    changes.push_back("delete " + path + " (it held only clef's block)");
    if (!dry_run && !fs::remove(path)) return Fail("cannot delete", path, "delete it by hand");
    return Status::Ok();
  }
  changes.push_back("remove clef's block from " + path);
  return dry_run ? Status::Ok() : WriteFileAtomically(path, **after);
}

}  // namespace

std::string RenderHook(const std::string& lint_path, bool created_hooks_dir) {
  std::string hook = "#!/bin/sh\n";
  hook += std::string(kHookMarker) +
          ": installed by `clef install`; `clef install --uninstall` removes it and puts\n"
          "# back the hook it replaced. Runs that hook first, then clef-lint on the staged files.\n";
  if (created_hooks_dir) hook += std::string(kCreatedDirMarker) + "\n";
  hook += std::string(kLintAssignment) + ShellQuote(lint_path) + "\n";
  hook +=
      "previous=\"$(dirname -- \"$0\")/" + std::string(kChainedHookName) + "\"\n"
      "if [ -x \"$previous\" ]; then\n"
      "  \"$previous\" \"$@\" || exit $?\n"
      "fi\n"
      "if [ ! -x \"$clef_lint\" ]; then\n"
      "  echo \"clef-git: $clef_lint is missing; run 'clef install' again ('clef doctor' explains)\" >&2\n"
      "  exit 1\n"
      "fi\n"
      "exec \"$clef_lint\" --staged\n";
  return hook;
}

HookState InspectHook(const RepoContext& repo) {
  HookState state;
  state.path = HookPath(repo);
  Result<std::optional<std::string>> text = ReadFileIfExists(state.path);
  if (!text.ok() || !*text) return state;
  state.exists = true;
  state.executable = IsExecutableFile(state.path);
  if (repo.husky) {
    state.ours = FindBlock(**text).has_value();
    state.executable = true;  // husky runs the file with sh
    state.lint_path = "clef-lint";
    return state;
  }
  state.ours = (*text)->find(kHookMarker) != std::string::npos;
  if (state.ours) {
    state.lint_path = LintPathIn(**text);
    state.chains_previous = fs::exists(ChainedPath(repo));
  }
  return state;
}

Status InstallHook(const RepoContext& repo, const std::string& lint_path, bool dry_run,
                   std::vector<std::string>& changes) {
  if (repo.husky) return InstallHuskyBlock(repo, dry_run, changes);
  std::string path = HookPath(repo);
  std::string chained = ChainedPath(repo);
  std::error_code ec;
  bool dir_exists = fs::is_directory(repo.hooks_dir, ec);
  Result<std::optional<std::string>> text =
      dir_exists ? ReadFileIfExists(path) : Result<std::optional<std::string>>(std::nullopt);
  if (!text.ok()) return text.error();

  if (*text && (*text)->find(kHookMarker) != std::string::npos) {
    bool created_dir = (*text)->find(kCreatedDirMarker) != std::string::npos;
    std::string wanted = RenderHook(lint_path, created_dir);
    if (**text == wanted && IsExecutableFile(path)) return Status::Ok();
    changes.push_back("update clef's pre-commit hook " + path);
    return dry_run ? Status::Ok() : WriteExecutable(path, wanted);
  }
  if (*text) {
    if (fs::exists(chained, ec)) {
      return Fail("both a foreign pre-commit hook and " + std::string(kChainedHookName) +
                      " exist; clef install will not overwrite either",
                  path, "merge them into one hook by hand, then re-run clef install");
    }
    changes.push_back("move the existing pre-commit hook to " + chained + " (clef's hook runs it first)");
    if (!dry_run) {
      fs::rename(path, chained, ec);
      if (ec) return Fail("cannot rename the existing hook: " + ec.message(), path, "check permissions");
    }
  }
  if (!dir_exists) {
    changes.push_back("create the hooks folder " + repo.hooks_dir);
    if (!dry_run) {
      fs::create_directories(repo.hooks_dir, ec);
      if (ec) return Fail("cannot create the hooks folder: " + ec.message(), repo.hooks_dir, "check permissions");
    }
  }
  changes.push_back("install clef's pre-commit hook " + path + " (runs " + lint_path + " --staged)");
  return dry_run ? Status::Ok() : WriteExecutable(path, RenderHook(lint_path, !dir_exists));
}

Status UninstallHook(const RepoContext& repo, bool dry_run, std::vector<std::string>& changes) {
  if (repo.husky) return UninstallHuskyBlock(repo, dry_run, changes);
  std::string path = HookPath(repo);
  Result<std::optional<std::string>> text = ReadFileIfExists(path);
  if (!text.ok()) return text.error();
  if (!*text || (*text)->find(kHookMarker) == std::string::npos) return Status::Ok();
  std::error_code ec;
  changes.push_back("delete clef's pre-commit hook " + path);
  if (!dry_run && !fs::remove(path, ec)) return Fail("cannot delete the hook", path, "delete it by hand");
  std::string chained = ChainedPath(repo);
  if (fs::exists(chained, ec)) {
    changes.push_back("put back the previous hook " + chained + " as " + path);
    if (!dry_run) {
      fs::rename(chained, path, ec);
      if (ec) return Fail("cannot restore the previous hook: " + ec.message(), chained, "rename it to pre-commit by hand");
    }
  } else if ((*text)->find(kCreatedDirMarker) != std::string::npos) {
    bool empty_after = true;  // once clef's hook is gone (in a dry run it is still there)
    for (fs::directory_iterator it(repo.hooks_dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().filename() != "pre-commit") empty_after = false;
    }
    if (!ec && empty_after) {
      changes.push_back("delete the hooks folder " + repo.hooks_dir + " that install created");
      if (!dry_run) fs::remove(repo.hooks_dir, ec);
    }
  }
  return Status::Ok();
}

}  // namespace clef::install

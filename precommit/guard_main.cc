// clef-guard: what changed in who can decrypt what between two revisions, and whether that is
// allowed; `clef guard codeowners` checks or writes CODEOWNERS coverage.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "core/git/git_cli.h"
#include "core/git/handles.h"
#include "core/git/repository.h"
#include "core/manifest/repo_files.h"
#include "core/util/atomic_file.h"
#include "core/util/cli_main.h"
#include "precommit/codeowners_coverage.h"
#include "precommit/guard_engine.h"
#include "precommit/guard_output.h"

namespace {

using clef::kExitError;
using clef::kExitNegative;
using clef::kExitOk;

// The merge base of HEAD with the upstream default branch, as a pull request would use.
clef::Result<std::string> DefaultBase(const std::string& workdir) {
  std::vector<std::string> candidates;
  auto head = clef::git::RunGit({"symbolic-ref", "-q", "refs/remotes/origin/HEAD"}, workdir);
  if (head.ok() && head->exit_code == 0) {
    std::string ref = head->stdout_text;
    while (!ref.empty() && (ref.back() == '\n' || ref.back() == '\r')) ref.pop_back();
    candidates.push_back(ref);
  }
  for (const char* c : {"refs/remotes/origin/main", "refs/remotes/origin/master",
                        "refs/heads/main", "refs/heads/master"})
    candidates.push_back(c);
  for (const auto& ref : candidates) {
    auto mb = clef::git::RunGit({"merge-base", "HEAD", ref}, workdir);
    if (mb.ok() && mb->exit_code == 0) {
      std::string id = mb->stdout_text;
      while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
      return id;
    }
  }
  return clef::MakeError(
      "cannot find the upstream default branch to compare with",
      "", 0, 0);
}

int RunGuard(const std::string& base_arg, const std::string& head, const std::string& format) {
  clef::git::LibGit2 libgit2;
  auto repo = clef::git::OpenRepository(".");
  if (!repo.ok()) {
    std::cerr << "clef guard: " << repo.error().Describe() << "\n";
    return kExitError;
  }
  std::string base = base_arg;
  if (base.empty()) {
    auto found = DefaultBase(clef::git::WorkDir(repo->get()).empty()
                                 ? std::string(".")
                                 : clef::git::WorkDir(repo->get()));
    if (!found.ok()) {
      std::cerr << "clef guard: " << found.error().message
                << " (pass --base REV, e.g. --base origin/main)\n";
      return kExitError;
    }
    base = *found;
  }
  // Local identities, when there are any, confirm rotations by comparing data keys; the guard
  // works without them (fork pull requests have none).
  auto identities = clef::sops::IdentitySet::FromEnvironment();
  if (!identities.ok()) {
    std::cerr << "clef guard: note: local identities not used: " << identities.error().Describe()
              << "\n";
  }
  const clef::sops::IdentitySet* ids = identities.ok() ? &*identities : nullptr;
  auto before = clef::guard::LoadSnapshot(repo->get(), base, nullptr, ids);
  if (!before.ok()) {
    std::cerr << "clef guard: base: " << before.error().Describe() << "\n";
    return kExitError;
  }
  auto paths = clef::guard::PathsToCompare(repo->get(), base, head);
  if (!paths.ok()) {
    std::cerr << "clef guard: " << paths.error().Describe() << "\n";
    return kExitError;
  }
  const std::set<std::string>* only = *paths ? &**paths : nullptr;
  if (only != nullptr) {
    before = clef::guard::LoadSnapshot(repo->get(), base, only, ids);
    if (!before.ok()) {
      std::cerr << "clef guard: base: " << before.error().Describe() << "\n";
      return kExitError;
    }
  }
  auto after = clef::guard::LoadSnapshot(repo->get(), head, only, ids);
  if (!after.ok()) {
    std::cerr << "clef guard: head: " << after.error().Describe() << "\n";
    return kExitError;
  }
  before->revision = base;
  after->revision = head;
  clef::guard::GuardReport report = clef::guard::CompareSnapshots(*before, *after);
  if (format == "json") {
    std::cout << clef::guard::RenderJson(report);
  } else if (format == "markdown") {
    std::cout << clef::guard::RenderMarkdown(report);
  } else {
    bool color = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
    std::cout << clef::guard::RenderText(report, color);
  }
  if (report.undecidable()) return kExitError;
  return report.blocked() ? kExitNegative : kExitOk;
}

int RunCodeowners(bool write, const std::vector<std::string>& owners) {
  clef::git::LibGit2 libgit2;
  auto repo = clef::git::OpenRepository(".");
  if (!repo.ok()) {
    std::cerr << "clef guard codeowners: " << repo.error().Describe() << "\n";
    return kExitError;
  }
  std::string root = clef::git::WorkDir(repo->get());
  if (root.empty()) {
    std::cerr << "clef guard codeowners: needs a working tree (this repository is bare)\n";
    return kExitError;
  }
  clef::manifest::WorkingTreeFiles files(root);
  auto coverage = clef::guard::CheckCodeownersCoverage(files, owners);
  if (!coverage.ok()) {
    std::cerr << "clef guard codeowners: " << coverage.error().Describe() << "\n";
    return kExitError;
  }
  if (!write) {
    for (const auto& gap : coverage->gaps)
      std::cout << coverage->codeowners_path << ": no owner covers " << gap.path << "\n";
    if (coverage->gaps.empty()) {
      std::cout << "clef guard codeowners: every secrets configuration path has owners\n";
      return kExitOk;
    }
    std::cout << "run `clef guard codeowners --write --owner @your-team` to add them\n";
    return kExitNegative;
  }
  auto current = files.Read(coverage->codeowners_path);
  if (!current.ok()) {
    std::cerr << "clef guard codeowners: " << current.error().Describe() << "\n";
    return kExitError;
  }
  auto text = clef::guard::AppendOwnership(current->value_or(""), *coverage);
  if (!text.ok()) {
    std::cerr << "clef guard codeowners: " << text.error().Describe() << "\n";
    return kExitError;
  }
  if (coverage->gaps.empty()) {
    std::cout << "clef guard codeowners: nothing to add\n";
    return kExitOk;
  }
  auto written = clef::WriteFileAtomically(root + "/" + coverage->codeowners_path, *text);
  if (!written.ok()) {
    std::cerr << "clef guard codeowners: " << written.error().Describe() << "\n";
    return kExitError;
  }
  for (const auto& gap : coverage->gaps)
    std::cout << coverage->codeowners_path << ": added owners for " << gap.path << "\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"clef guard: who gains or loses access to secrets between two revisions"};
  app.set_version_flag("--version", std::string("clef-guard ") + CLEF_VERSION);
  std::string base, head = "HEAD", format = "text";
  app.add_option("--base", base,
                 "base revision (default: merge base of HEAD with the upstream default branch)");
  app.add_option("--head", head, "head revision")->capture_default_str();
  app.add_option("--format", format, "text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  CLI::App* co = app.add_subcommand("codeowners", "check or write CODEOWNERS coverage");
  bool check = false, write = false;
  std::vector<std::string> owners;
  auto* check_opt = co->add_flag("--check", check, "report paths without owners (exit 1)");
  co->add_flag("--write", write, "append owners for uncovered paths")->excludes(check_opt);
  co->add_option("--owner", owners, "owner for clef.yaml, .sops.yaml and cells without owners");
  return clef::RunTool(app, argc, argv, "clef guard: internal error", [&] {
    if (co->parsed()) return RunCodeowners(write, owners);
    return RunGuard(base, head, format);
  });
}

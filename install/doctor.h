// `clef doctor`: is clef-git wired into this repository, and will it work on this machine?
//
// Each check is a DoctorCheck: ok, a problem (with the command that fixes it), or a note.
// Problems are what makes git misbehave silently or fail:
//   * the clef-git block missing from .gitattributes, or a later line overriding it;
//   * attributes routing files to clef-sops without the matching git config (git then falls
//     back to a text merge of ciphertext, and shows ciphertext in diffs, silently);
//   * config pointing to a tool that is not there any more (moved or uninstalled);
//   * diff.clef-sops.cachetextconv set (the cache would keep plaintext in git notes);
//   * no pre-commit hook, a hook that is not clef's, or clef's hook not executable or running
//     a clef-lint that is gone;
//   * a clef tool that git config needs missing beside this one.
// Notes, never problems: tool versions (clef tools, git, sops, age, gpg) and, per environment
// (or .sops.yaml rule), whether a local identity matches one of its recipients (developers
// rarely hold every environment's key).
//
// healthy() is true when there is no problem; clef-doctor exits 0 then, 1 otherwise.
#pragma once

#include <string>
#include <vector>

#include "install/repo_context.h"
#include "install/tool_locator.h"

namespace clef::install {

enum class CheckStatus { kOk, kProblem, kNote };

struct DoctorCheck {
  std::string section;  // "tools", "attributes", "config", "hook", "identities"
  std::string subject;  // what was checked ("merge.clef-sops.driver", "clef-lint", ...)
  CheckStatus status = CheckStatus::kOk;
  std::string detail;   // what was found
  std::string fix;      // the command (or action) that fixes a problem; empty otherwise
};

struct DoctorReport {
  std::string repository;
  std::vector<DoctorCheck> checks;
  bool healthy() const;
  int problems() const;
};

DoctorReport RunDoctor(const RepoContext& repo, const ToolLocator& tools);

// The parts, for tests and for reuse.
void CheckTools(const ToolLocator& tools, std::vector<DoctorCheck>& out);
void CheckWiring(const RepoContext& repo, const ToolLocator& tools, std::vector<DoctorCheck>& out);
void CheckIdentities(const RepoContext& repo, std::vector<DoctorCheck>& out);

// Human report (what `clef doctor` prints) and the `--format json` one.
std::string RenderDoctorText(const DoctorReport& report);
std::string RenderDoctorJson(const DoctorReport& report);

}  // namespace clef::install

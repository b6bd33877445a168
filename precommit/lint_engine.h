// clef lint: the pre-commit and CI checks of a Clef or plain SOPS repository.
//
// Contract:
//   * Working-tree mode reads the repository through WorkingTreeFiles; staged mode reads EVERY
//     file (clef.yaml, .sops.yaml, the secrets, the plaintext files) from the index git is about
//     to commit (GIT_INDEX_FILE honoured), never from the working tree.
//   * Staged mode checks the staged (added/modified) files, plus matrix completeness and
//     manifest/.sops.yaml validity of the whole index.
//   * A Problem names a check id, a severity, the file, the line (0 when unknown), the key path
//     where there is one, a message and the fix. Never a secret value: scanner matches are
//     redacted the way clef scan redacts them.
//   * Checks: manifest/.sops.yaml validity, matrix cells, sops structure and encryption
//     rules, MAC presence, recipients against declarations, key drift, namespace schemas
//     (required/undeclared keys; types and patterns with --verify), pending placeholders,
//     rotation records against .clef/policy.yaml, sidecar consistency, .gitattributes routing,
//     the secret scanner on plaintext files; with --verify, MACs and values.
//   * Error (could not run): no git repository in staged mode, the index cannot be read.
//     A repository with neither clef.yaml nor .sops.yaml nor *.enc.* files is not an error:
//     LintReport::kind is kNone and `note` says so.
//
//   LintOptions opt; opt.staged = true;
//   Result<LintReport> r = RunLint(opt);
//   return r->HasErrors() ? kExitNegative : kExitOk;
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/manifest/repo_kind.h"
#include "core/result.h"

namespace clef::lint {

enum class Severity { kError, kWarning, kInfo };
const char* SeverityName(Severity s);  // "error", "warning", "info"

struct Problem {
  std::string check;  // e.g. "matrix.missing-cell"
  Severity severity = Severity::kError;
  std::string path;  // repository-relative
  int line = 0;      // 1-based, 0 when unknown
  std::string key_path;
  std::string message;
  std::string fix;
};

struct LintOptions {
  bool staged = false;
  std::string start_dir = ".";
  bool scan_plaintext = true;  // run clef scan's detector on plaintext files
  // --verify: open every checked sops file with the local identities (core/keys places) to
  // verify its MAC and check its values against the namespace schema. A file no local
  // identity opens is a warning (sops.unverified), a MAC or value that fails is an error.
  bool verify = false;
  int64_t now = 0;  // seconds since the epoch for rotation checks; 0 = the system clock
};

struct LintReport {
  manifest::RepoKind kind = manifest::RepoKind::kNone;
  std::string note;  // e.g. "no clef.yaml, .sops.yaml or *.enc.* file: nothing to lint"
  int files_checked = 0;
  int files_verified = 0;         // --verify: files whose MAC was verified
  std::vector<Problem> problems;  // sorted by path, line, check
  bool HasErrors() const;
};

Result<LintReport> RunLint(const LintOptions& options);

}  // namespace clef::lint

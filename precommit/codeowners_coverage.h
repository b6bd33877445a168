// `clef guard codeowners`: which secrets-configuration paths CODEOWNERS must cover, whether it
// does, and the lines that make it so.
//
// Paths that need owners: clef.yaml and .sops.yaml when present, and every cell of a protected
// environment. Owners come from the cell's namespace `owners` in clef.yaml, else the fallback
// given with --owner. Writing appends one marked block to the existing CODEOWNERS file (or
// creates .github/CODEOWNERS) and leaves every other line untouched.
#pragma once

#include <string>
#include <vector>

#include "core/manifest/repo_files.h"
#include "core/result.h"

namespace clef::guard {

struct OwnershipGap {
  std::string path;                 // repository-relative
  std::vector<std::string> owners;  // what --write would assign; empty when none is known
};

struct CoverageResult {
  std::string codeowners_path;  // existing file, or ".github/CODEOWNERS" when there is none
  bool exists = false;
  std::vector<OwnershipGap> gaps;
};

Result<CoverageResult> CheckCodeownersCoverage(const manifest::RepoFiles& files,
                                               const std::vector<std::string>& fallback_owners);

// The new CODEOWNERS text: `current` with a block for every gap appended. Error when a gap
// has no owner (name one with --owner).
Result<std::string> AppendOwnership(const std::string& current, const CoverageResult& coverage);

}  // namespace clef::guard

// .clef/policy.yaml (clef-behaviour.md §7.2): the rotation policy — how many days a secret
// value may stay unchanged, globally and per environment.
//
// Contract:
//   * A missing file gives Clef's default policy (version 1, 90 days), `from_file == false`.
//   * Validation follows Clef's PolicyParser with its messages; errors carry the file, line and
//     the fix "Check the '<field>' field in .clef/policy.yaml". Unknown keys are ignored;
//     environment names are not checked against clef.yaml (as in Clef).
//   * Note Clef's own .clef/.gitignore (`*`) ignores this file unless it is force-added.
//
//   Result<Policy> policy = LoadPolicy(files);
//   double days = policy->MaxAgeDays("production");
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace clef::manifest {

class RepoFiles;

inline constexpr const char* kPolicyFileName = ".clef/policy.yaml";
inline constexpr double kDefaultMaxAgeDays = 90;

struct Policy {
  int version = 1;
  bool has_rotation = false;
  double max_age_days = kDefaultMaxAgeDays;
  std::map<std::string, double, std::less<>> environment_max_age_days;
  bool from_file = false;

  // The environment's override, else the global value, else 90.
  double MaxAgeDays(std::string_view environment) const;
};

Result<Policy> ParsePolicy(std::string_view text, const std::string& file = kPolicyFileName);
Result<Policy> LoadPolicy(const RepoFiles& files);

}  // namespace clef::manifest

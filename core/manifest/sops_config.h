// .sops.yaml: sops's creation rules, which decide the recipients (key groups) and the
// encryption rule a new file gets. Used for plain SOPS repos, and for Clef repos that also carry
// a .sops.yaml, to know which recipients a path is *declared* to have.
//
// Semantics (sops config/config.go):
//   * The FIRST rule whose path_regex matches wins; a rule without path_regex (or with an empty
//     one) matches every path. path_regex is a Go regexp, unanchored; RE2 has the same syntax.
//     Paths are matched relative to the folder of .sops.yaml (the repository root here).
//   * Keys: a rule's `key_groups` when non-empty, else its flat fields form one group. Flat
//     fields `age`, `pgp`, `kms`, `gcp_kms`, `azure_keyvault`, `hc_vault_transit_uri`, `hckms`
//     are comma-separated strings or lists of strings; a flat `kms` entry may be "arn+role".
//     Inside key_groups: age/pgp/hc_vault are string lists; kms {arn, role, context,
//     aws_profile}; gcp_kms {resource_id}; azure_keyvault {vaultUrl, key, version};
//     hckms {key_id}; `merge` nests groups whose keys join the enclosing group.
//   * At most one of the six encryption-rule fields per rule (sops refuses more).
//   * Unknown keys are ignored, as sops's YAML decoding does.
//
// Errors carry the file, the line and the fix. Plain value type; RuleFor is thread-safe.
//
//   Result<std::optional<SopsConfig>> cfg = LoadSopsConfig(files);
//   if (cfg.ok() && *cfg) {
//     if (const CreationRule* rule = (*cfg)->RuleFor("secrets/prod.enc.yaml")) {
//       for (const Recipient& r : rule->Recipients()) ...
//     }
//   }
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/manifest/recipient.h"
#include "core/result.h"

namespace re2 {
class RE2;
}

namespace clef::manifest {

class RepoFiles;

inline constexpr const char* kSopsConfigFileName = ".sops.yaml";

// The encryption-rule fields of a creation rule (at most one is non-empty).
struct EncryptionRuleFields {
  std::string unencrypted_suffix;
  std::string encrypted_suffix;
  std::string unencrypted_regex;
  std::string encrypted_regex;
  std::string unencrypted_comment_regex;
  std::string encrypted_comment_regex;

  bool empty() const;
  // "name: value" of the one set field, or "" when none.
  std::string Describe() const;
};

struct CreationRule {
  std::string path_regex;  // empty: matches everything
  std::vector<KeyGroup> key_groups;
  int shamir_threshold = 0;
  EncryptionRuleFields encryption;
  bool mac_only_encrypted = false;
  int index = 0;  // position in creation_rules, 0-based
  int line = 0;   // line of the rule in .sops.yaml

  bool Matches(std::string_view path) const;
  // Every distinct recipient of every key group.
  std::vector<Recipient> Recipients() const { return Flatten(key_groups); }

  std::shared_ptr<const re2::RE2> compiled;  // null when path_regex is empty
};

struct SopsConfig {
  std::vector<CreationRule> creation_rules;
  std::string file = kSopsConfigFileName;

  // The rule that governs `path` (repository-relative), or nullptr when none matches.
  const CreationRule* RuleFor(std::string_view path) const;
};

Result<SopsConfig> ParseSopsConfig(std::string_view text,
                                   const std::string& file = kSopsConfigFileName);

// Reads ".sops.yaml" at the root of `files`; std::nullopt when there is none.
Result<std::optional<SopsConfig>> LoadSopsConfig(const RepoFiles& files);

}  // namespace clef::manifest

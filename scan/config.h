// The repository's scanner configuration: `.clef/scan.yaml` (or `.clefscan.yaml`) at the root.
//
//   rules:                      # add a rule, or override fields of a built-in one (same id)
//     - id: acme-token
//       description: ACME internal API token
//       regex: 'acme_[a-z0-9]{32}'
//       keywords: [acme_]
//       secret_group: 0         # optional; default 1 (or the whole match when no group)
//       entropy: 3.0            # optional minimum
//       max_span: 512           # optional
//   disabled_rules: [jwt, generic-password]
//   allow:
//     paths: ["test/fixtures/**", "docs/"]    # .clefignore-style globs
//     secrets: ["^dev-only-"]                 # RE2 regexes matched against the secret
//   entropy_detector: false     # default true
//
// Contract: every error (YAML syntax, unknown field, wrong type, invalid regex, unknown rule
// to disable, new rule without regex or keywords) names the file and line, before any scan.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "scan/clefignore.h"
#include "scan/rule.h"
#include "scan/rule_set.h"

namespace clef::scan {

struct ScanConfig {
  std::vector<Rule> rules;                // built-ins with overrides applied, plus additions
  std::vector<bool> user_defined;         // parallel to rules: validate eagerly
  ClefIgnore allow_paths;
  std::vector<std::shared_ptr<re2::RE2>> allow_secrets;
  bool entropy_detector = true;
  std::string file;                       // the config file read, "" for none
};

// The built-in configuration merged with `text` (the contents of `file`).
Result<ScanConfig> ParseScanConfig(const std::string& text, const std::string& file);

// Loads `<root>/.clef/scan.yaml` or `<root>/.clefscan.yaml` (or `explicit_file` when given);
// the built-in configuration when there is none.
Result<ScanConfig> LoadScanConfig(const std::string& root, const std::string& explicit_file = {});

}  // namespace clef::scan

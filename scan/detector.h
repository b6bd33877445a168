// The detection engine for one buffer: keyword prefilter, rule regexes in windows around the
// keyword hits, secret extraction, entropy and checksum gates, placeholder/reference filters,
// inline suppression, and the entropy detector for secrets of unknown format.
//
// Pipeline (per buffer):
//   1. Aho-Corasick over the bytes (case-insensitive) finds every keyword occurrence.
//   2. Each hit opens a window for the rules that keyword selects: from the start of the line
//      (at most 256 bytes back) to the end of the line, or to `max_span` bytes for multi-line
//      formats (PEM). Overlapping windows of one rule are merged; a window lacking a literal every
//      match of the rule needs (RE2 FilteredRE2 atoms) is dropped; each rule's RE2 runs only on
//      the windows left.
//   3. Per match: the secret (capture group), then the gates: entropy minimum, checksum,
//      placeholders ("changeme", "<your-key>", AWS "...EXAMPLE"), known non-secrets (sops
//      ENC[...], age recipients, public keys, integrity hashes), references (${VAR}, env lookups,
//      calls) and, for bare values in source code, identifiers (`self.password`).
//   4. A line containing `clef-ignore` or `gitleaks:allow` yields nothing.
//   5. A match overlapping an earlier finding is dropped: specific rules come first.
//   6. Entropy detector: a value assigned to a name (`name = v`, `name: v`, `"name": "v"`) of
//      at least 24 base64-alphabet characters, entropy >= 4.5 bits and three character classes,
//      when the name is not an identifier-ish one (id, hash, integrity, ...). Off for lock
//      files and lines over 4 KiB (minified bundles).
//
// Thread-safety: a Detector is immutable; Scan may run concurrently on many threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scan/finding.h"
#include "scan/rule_set.h"

namespace clef::scan {

struct DetectorOptions {
  bool entropy_detector = true;
};

class Detector {
 public:
  Detector(const RuleSet& rules, DetectorOptions options) : rules_(rules), options_(options) {}

  // Findings in `content` (the bytes of `path`), ordered by position, with line, column and
  // fingerprint filled in. Binary content (a NUL byte in the first 8 KiB) yields nothing.
  std::vector<Finding> Scan(std::string_view content, const std::string& path) const;

 private:
  void RunRules(std::string_view content, const std::string& path, std::vector<Finding>& out) const;
  void RunEntropy(std::string_view content, const std::string& path,
                  std::vector<Finding>& out) const;

  const RuleSet& rules_;
  DetectorOptions options_;
};

// True when `content` looks binary (a NUL byte in its first 8 KiB).
bool LooksBinary(std::string_view content);

// Fills line/column/end_line of findings (sorted by offset) and their fingerprints.
void PlaceFindings(std::string_view content, std::vector<Finding>& findings);

// True when the line around `offset` carries an inline suppression comment.
bool LineSuppressed(std::string_view content, size_t offset);

}  // namespace clef::scan

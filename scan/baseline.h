// Baselines: findings people have accepted, so a scan reports only new ones.
//
// File format (JSON, stable, merge-friendly: sorted, no line numbers, no timestamps):
//   {"version": 1, "fingerprints": [{"fingerprint": "...", "rule_id": "...", "path": "..."}]}
// A finding is known when its fingerprint (rule id, path, hash of the secret: finding.h) is in
// the baseline, so line moves never resurface it and a changed secret always does.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "scan/finding.h"

namespace clef::scan {

class Baseline {
 public:
  static Result<Baseline> Load(const std::string& file);
  bool Contains(const std::string& fingerprint) const { return known_.count(fingerprint) > 0; }
  size_t size() const { return known_.size(); }

 private:
  std::set<std::string> known_;
};

// Writes the baseline of `findings` atomically (temp file in the same folder, then rename).
Status WriteBaseline(const std::string& file, const std::vector<Finding>& findings);

}  // namespace clef::scan

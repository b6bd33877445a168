// The rules a scan runs with, compiled: built-in rules, then the repository's additions and
// overrides (config.h), with disabled rules removed, and the keyword index over all of them.
//
// Contract: construction validates every regex of a user rule eagerly (an invalid user rule is
// an error before any scanning) but compiles built-in regexes lazily, on the first keyword hit,
// so a pre-commit scan of a few files pays only for the rules it needs. Immutable after
// construction apart from that lazy, thread-safe compilation: one RuleSet is shared by all
// scanning threads.
#pragma once

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "scan/keyword_index.h"
#include "scan/rule.h"

namespace clef::scan {

class RuleSet {
 public:
  // `rules` in priority order. Error names the rule id and what is wrong with it.
  static Result<std::unique_ptr<RuleSet>> Build(std::vector<Rule> rules,
                                                const std::vector<bool>& validate_now);

  size_t size() const { return rules_.size(); }
  const Rule& rule(size_t i) const { return rules_[i]; }
  const re2::RE2& regex(size_t i) const;  // compiles on first use
  // False when rule `i` cannot match anywhere in `window`: a literal every match must contain
  // (RE2's FilteredRE2 atoms, case-insensitive) is missing. Far cheaper than running the regex.
  bool MayMatch(size_t i, std::string_view window) const;
  const KeywordIndex& keywords() const { return *index_; }
  // Rules that keyword `k` selects.
  const std::vector<uint32_t>& rules_for_keyword(size_t k) const { return by_keyword_[k]; }

 private:
  RuleSet() = default;
  std::vector<Rule> rules_;
  mutable std::vector<std::unique_ptr<re2::RE2>> compiled_;
  mutable std::vector<std::unique_ptr<re2::FilteredRE2>> filters_;  // owns the regex when set
  mutable std::vector<std::vector<std::string>> atoms_;
  mutable std::unique_ptr<std::once_flag[]> once_;
  std::unique_ptr<KeywordIndex> index_;
  std::vector<std::vector<uint32_t>> by_keyword_;
};

// RE2 options every rule is compiled with (Latin-1: bytes in, no UTF-8 validation).
re2::RE2::Options RuleRegexOptions();

}  // namespace clef::scan

// EncryptionRules: the six sops metadata fields that decide which leaves are encrypted
// (reference/sops-format.md §1.4), and the decision itself.
//
// At most one rule may be set (sops refuses files with more); with none set, sops behaves as
// if `unencrypted_suffix: _unencrypted` were written. Regexes are RE2, matched unanchored
// against each key of the path (Go regexp.Match semantics). Compile once per file; a
// compiled RuleMatcher is immutable and thread-safe.
//
//   Result<RuleMatcher> m = RuleMatcher::Compile(metadata.rules);
//   bool encrypt = m->ShouldEncrypt(path, comment_stack, /*is_comment=*/false);
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace re2 {
class RE2;
}

namespace clef::sops {

inline constexpr std::string_view kDefaultUnencryptedSuffix = "_unencrypted";

struct EncryptionRules {
  std::string unencrypted_suffix;
  std::string encrypted_suffix;
  std::string unencrypted_regex;
  std::string encrypted_regex;
  std::string unencrypted_comment_regex;
  std::string encrypted_comment_regex;

  // Number of non-empty fields (sops accepts 0 or 1).
  int CountSet() const;
  // Name and value of the rule in force: the set field, or the default suffix rule.
  std::string Describe() const;
  bool operator==(const EncryptionRules&) const = default;
};

// One level of the comment stack: the run of comments right before the current item.
using CommentLevel = std::vector<std::string>;

class RuleMatcher {
 public:
  // Errors: more than one rule set, or a regex RE2 cannot compile (the message names it).
  static Result<RuleMatcher> Compile(const EncryptionRules& rules);

  RuleMatcher(RuleMatcher&&) noexcept;
  RuleMatcher& operator=(RuleMatcher&&) noexcept;
  ~RuleMatcher();

  // sops's Tree.shouldBeEncrypted: `path` holds the keys (no list indices), `comments` one
  // level per nesting depth, innermost last; for a comment leaf the innermost level already
  // ends with the comment itself.
  bool ShouldEncrypt(const std::vector<std::string_view>& path,
                     const std::vector<CommentLevel>& comments, bool is_comment) const;

 private:
  RuleMatcher();
  EncryptionRules rules_;
  std::unique_ptr<re2::RE2> regex_;  // the one regex rule in force, if any
};

}  // namespace clef::sops

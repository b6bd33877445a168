// CODEOWNERS as GitHub reads it (reference/git-integration.md §5.1): gitignore-like patterns
// followed by owners; the LAST matching line wins; a matching line without owners leaves the
// path unowned. `!` negation, `[ ]` ranges and `\#` escapes are not supported by GitHub, so
// such lines are reported as invalid and skipped (GitHub skips them too).
//
// The file is looked up at .github/CODEOWNERS, then CODEOWNERS, then docs/CODEOWNERS; the first
// one present is used.
//
//   Result<Codeowners> owners = Codeowners::Parse(text, ".github/CODEOWNERS");
//   const CodeownersRule* rule = owners->Match("clef.yaml");
//   if (rule == nullptr || rule->owners.empty()) { /* nobody must approve */ }
//
// Immutable after parsing; thread-safe for concurrent Match calls.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace re2 {
class RE2;
}

namespace clef::guard {

struct CodeownersRule {
  std::string pattern;
  std::vector<std::string> owners;  // "@user", "@org/team" or e-mail addresses
  int line = 0;                     // 1-based line in the file
};

struct CodeownersProblem {
  int line = 0;
  std::string message;
};

class Codeowners {
 public:
  // Never fails on content: invalid lines are collected in problems() and skipped.
  static Codeowners Parse(std::string_view text, std::string path);

  // The rule that decides `path` (repository-relative, '/'-separated, no leading '/'), or
  // nullptr when no line matches.
  const CodeownersRule* Match(std::string_view path) const;

  const std::vector<CodeownersRule>& rules() const { return rules_; }
  const std::vector<CodeownersProblem>& problems() const { return problems_; }
  const std::string& path() const { return path_; }

  Codeowners(Codeowners&&) noexcept;
  Codeowners& operator=(Codeowners&&) noexcept;
  ~Codeowners();

 private:
  Codeowners() = default;
  std::string path_;
  std::vector<CodeownersRule> rules_;
  std::vector<std::unique_ptr<re2::RE2>> regexes_;  // one per rule
  std::vector<CodeownersProblem> problems_;
};

// Where GitHub looks, in order.
inline constexpr const char* kCodeownersLocations[] = {".github/CODEOWNERS", "CODEOWNERS",
                                                       "docs/CODEOWNERS"};

// The regular expression (RE2 syntax, anchored) that a CODEOWNERS pattern stands for.
// Exposed for tests.
std::string CodeownersPatternToRegex(std::string_view pattern);

}  // namespace clef::guard

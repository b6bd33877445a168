// `.clefignore` at the repository root, in Clef's format (clef-behaviour.md §3.7):
//   # comment                     ignored, as are blank lines
//   ignore-pattern: <rule id>     suppress that rule everywhere (Clef used pattern names; we
//                                 accept its names and our rule ids)
//   vendor/                       a directory, anchored at the root (and everything under it)
//   *.lock  **/fixtures/*.json    gitignore-style globs anchored at the root: `*` and `?` stay
//                                 within a path segment, `**` crosses segments; a glob also
//                                 ignores everything under a directory it names
// Matching is on repository-relative paths with '/'.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace clef::scan {

class ClefIgnore {
 public:
  static ClefIgnore Parse(std::string_view text);

  bool IgnoresPath(std::string_view path) const;
  bool IgnoresRule(std::string_view rule_id) const;
  bool empty() const { return dirs_.empty() && globs_.empty() && rules_.empty(); }

  // Converts a glob to an RE2 body (no anchors). Exposed for tests.
  static std::string GlobToRegex(std::string_view glob);

 private:
  std::vector<std::string> dirs_;
  std::vector<std::shared_ptr<re2::RE2>> globs_;
  std::vector<std::string> rules_;
};

}  // namespace clef::scan

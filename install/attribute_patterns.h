// Which paths of a repository git must route to the clef drivers: the .gitattributes patterns
// clef install writes.
//
// Always: *.enc.yaml, *.enc.yml, *.enc.json, *.enc.env (sops file names) and *.clef-meta.yaml
// (Clef's sidecars). Plus, when not already covered by those:
//   * clef.yaml's file_pattern with {namespace} and {environment} as `*`
//     ("secrets/{namespace}/{environment}.yaml" -> "secrets/*/*.yaml");
//   * each .sops.yaml creation rule's path_regex that translates to a gitattributes glob
//     (PathRegexToGlob); the others are listed in `untranslated` so the caller can say so.
// A broken clef.yaml or .sops.yaml is not an error here (lint reports it): the patterns that
// can be known are returned and the problem is listed in `notes`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clef::install {

struct AttributePatterns {
  std::vector<std::string> patterns;      // in the order they are written
  std::vector<std::string> untranslated;  // path_regex values with no glob equivalent
  std::vector<std::string> notes;         // why a source was skipped
};

AttributePatterns CollectAttributePatterns(const std::string& worktree_root);

// A Go/RE2 path_regex as a gitattributes glob, or nullopt when it has no close equivalent.
// Supported: literals (with `\.` escapes), `.*`, `[^/]*`, `^` and `$`. An unanchored regex
// is taken to start at a path-component boundary ("secrets/.*" -> "**/secrets/**"); a lone
// unescaped `.` is taken as a literal dot, as people who write "*.enc.yaml" rules mean it.
std::optional<std::string> PathRegexToGlob(std::string_view regex);

}  // namespace clef::install

// The .gitattributes reader behind attributes.not-routed (contract in lint_attributes.h).
#include "precommit/lint_attributes.h"

#include <fnmatch.h>

#include <sstream>

namespace clef::lint {
namespace {

struct AttrLine {
  std::string pattern;
  std::vector<std::pair<std::string, std::string>> attrs;  // name -> value ("" when unset)
};

std::vector<AttrLine> Parse(const std::string& text) {
  std::vector<AttrLine> lines;
  std::istringstream in(text);
  std::string raw;
  while (std::getline(in, raw)) {
    std::istringstream words(raw);
    AttrLine line;
    if (!(words >> line.pattern) || line.pattern[0] == '#') continue;
    std::string w;
    while (words >> w) {
      if (w[0] == '-' || w[0] == '!') {
        line.attrs.emplace_back(w.substr(1), "");
      } else {
        size_t eq = w.find('=');
        line.attrs.emplace_back(w.substr(0, eq),
                                eq == std::string::npos ? "set" : w.substr(eq + 1));
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

bool Matches(std::string pattern, const std::string& path) {
  if (pattern.find('/') == std::string::npos) {
    std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
    return fnmatch(pattern.c_str(), base.c_str(), 0) == 0;
  }
  if (pattern[0] == '/') pattern.erase(0, 1);
  if (fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME) == 0) return true;
  // `**/` as "any folders": try the pattern with that part dropped and with '*' spanning '/'.
  if (pattern.find("**") != std::string::npos)
    return fnmatch(pattern.c_str(), path.c_str(), 0) == 0 ||
           (pattern.rfind("**/", 0) == 0 && Matches(pattern.substr(3), path));
  return false;
}

}  // namespace

std::vector<std::string> UnroutedFiles(const std::string& gitattributes,
                                       const std::vector<std::string>& encrypted) {
  std::vector<AttrLine> lines = Parse(gitattributes);
  std::vector<std::string> unrouted;
  for (const std::string& path : encrypted) {
    std::string merge, diff;
    for (const AttrLine& line : lines) {
      if (!Matches(line.pattern, path)) continue;
      for (const auto& [name, value] : line.attrs) {
        if (name == "merge") merge = value;
        if (name == "diff") diff = value;
      }
    }
    if (merge != "clef-sops" || diff != "clef-sops") unrouted.push_back(path);
  }
  return unrouted;
}

}  // namespace clef::lint

#include "install/attribute_patterns.h"

#include <algorithm>

#include "core/manifest/manifest.h"
#include "core/manifest/repo_files.h"
#include "core/manifest/sops_config.h"

namespace clef::install {
namespace {

constexpr const char* kSopsNameGlobs[] = {"*.enc.yaml", "*.enc.yml", "*.enc.json", "*.enc.env"};
constexpr const char* kSidecarGlob = "*.clef-meta.yaml";

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A glob whose last component ends like a sops file name is already routed by the name globs.
bool CoveredByNameGlobs(std::string_view glob) {
  if (glob.find_first_of("[?") != std::string_view::npos) return false;
  for (const char* g : kSopsNameGlobs) {
    if (EndsWith(glob, std::string_view(g).substr(1))) return true;
  }
  return EndsWith(glob, std::string_view(kSidecarGlob).substr(1));
}

void Replace(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

void AddUnique(std::vector<std::string>& list, const std::string& glob) {
  if (std::find(list.begin(), list.end(), glob) == list.end()) list.push_back(glob);
}

// One regex element: a literal character, "any run" (.*), or "any run within a component".
struct Token {
  enum Kind { kLiteral, kAny, kSegment } kind;
  char c = 0;
};

std::optional<std::vector<Token>> Tokenize(std::string_view re) {
  std::vector<Token> tokens;
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\') {
      if (i + 1 >= re.size()) return std::nullopt;
      char n = re[++i];
      if (std::isalnum(static_cast<unsigned char>(n))) return std::nullopt;  // \d, \w, ...
      tokens.push_back({Token::kLiteral, n});
    } else if (c == '.' && i + 1 < re.size() && (re[i + 1] == '*' || re[i + 1] == '+')) {
      tokens.push_back({Token::kAny});
      ++i;
    } else if (re.substr(i, 5) == "[^/]*" || re.substr(i, 5) == "[^/]+") {
      tokens.push_back({Token::kSegment});
      i += 4;
    } else if (c == '.') {
      tokens.push_back({Token::kLiteral, '.'});
    } else if (std::string_view("()[]{}|?+*^$").find(c) != std::string_view::npos) {
      return std::nullopt;
    } else {
      tokens.push_back({Token::kLiteral, c});
    }
  }
  return tokens;
}

}  // namespace

std::optional<std::string> PathRegexToGlob(std::string_view regex) {
  bool anchored_start = !regex.empty() && regex.front() == '^';
  if (anchored_start) regex.remove_prefix(1);
  bool anchored_end = !regex.empty() && regex.back() == '$' &&
                      (regex.size() < 2 || regex[regex.size() - 2] != '\\');
  if (anchored_end) regex.remove_suffix(1);
  std::optional<std::vector<Token>> parsed = Tokenize(regex);
  if (!parsed || parsed->empty()) return std::nullopt;
  std::vector<Token> tokens = std::move(*parsed);
  bool leading_any = !anchored_start && tokens.front().kind != Token::kAny;
  if (!anchored_end && tokens.back().kind != Token::kAny) tokens.push_back({Token::kAny});

  std::string glob;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == Token::kLiteral) {
      if (t.c == '*' || t.c == '?' || t.c == '[' || t.c == '\\') glob += '\\';
      glob += t.c;
      continue;
    }
    if (t.kind == Token::kSegment) {
      glob += '*';
      continue;
    }
    bool at_component_start = glob.empty() || glob.back() == '/';
    bool last = i + 1 == tokens.size();
    bool next_is_slash = !last && tokens[i + 1].kind == Token::kLiteral && tokens[i + 1].c == '/';
    bool rest_has_slash = std::any_of(tokens.begin() + i + 1, tokens.end(), [](const Token& r) {
      return r.kind == Token::kAny || (r.kind == Token::kLiteral && r.c == '/');
    });
    if (at_component_start && (last || next_is_slash)) {
      glob += "**";
    } else if (at_component_start && !rest_has_slash) {
      // ".*\.yaml": any folders, then a name ending so. Without a slash in the whole glob,
      // "*" already matches the name at any depth.
      glob += glob.empty() ? "*" : "**/*";
    } else if (last) {
      glob += '*';  // "prod.*": approximated within the last component
    } else {
      return std::nullopt;
    }
  }
  if (leading_any && glob.find('/') != std::string::npos && glob.rfind("**", 0) != 0) {
    glob = "**/" + glob;
  } else if (leading_any && glob.find('/') == std::string::npos && glob.front() != '*') {
    glob = "*" + glob;
  }
  if (glob == "**" || glob == "*") return std::nullopt;  // would route every file
  return glob;
}

AttributePatterns CollectAttributePatterns(const std::string& worktree_root) {
  AttributePatterns out;
  for (const char* g : kSopsNameGlobs) out.patterns.push_back(g);
  out.patterns.push_back(kSidecarGlob);

  manifest::WorkingTreeFiles files(worktree_root);
  if (files.Exists(manifest::kManifestFileName)) {
    Result<manifest::Manifest> m = manifest::LoadManifest(files);
    if (!m.ok()) {
      out.notes.push_back("clef.yaml not used: " + m.error().Describe());
    } else if (!m->file_pattern.empty()) {
      std::string glob = m->file_pattern;
      Replace(glob, "{namespace}", "*");
      Replace(glob, "{environment}", "*");
      if (!CoveredByNameGlobs(glob)) AddUnique(out.patterns, glob);
      std::string sidecar = manifest::SidecarPath(glob);
      if (!CoveredByNameGlobs(sidecar)) AddUnique(out.patterns, sidecar);
    }
  }
  Result<std::optional<manifest::SopsConfig>> cfg = manifest::LoadSopsConfig(files);
  if (!cfg.ok()) {
    out.notes.push_back(".sops.yaml not used: " + cfg.error().Describe());
  } else if (*cfg) {
    for (const manifest::CreationRule& rule : (*cfg)->creation_rules) {
      if (rule.path_regex.empty()) continue;
      std::optional<std::string> glob = PathRegexToGlob(rule.path_regex);
      if (!glob) {
        out.untranslated.push_back(rule.path_regex);
      } else if (!CoveredByNameGlobs(*glob)) {
        AddUnique(out.patterns, *glob);
      }
    }
  }
  return out;
}

}  // namespace clef::install

#include "precommit/codeowners.h"

#include <re2/re2.h>

namespace clef::guard {
namespace {

std::vector<std::string> SplitFields(std::string_view line) {
  std::vector<std::string> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] == '#') break;
    std::string field;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
      if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == ' ') {
        ++i;  // "\ " is a space inside a path
      }
      field += line[i++];
    }
    fields.push_back(std::move(field));
  }
  return fields;
}

bool IsOwner(std::string_view s) {
  if (s.size() > 1 && s[0] == '@') return true;
  size_t at = s.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < s.size();
}

}  // namespace

std::string CodeownersPatternToRegex(std::string_view pattern) {
  bool dir_only = pattern.size() > 1 && pattern.back() == '/';
  if (dir_only) pattern.remove_suffix(1);
  bool leading_slash = !pattern.empty() && pattern.front() == '/';
  if (leading_slash) pattern.remove_prefix(1);
  // A slash anywhere but at the end anchors the pattern at the repository root.
  bool anchored = leading_slash || pattern.find('/') != std::string_view::npos;
  // "dir/*" owns the files directly in dir, not those in its sub-folders (GitHub's docs).
  bool direct_children_only = pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == "/*";

  std::string body;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '*') {
      bool dbl = i + 1 < pattern.size() && pattern[i + 1] == '*';
      if (dbl) {
        bool slash_after = i + 2 < pattern.size() && pattern[i + 2] == '/';
        if (slash_after) {
          body += "(?:.*/)?";
          i += 2;
        } else {
          body += ".*";
          i += 1;
        }
      } else {
        body += "[^/]*";
      }
    } else if (c == '?') {
      body += "[^/]";
    } else {
      body += RE2::QuoteMeta(std::string(1, c));
    }
  }
  std::string re = anchored ? "^" : "^(?:.*/)?";
  re += body;
  if (dir_only) {
    re += "/.*$";
  } else if (direct_children_only) {
    re += "$";
  } else {
    re += "(?:/.*)?$";
  }
  return re;
}

Codeowners Codeowners::Parse(std::string_view text, std::string path) {
  Codeowners out;
  out.path_ = std::move(path);
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    pos = end + 1;
    std::vector<std::string> fields = SplitFields(line);
    if (fields.empty()) {
      if (end == text.size()) break;
      continue;
    }
    const std::string& pattern = fields[0];
    if (pattern[0] == '!' || pattern.find('[') != std::string::npos ||
        pattern.find("\\#") != std::string::npos) {
      out.problems_.push_back({line_no, "pattern '" + pattern +
                                            "' uses syntax GitHub does not support (!, [ ] or \\#)"});
      continue;
    }
    CodeownersRule rule{pattern, {}, line_no};
    bool bad_owner = false;
    for (size_t i = 1; i < fields.size(); ++i) {
      if (!IsOwner(fields[i])) {
        out.problems_.push_back(
            {line_no, "'" + fields[i] + "' is not an owner (@user, @org/team or an e-mail)"});
        bad_owner = true;
        break;
      }
      rule.owners.push_back(fields[i]);
    }
    if (bad_owner) continue;
    auto re = std::make_unique<RE2>(CodeownersPatternToRegex(pattern));
    if (!re->ok()) {
      out.problems_.push_back({line_no, "pattern '" + pattern + "' cannot be matched"});
      continue;
    }
    out.rules_.push_back(std::move(rule));
    out.regexes_.push_back(std::move(re));
    if (end == text.size()) break;
  }
  return out;
}

const CodeownersRule* Codeowners::Match(std::string_view path) const {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  for (size_t i = rules_.size(); i-- > 0;) {
    if (RE2::FullMatch(path, *regexes_[i])) return &rules_[i];
  }
  return nullptr;
}

Codeowners::Codeowners(Codeowners&&) noexcept = default;
Codeowners& Codeowners::operator=(Codeowners&&) noexcept = default;
Codeowners::~Codeowners() = default;

}  // namespace clef::guard

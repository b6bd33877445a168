#include "scan/clefignore.h"

#include <algorithm>

namespace clef::scan {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Clef's names for its ten patterns, mapped to the rules that cover them.
std::vector<std::string> RuleIdsFor(std::string_view name) {
  if (name == "AWS access key") return {"aws-access-key-id"};
  if (name == "Stripe live key") return {"stripe-secret-key"};
  if (name == "Stripe test key") return {"stripe-test-secret-key"};
  if (name == "GitHub personal access token") return {"github-pat"};
  if (name == "GitHub OAuth token") return {"github-oauth-token"};
  if (name == "GitHub Actions token") return {"github-server-to-server-token"};
  if (name == "Slack token") return {"slack-bot-token", "slack-user-token", "slack-legacy-token"};
  if (name == "Private key header")
    return {"rsa-private-key", "ec-private-key", "dsa-private-key", "openssh-private-key", "pkcs8-private-key",
            "private-key"};
  if (name == "Generic API key") return {"generic-secret"};
  if (name == "Database URL")
    return {"postgres-connection-string", "mysql-connection-string", "mongodb-connection-string",
            "redis-connection-string"};
  return {std::string(name)};
}

}  // namespace

std::string ClefIgnore::GlobToRegex(std::string_view g) {
  std::string out;
  size_t i = 0;
  if (g.substr(0, 3) == "**/") {
    out += "(?:.*/)?";
    i = 3;
  }
  for (; i < g.size(); ++i) {
    char c = g[i];
    if (g.substr(i, 4) == "/**/") {
      out += "/(?:.*/)?";
      i += 3;
    } else if (g.substr(i, 3) == "/**" && i + 3 == g.size()) {
      out += "(?:/.*)?";
      i += 2;
    } else if (g.substr(i, 2) == "**") {
      out += ".*";
      i += 1;
    } else if (c == '*') {
      out += "[^/]*";
    } else if (c == '?') {
      out += "[^/]";
    } else if (std::string_view(".+^${}()|[]\\").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

ClefIgnore ClefIgnore::Parse(std::string_view text) {
  ClefIgnore ig;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = Trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    if (line.empty() || line[0] == '#') continue;
    if (line.substr(0, 15) == "ignore-pattern:") {
      for (auto& id : RuleIdsFor(Trim(line.substr(15)))) ig.rules_.push_back(id);
    } else if (line.back() == '/') {
      ig.dirs_.emplace_back(line.substr(0, line.size() - 1));
    } else {
      re2::RE2::Options o;
      o.set_log_errors(false);
      auto re = std::make_shared<re2::RE2>("(?:" + GlobToRegex(line) + ")(?:/.*)?", o);
      if (re->ok()) ig.globs_.push_back(std::move(re));
    }
  }
  return ig;
}

bool ClefIgnore::IgnoresPath(std::string_view path) const {
  for (const auto& d : dirs_)
    if (path == d || (path.size() > d.size() && path.substr(0, d.size()) == d && path[d.size()] == '/')) return true;
  for (const auto& g : globs_)
    if (re2::RE2::FullMatch(re2::StringPiece(path.data(), path.size()), *g)) return true;
  return false;
}

bool ClefIgnore::IgnoresRule(std::string_view rule_id) const {
  return std::find(rules_.begin(), rules_.end(), rule_id) != rules_.end();
}

}  // namespace clef::scan

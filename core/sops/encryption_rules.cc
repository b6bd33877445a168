#include "core/sops/encryption_rules.h"

#include <re2/re2.h>

namespace clef::sops {
namespace {

bool AnyHasSuffix(const std::vector<std::string_view>& path, std::string_view suffix) {
  for (std::string_view key : path) {
    if (key.size() >= suffix.size() && key.substr(key.size() - suffix.size()) == suffix) {
      return true;
    }
  }
  return false;
}

bool AnyMatches(const std::vector<std::string_view>& path, const re2::RE2& re) {
  for (std::string_view key : path) {
    if (re2::RE2::PartialMatch(key, re)) return true;
  }
  return false;
}

}  // namespace

int EncryptionRules::CountSet() const {
  return !unencrypted_suffix.empty() + !encrypted_suffix.empty() + !unencrypted_regex.empty() +
         !encrypted_regex.empty() + !unencrypted_comment_regex.empty() +
         !encrypted_comment_regex.empty();
}

std::string EncryptionRules::Describe() const {
  if (!unencrypted_suffix.empty()) return "unencrypted_suffix " + unencrypted_suffix;
  if (!encrypted_suffix.empty()) return "encrypted_suffix " + encrypted_suffix;
  if (!unencrypted_regex.empty()) return "unencrypted_regex " + unencrypted_regex;
  if (!encrypted_regex.empty()) return "encrypted_regex " + encrypted_regex;
  if (!unencrypted_comment_regex.empty()) {
    return "unencrypted_comment_regex " + unencrypted_comment_regex;
  }
  if (!encrypted_comment_regex.empty()) {
    return "encrypted_comment_regex " + encrypted_comment_regex;
  }
  return "unencrypted_suffix " + std::string(kDefaultUnencryptedSuffix) + " (default)";
}

RuleMatcher::RuleMatcher() = default;
RuleMatcher::RuleMatcher(RuleMatcher&&) noexcept = default;
RuleMatcher& RuleMatcher::operator=(RuleMatcher&&) noexcept = default;
RuleMatcher::~RuleMatcher() = default;

Result<RuleMatcher> RuleMatcher::Compile(const EncryptionRules& rules) {
  if (rules.CountSet() > 1) {
    return MakeError(
        "the sops metadata sets more than one encryption rule (unencrypted_suffix, "
        "encrypted_suffix, unencrypted_regex, encrypted_regex, unencrypted_comment_regex, "
        "encrypted_comment_regex); sops accepts at most one");
  }
  RuleMatcher matcher;
  matcher.rules_ = rules;
  const std::string* pattern = nullptr;
  const char* field = "";
  if (!rules.unencrypted_regex.empty()) {
    pattern = &rules.unencrypted_regex, field = "unencrypted_regex";
  } else if (!rules.encrypted_regex.empty()) {
    pattern = &rules.encrypted_regex, field = "encrypted_regex";
  } else if (!rules.unencrypted_comment_regex.empty()) {
    pattern = &rules.unencrypted_comment_regex, field = "unencrypted_comment_regex";
  } else if (!rules.encrypted_comment_regex.empty()) {
    pattern = &rules.encrypted_comment_regex, field = "encrypted_comment_regex";
  }
  if (pattern != nullptr) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<re2::RE2>(*pattern, options);
    if (!re->ok()) {
      return MakeError(std::string("the sops metadata field ") + field + " is not a valid RE2 " +
                       "regular expression: " + re->error());
    }
    matcher.regex_ = std::move(re);
  }
  if (rules.CountSet() == 0) matcher.rules_.unencrypted_suffix = kDefaultUnencryptedSuffix;
  return matcher;
}

bool RuleMatcher::ShouldEncrypt(const std::vector<std::string_view>& path,
                                const std::vector<CommentLevel>& comments, bool is_comment) const {
  const EncryptionRules& r = rules_;
  if (!r.unencrypted_suffix.empty()) return !AnyHasSuffix(path, r.unencrypted_suffix);
  if (!r.encrypted_suffix.empty()) return AnyHasSuffix(path, r.encrypted_suffix);
  if (!r.unencrypted_regex.empty()) return !AnyMatches(path, *regex_);
  if (!r.encrypted_regex.empty()) return AnyMatches(path, *regex_);
  if (!r.unencrypted_comment_regex.empty()) {
    for (const CommentLevel& level : comments) {
      for (const std::string& c : level) {
        if (re2::RE2::PartialMatch(c, *regex_)) return false;
      }
    }
    return true;
  }
  if (!r.encrypted_comment_regex.empty()) {
    for (size_t i = 0; i < comments.size(); ++i) {
      const CommentLevel& level = comments[i];
      size_t n = level.size();
      // The marker comment itself stays plaintext: skip the leaf's own entry.
      if (is_comment && i + 1 == comments.size() && n > 0) --n;
      for (size_t j = 0; j < n; ++j) {
        if (re2::RE2::PartialMatch(level[j], *regex_)) return true;
      }
    }
    return false;
  }
  return true;
}

}  // namespace clef::sops

// Specification of which leaves a sops file's rule encrypts (reference/sops-format.md §1.4).
#include "core/sops/encryption_rules.h"

#include <gtest/gtest.h>

namespace clef::sops {
namespace {

using Path = std::vector<std::string_view>;

RuleMatcher Compile(EncryptionRules rules) {
  Result<RuleMatcher> m = RuleMatcher::Compile(rules);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
  return std::move(*m);
}

TEST(EncryptionRules, NoRuleMeansTheUnencryptedSuffixDefault) {
  RuleMatcher m = Compile({});
  EXPECT_TRUE(m.ShouldEncrypt(Path{"db", "password"}, {}, false));
  EXPECT_FALSE(m.ShouldEncrypt(Path{"db", "host_unencrypted"}, {}, false));
  EXPECT_FALSE(m.ShouldEncrypt(Path{"public_unencrypted", "anything"}, {}, false));
  EXPECT_EQ(EncryptionRules{}.Describe(), "unencrypted_suffix _unencrypted (default)");
}

TEST(EncryptionRules, EncryptedSuffixEncryptsOnlyMatchingPaths) {
  EncryptionRules r;
  r.encrypted_suffix = "_secret";
  RuleMatcher m = Compile(r);
  EXPECT_TRUE(m.ShouldEncrypt(Path{"api_secret"}, {}, false));
  EXPECT_TRUE(m.ShouldEncrypt(Path{"group_secret", "inner"}, {}, false));
  EXPECT_FALSE(m.ShouldEncrypt(Path{"api"}, {}, false));
}

TEST(EncryptionRules, EncryptedRegexIsAnUnanchoredSearchPerKey) {
  EncryptionRules r;
  r.encrypted_regex = "PASS";
  RuleMatcher m = Compile(r);
  EXPECT_TRUE(m.ShouldEncrypt(Path{"DB_PASSWORD"}, {}, false));
  EXPECT_TRUE(m.ShouldEncrypt(Path{"PASS", "x"}, {}, false));
  EXPECT_FALSE(m.ShouldEncrypt(Path{"DB_HOST"}, {}, false));
}

TEST(EncryptionRules, AnchoredRegexFromTheFixture) {
  EncryptionRules r;
  r.encrypted_regex = "^(DB_PASSWORD|API_TOKEN)$";
  RuleMatcher m = Compile(r);
  EXPECT_TRUE(m.ShouldEncrypt(Path{"API_TOKEN"}, {}, false));
  EXPECT_FALSE(m.ShouldEncrypt(Path{"API_TOKEN_2"}, {}, false));
}

TEST(EncryptionRules, UnencryptedRegexLeavesMatchesInPlaintext) {
  EncryptionRules r;
  r.unencrypted_regex = "^public";
  RuleMatcher m = Compile(r);
  EXPECT_FALSE(m.ShouldEncrypt(Path{"public_url"}, {}, false));
  EXPECT_TRUE(m.ShouldEncrypt(Path{"private_key"}, {}, false));
}

TEST(EncryptionRules, EncryptedCommentRegexEncryptsWhatFollowsTheMarker) {
  EncryptionRules r;
  r.encrypted_comment_regex = "sops:enc";
  RuleMatcher m = Compile(r);
  std::vector<CommentLevel> marker{{" sops:enc"}};
  EXPECT_TRUE(m.ShouldEncrypt(Path{"password"}, marker, false));
  // The marker comment itself stays plaintext.
  EXPECT_FALSE(m.ShouldEncrypt(Path{}, marker, true));
  // A comment after the marker is encrypted.
  std::vector<CommentLevel> two{{" sops:enc", " note"}};
  EXPECT_TRUE(m.ShouldEncrypt(Path{}, two, true));
  EXPECT_FALSE(m.ShouldEncrypt(Path{"host"}, {{}}, false));
}

TEST(EncryptionRules, UnencryptedCommentRegexAtAnyLevel) {
  EncryptionRules r;
  r.unencrypted_comment_regex = "plain";
  RuleMatcher m = Compile(r);
  std::vector<CommentLevel> outer{{" keep plain"}, {}};
  EXPECT_FALSE(m.ShouldEncrypt(Path{"a", "b"}, outer, false));
  EXPECT_TRUE(m.ShouldEncrypt(Path{"a", "b"}, {{}, {}}, false));
}

TEST(EncryptionRulesErrors, TwoRulesAreRefused) {
  EncryptionRules r;
  r.encrypted_regex = "x";
  r.unencrypted_suffix = "_u";
  Result<RuleMatcher> m = RuleMatcher::Compile(r);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("more than one encryption rule"), std::string::npos);
}

TEST(EncryptionRulesErrors, InvalidRegexIsNamedByField) {
  EncryptionRules r;
  r.encrypted_regex = "(unclosed";
  Result<RuleMatcher> m = RuleMatcher::Compile(r);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("encrypted_regex is not a valid RE2"), std::string::npos);
}

TEST(EncryptionRulesErrors, Re2RejectsBackreferencesThatGoAlsoRejects) {
  EncryptionRules r;
  r.unencrypted_regex = "(a)\\1";
  EXPECT_FALSE(RuleMatcher::Compile(r).ok());
}

}  // namespace
}  // namespace clef::sops

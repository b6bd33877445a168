// Specification of the sops walk: order, AAD, which leaves the rule encrypts, and the
// keyless check that a file is encrypted as its rules demand (reference/sops-format.md §1).
#include "core/sops/tree_walk.h"

#include <gtest/gtest.h>

#include "core/sops/encryption_check.h"
#include "sops/sops_support.h"

namespace clef::sops {
namespace {

using testing::ReadFixture;
using testing::ReadFixtureFile;

struct Seen {
  std::string aad;
  std::string key_path;
  bool is_comment;
  bool encrypt;
};

std::vector<Seen> Walk(SopsFile& f) {
  Result<RuleMatcher> rules = RuleMatcher::Compile(f.metadata.rules);
  EXPECT_TRUE(rules.ok());
  std::vector<Seen> seen;
  Status s = WalkLeaves(f.document, *rules, [&](Leaf& leaf) -> Status {
    seen.push_back({leaf.aad, leaf.key_path, leaf.is_comment, leaf.encrypt});
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
  return seen;
}

TEST(TreeWalk, VisitsTheRichFixtureInSopsOrderWithSopsAads) {
  SopsFile f = ReadFixtureFile("rich.two-recipients.enc.yaml");
  std::vector<Seen> seen = Walk(f);
  std::vector<std::string> aads;
  for (const Seen& s : seen) aads.push_back(s.aad);
  std::vector<std::string> expected = {":",
                                       "DB_HOST:",
                                       "DB_PORT:",
                                       "DB_PASSWORD:",
                                       "enabled:",
                                       "ratio:",
                                       "big:",
                                       "nested:",
                                       "nested:user:",
                                       "nested:list:",
                                       "nested:list:",
                                       "nested:list:",
                                       "nested:list:k:",
                                       "empty:",
                                       "public_unencrypted:",
                                       "multi:",
                                       "unicode:"};
  EXPECT_EQ(aads, expected);  // `nothing: null` is skipped
}

TEST(TreeWalk, ListCommentsAreCommentLeavesAndIndicesAreOnlyForPeople) {
  SopsFile f = ReadFixtureFile("rich.two-recipients.enc.yaml");
  std::vector<Seen> seen = Walk(f);
  EXPECT_EQ(seen[11].key_path, "nested.list[2]");
  EXPECT_TRUE(seen[11].is_comment);
  EXPECT_EQ(seen[12].key_path, "nested.list[3].k");
  EXPECT_EQ(seen[0].key_path, "(top level) (comment)");
  EXPECT_TRUE(seen[0].is_comment);
}

TEST(TreeWalk, TheUnencryptedSuffixLeavesThatLeafInPlaintext) {
  SopsFile f = ReadFixtureFile("rich.two-recipients.enc.yaml");
  for (const Seen& s : Walk(f)) {
    EXPECT_EQ(s.encrypt, s.aad != "public_unencrypted:") << s.aad;
  }
}

TEST(TreeWalk, EncryptedRegexSelectsOnlyMatchingKeys) {
  SopsFile f = ReadFixtureFile("flat.encrypted-regex.enc.yaml");
  for (const Seen& s : Walk(f)) {
    EXPECT_EQ(s.encrypt, s.aad == "DB_PASSWORD:" || s.aad == "API_TOKEN:") << s.aad;
  }
}

TEST(TreeWalk, DotenvCommentsAreTopLevel) {
  SopsFile f = ReadFixtureFile("flat.enc.env");
  std::vector<Seen> seen = Walk(f);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[2].aad, ":");
  EXPECT_TRUE(seen[2].is_comment);
}

class EncryptedAsRequired : public ::testing::TestWithParam<const char*> {};

TEST_P(EncryptedAsRequired, EveryFixtureIsEncryptedAsItsRulesDemand) {
  SopsFile f = ReadFixtureFile(GetParam());
  Result<std::vector<PlaintextLeaf>> open = CheckEncryptedAsRequired(f);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty()) << open->front().key_path;
}

INSTANTIATE_TEST_SUITE_P(Sops3122, EncryptedAsRequired,
                         ::testing::Values("flat.enc.yaml", "rich.two-recipients.enc.yaml",
                                           "rich.enc.json", "flat.encrypted-regex.enc.yaml",
                                           "flat.mac-only-encrypted.enc.yaml", "flat.enc.env"));

TEST(EncryptedAsRequiredCheck, NamesAPlaintextValueWithItsLine) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t from = text.find("ENC[", text.find("DB_PORT:"));
  text.replace(from, text.find('\n', from) - from, "5432");
  Result<SopsFile> f = ReadSopsFile(text, "x.enc.yaml");
  ASSERT_TRUE(f.ok());
  Result<std::vector<PlaintextLeaf>> open = CheckEncryptedAsRequired(*f);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].key_path, "DB_PORT");
  EXPECT_EQ((*open)[0].line, 2);
}

TEST(EncryptedAsRequiredCheck, NamesAPlaintextComment) {
  std::string text = "# hello\n" + ReadFixture("flat.enc.yaml");
  Result<SopsFile> f = ReadSopsFile(text, "x.enc.yaml");
  ASSERT_TRUE(f.ok());
  Result<std::vector<PlaintextLeaf>> open = CheckEncryptedAsRequired(*f);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_TRUE((*open)[0].is_comment);
}

TEST(EncryptedAsRequiredCheck, PlaintextWhereTheRuleAllowsItIsFine) {
  SopsFile f = ReadFixtureFile("flat.encrypted-regex.enc.yaml");
  // DB_HOST and DB_PORT are plaintext in this file, as its encrypted_regex says.
  Result<std::vector<PlaintextLeaf>> open = CheckEncryptedAsRequired(f);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
}

TEST(EncryptedAsRequiredCheck, AnInvalidRuleIsAnError) {
  SopsFile f = ReadFixtureFile("flat.encrypted-regex.enc.yaml");
  f.metadata.rules.encrypted_regex = "(";
  Result<std::vector<PlaintextLeaf>> open = CheckEncryptedAsRequired(f);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().file, "flat.encrypted-regex.enc.yaml");
}

}  // namespace
}  // namespace clef::sops

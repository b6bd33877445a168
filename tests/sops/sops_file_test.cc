// Specification of reading and writing sops files without a key: metadata, round trip,
// recipients, errors (reference/sops-format.md §3, §5.1).
#include "core/sops/sops_file.h"

#include <gtest/gtest.h>

#include "sops/sops_support.h"

namespace clef::sops {
namespace {

using testing::ReadFixture;
using testing::ReadFixtureFile;

constexpr char kRecipientA[] = "age1turugrjvgdqztgutwpg6x36xchgptlyylx395e4pt2u69ulk3asqamaq6s";

Error ReadError(const std::string& text, const std::string& path = "x.enc.yaml") {
  Result<SopsFile> f = ReadSopsFile(text, path);
  EXPECT_FALSE(f.ok());
  return f.ok() ? Error{} : f.error();
}

// flat.enc.yaml with one line of its sops block replaced.
std::string FlatWith(const std::string& from, const std::string& to) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

class FixtureRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(FixtureRoundTrip, WritesBackTheExactBytesSopsWrote) {
  std::string bytes = ReadFixture(GetParam());
  Result<SopsFile> f = ReadSopsFile(bytes, GetParam());
  ASSERT_TRUE(f.ok()) << f.error().Describe();
  EXPECT_EQ(WriteSopsFile(*f), bytes);
}

INSTANTIATE_TEST_SUITE_P(Sops3122, FixtureRoundTrip,
                         ::testing::Values("flat.enc.yaml", "rich.two-recipients.enc.yaml",
                                           "rich.enc.json", "flat.encrypted-regex.enc.yaml",
                                           "flat.mac-only-encrypted.enc.yaml", "flat.enc.env"));

TEST(SopsFile, ReadsTheMetadataFields) {
  SopsFile f = ReadFixtureFile("flat.enc.yaml");
  EXPECT_EQ(f.metadata.version, "3.12.2");
  EXPECT_EQ(f.metadata.lastmodified, "2026-11-28T18:17:51Z");
  EXPECT_TRUE(f.metadata.mac.rfind("ENC[AES256_GCM,data:sBhj", 0) == 0);
  EXPECT_EQ(f.metadata.rules.unencrypted_suffix, "_unencrypted");
  EXPECT_FALSE(f.metadata.mac_only_encrypted);
  ASSERT_EQ(f.metadata.key_lists.size(), 1u);
  ASSERT_EQ(f.metadata.key_lists[0].keys.size(), 1u);
  const MasterKey& key = f.metadata.key_lists[0].keys[0];
  EXPECT_EQ(key.Id(), kRecipientA);
  EXPECT_TRUE(key.Enc().rfind("-----BEGIN AGE ENCRYPTED FILE-----\n", 0) == 0);
  EXPECT_EQ(key.Enc().back(), '\n');
}

TEST(SopsFile, RemovesTheMetadataFromTheData) {
  SopsFile f = ReadFixtureFile("flat.enc.yaml");
  EXPECT_EQ(f.document.root().Find("sops"), nullptr);
  EXPECT_NE(f.document.root().Find("DB_HOST"), nullptr);
}

TEST(SopsFile, ListsBothRecipientsOfTheTwoRecipientFile) {
  SopsFile f = ReadFixtureFile("rich.two-recipients.enc.yaml");
  RecipientSet r = f.metadata.Recipients();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(r.Contains(Recipient{KeyType::kAge, kRecipientA}));
  EXPECT_TRUE(r.Contains(Recipient{KeyType::kAge, testing::PublicKeyOf("identity-b.txt")}));
}

TEST(SopsFile, ReadsEncryptedRegexAndMacOnlyEncrypted) {
  SopsFile f = ReadFixtureFile("flat.mac-only-encrypted.enc.yaml");
  EXPECT_EQ(f.metadata.rules.encrypted_regex, "^DB_PASSWORD$");
  EXPECT_TRUE(f.metadata.rules.unencrypted_suffix.empty());
  EXPECT_TRUE(f.metadata.mac_only_encrypted);
}

TEST(SopsFile, ReadsFlattenedDotenvMetadata) {
  SopsFile f = ReadFixtureFile("flat.enc.env");
  EXPECT_EQ(f.metadata.version, "3.12.2");
  EXPECT_EQ(f.metadata.Recipients().recipients().at(0).id, kRecipientA);
  EXPECT_TRUE(f.metadata.key_lists.at(0).keys.at(0).Enc().find("\n-----END AGE") !=
              std::string::npos);
  for (const doc::Item& item : f.document.root().items) {
    EXPECT_FALSE(!item.is_comment() && IsDotenvMetadataKey(item.key)) << item.key;
  }
}

TEST(SopsFile, KeepsUnknownFieldsInPlace) {
  std::string text = FlatWith("    mac: ENC", "    x_reviewed_by: ops\n    mac: ENC");
  Result<SopsFile> f = ReadSopsFile(text, "x.enc.yaml");
  ASSERT_TRUE(f.ok()) << f.error().Describe();
  ASSERT_EQ(f->metadata.unknown_fields.size(), 1u);
  EXPECT_EQ(f->metadata.unknown_fields[0].name, "x_reviewed_by");
  EXPECT_EQ(WriteSopsFile(*f), text);
}

TEST(SopsFile, PlacesANewRuleFieldWhereSops312WritesIt) {
  SopsFile f = ReadFixtureFile("flat.enc.yaml");
  f.metadata.mac_only_encrypted = true;
  std::string out = WriteSopsFile(f);
  EXPECT_NE(out.find("    unencrypted_suffix: _unencrypted\n    mac_only_encrypted: true\n"
                     "    version: 3.12.2\n"),
            std::string::npos)
      << out;
}

TEST(SopsFile, ReadsWeaklyTypedFields) {
  std::string text = FlatWith("    version: 3.12.2",
                              "    mac_only_encrypted: \"true\"\n"
                              "    shamir_threshold: \"2\"\n"
                              "    version: 3.12.2");
  Result<SopsFile> f = ReadSopsFile(text, "x.enc.yaml");
  ASSERT_TRUE(f.ok()) << f.error().Describe();
  EXPECT_TRUE(f->metadata.mac_only_encrypted);
  EXPECT_EQ(f->metadata.shamir_threshold.value_or(0), 2);
}

TEST(SopsFile, RecipientSetDifferences) {
  RecipientSet a({{KeyType::kAge, "age1a"}, {KeyType::kPgp, "FP"}});
  RecipientSet b({{KeyType::kAge, "age1a"}, {KeyType::kKms, "arn:x"}});
  EXPECT_EQ(a.Minus(b).recipients(), (std::vector<Recipient>{{KeyType::kPgp, "FP"}}));
  EXPECT_EQ(b.Minus(a).recipients().at(0).Describe(), "kms arn:x");
}

TEST(SopsFileErrors, PlainYamlIsNotASopsFile) {
  Error e = ReadError("a: 1\n");
  EXPECT_NE(e.message.find("not a sops file"), std::string::npos);
  EXPECT_EQ(e.file, "x.enc.yaml");
  EXPECT_NE(e.hint.find("sops encrypt"), std::string::npos);
}

TEST(SopsFileErrors, PlainDotenvIsNotASopsFile) {
  EXPECT_NE(ReadError("A=1\n", "x.env").message.find("not a sops file"), std::string::npos);
}

TEST(SopsFileErrors, UnparsableDocumentNamesTheFile) {
  Error e = ReadError("a: [1,\n");
  EXPECT_EQ(e.file, "x.enc.yaml");
}

TEST(SopsFileErrors, MetadataThatIsNotAMapping) {
  EXPECT_NE(ReadError("a: 1\nsops: 3\n").message.find("not a mapping"), std::string::npos);
}

TEST(SopsFileErrors, MissingLastmodified) {
  std::string text = FlatWith("    lastmodified: \"2026-11-28T18:17:51Z\"\n", "");
  Error e = ReadError(text);
  EXPECT_NE(e.message.find("no 'lastmodified'"), std::string::npos);
}

TEST(SopsFileErrors, LastmodifiedThatIsNotRfc3339HasItsLine) {
  Error e = ReadError(FlatWith("2026-11-28T18:17:51Z", "yesterday"));
  EXPECT_NE(e.message.find("not an RFC 3339 time"), std::string::npos);
  EXPECT_EQ(e.line, 16);
}

TEST(SopsFileErrors, TwoEncryptionRules) {
  Error e = ReadError(FlatWith("    version:", "    encrypted_regex: x\n    version:"));
  EXPECT_NE(e.message.find("more than one encryption rule"), std::string::npos);
}

TEST(SopsFileErrors, KeyListThatIsNotAList) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t from = text.find("    age:\n");
  size_t to = text.find("    lastmodified:");
  text.replace(from, to - from, "    age: nope\n");
  EXPECT_NE(ReadError(text).message.find("'age' must be a list"), std::string::npos);
}

TEST(SopsFileErrors, KeyEntryThatIsNotAMapping) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t from = text.find("    age:\n");
  size_t to = text.find("    lastmodified:");
  text.replace(from, to - from, "    age:\n        - age1x\n");
  EXPECT_NE(ReadError(text).message.find("must be a mapping"), std::string::npos);
}

TEST(SopsFileErrors, NonIntegerShamirThreshold) {
  Error e = ReadError(FlatWith("    version:", "    shamir_threshold: many\n    version:"));
  EXPECT_NE(e.message.find("'shamir_threshold' must be an integer"), std::string::npos);
}

TEST(SopsFileErrors, NonBooleanMacOnlyEncrypted) {
  Error e = ReadError(FlatWith("    version:", "    mac_only_encrypted: maybe\n    version:"));
  EXPECT_NE(e.message.find("'mac_only_encrypted' must be true or false"), std::string::npos);
}

TEST(SopsFileErrors, VersionThatIsAMapping) {
  Error e = ReadError(FlatWith("    version: 3.12.2", "    version:\n        a: 1"));
  EXPECT_NE(e.message.find("'version' must be a string"), std::string::npos);
}

TEST(SopsFileErrors, DotenvMetadataKeyWithBadListIndex) {
  std::string text = ReadFixture("flat.enc.env");
  size_t at = text.find("sops_age__list_0__map_recipient");
  text.replace(at, 31, "sops_age__list_x__map_recipient");
  EXPECT_NE(ReadError(text, "x.env").message.find("malformed list index"), std::string::npos);
}

TEST(SopsFileErrors, DotenvMetadataKeyThatIsNotFlattened) {
  std::string text = ReadFixture("flat.enc.env") + "sops_age__weird=1\n";
  EXPECT_NE(ReadError(text, "x.env").message.find("not a flattened sops field"), std::string::npos);
}

TEST(Rfc3339, NormalisesLikeGo) {
  EXPECT_EQ(*NormalizeRfc3339("2026-11-28T18:17:51Z"), "2026-11-28T18:17:51Z");
  EXPECT_EQ(*NormalizeRfc3339("2026-11-28T18:17:51.500Z"), "2026-11-28T18:17:51Z");
  EXPECT_EQ(*NormalizeRfc3339("2026-11-28T18:17:51+00:00"), "2026-11-28T18:17:51Z");
  EXPECT_EQ(*NormalizeRfc3339("2026-11-28T18:17:51+02:00"), "2026-11-28T18:17:51+02:00");
  EXPECT_FALSE(NormalizeRfc3339("2026-11-28t18:17:51z").ok());
  EXPECT_FALSE(NormalizeRfc3339("2026-11-28 18:17:51Z").ok());
  EXPECT_FALSE(NormalizeRfc3339("").ok());
}

}  // namespace
}  // namespace clef::sops

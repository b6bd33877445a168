// The clean-side guard on real sops 3.12.2 output and on what must never be staged.
#include "filters/clean_guard.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace clef::filter {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Replaces the first ENC[...] value of `key` (YAML `key: ENC[...]`) with a plaintext value.
std::string DecryptOneByHand(std::string text, const std::string& key, const std::string& value) {
  size_t at = text.find(key + ": ENC[");
  EXPECT_NE(at, std::string::npos);
  size_t start = at + key.size() + 2;
  size_t end = text.find(']', start);
  return text.replace(start, end - start + 1, value);
}

TEST(CleanGuard, PassesEveryRealSopsFixture) {
  for (const char* name :
       {"flat.enc.yaml", "flat.enc.env", "rich.enc.json", "rich.two-recipients.enc.yaml",
        "flat.encrypted-regex.enc.yaml", "flat.mac-only-encrypted.enc.yaml"}) {
    Status s = GuardClean(Fixture(name), name);
    EXPECT_TRUE(s.ok()) << name << ": " << (s.ok() ? "" : s.error().Describe());
  }
}

TEST(CleanGuard, RefusesPlaintextYamlNamingFileAndKeysButNoValues) {
  Status s = GuardClean(Fixture("flat.yaml"), "secrets/api/dev.enc.yaml");
  ASSERT_FALSE(s.ok());
  std::string msg = s.error().Describe();
  EXPECT_NE(msg.find("secrets/api/dev.enc.yaml"), std::string::npos);
  EXPECT_NE(msg.find("not sops-encrypted"), std::string::npos);
  EXPECT_NE(msg.find("DB_PASSWORD"), std::string::npos);
  EXPECT_EQ(msg.find("s3cr3t"), std::string::npos);
  EXPECT_EQ(msg.find("tok_0123"), std::string::npos);
  EXPECT_NE(msg.find("sops encrypt"), std::string::npos);  // says what to do
}

TEST(CleanGuard, RefusesPlaintextJsonAndDotenv) {
  EXPECT_FALSE(GuardClean(Fixture("rich.json"), "a.enc.json").ok());
  Status env = GuardClean(Fixture("flat.env"), "a.enc.env");
  ASSERT_FALSE(env.ok());
  EXPECT_NE(env.error().message.find("API_TOKEN"), std::string::npos);
}

TEST(CleanGuard, RefusesOneValueLeftInPlaintext) {
  std::string text = DecryptOneByHand(Fixture("flat.enc.yaml"), "DB_PASSWORD", "hunter2");
  Status s = GuardClean(text, "flat.enc.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("1 value is in plaintext"), std::string::npos);
  EXPECT_NE(s.error().message.find("DB_PASSWORD"), std::string::npos);
  EXPECT_EQ(s.error().message.find("DB_HOST"), std::string::npos);
  EXPECT_EQ(s.error().Describe().find("hunter2"), std::string::npos);
}

TEST(CleanGuard, RefusesPlaintextNestedValueWithItsPath) {
  std::string text = Fixture("rich.two-recipients.enc.yaml");
  size_t at = text.find("user: ENC[");
  ASSERT_NE(at, std::string::npos);
  text.replace(at + 6, text.find(']', at) - at - 5, "app");
  Status s = GuardClean(text, "rich.enc.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("nested.user"), std::string::npos);
}

TEST(CleanGuard, HonoursTheFilesEncryptedRegex) {
  // DB_HOST is plaintext by the file's own rule; DB_PASSWORD is not allowed to be.
  std::string text = Fixture("flat.encrypted-regex.enc.yaml");
  EXPECT_TRUE(GuardClean(text, "f.enc.yaml").ok());
  Status s = GuardClean(DecryptOneByHand(text, "DB_PASSWORD", "x"), "f.enc.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("encrypted_regex"), std::string::npos);
}

TEST(CleanGuard, UnencryptedSuffixValuesMayStayPlaintext) {
  std::string text = Fixture("rich.two-recipients.enc.yaml");
  ASSERT_NE(text.find("public_unencrypted: visible"), std::string::npos);
  EXPECT_TRUE(GuardClean(text, "r.enc.yaml").ok());
}

TEST(CleanGuard, RefusesContentThatDoesNotParseWithLine) {
  Status s = GuardClean("a: [unclosed\nb: 2\n", "x.enc.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().file, "x.enc.yaml");
  EXPECT_GT(s.error().line, 0);
  Status env = GuardClean("just words\n", "x.enc.env");
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().line, 1);
}

TEST(CleanGuard, RefusesInvalidRuleInMetadata) {
  std::string text = Fixture("flat.enc.yaml");
  size_t at = text.find("    unencrypted_suffix: _unencrypted\n");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "    encrypted_regex: ^x$\n");  // two rules: sops refuses such a file
  Status s = GuardClean(text, "two.enc.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("more than one encryption rule"), std::string::npos)
      << s.error().message;
}

TEST(CleanGuard, RefusesMetadataWithoutMac) {
  std::string text = Fixture("flat.enc.yaml");
  size_t at = text.find("    mac: ENC[");
  ASSERT_NE(at, std::string::npos);
  std::string no_mac = text;
  no_mac.erase(at, text.find('\n', at) - at + 1);
  Status s = GuardClean(no_mac, "m.enc.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("no MAC"), std::string::npos) << s.error().message;
  std::string plain_mac = text;
  plain_mac.replace(at, text.find('\n', at) - at, "    mac: 0123abcd");
  Status p = GuardClean(plain_mac, "m.enc.yaml");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("MAC is not an ENC"), std::string::npos) << p.error().message;
}

TEST(CleanGuard, EveryTruncationIsDecidedWithoutCrash) {
  for (const char* name : {"flat.enc.yaml", "rich.enc.json", "flat.enc.env"}) {
    std::string text = Fixture(name);
    for (size_t n = 1; n < text.size(); n += 7) {
      Status s = GuardClean(std::string_view(text).substr(0, n), name);
      if (!s.ok()) {
        EXPECT_NE(s.error().Describe().find(name), std::string::npos);
      }
    }
  }
}

TEST(CleanGuard, EmptyContentPasses) { EXPECT_TRUE(GuardClean("", "e.enc.yaml").ok()); }

}  // namespace
}  // namespace clef::filter

// Data keys: age entries in sops's exact layout (read by the age CLI and by us, unwrapped from
// real sops files), PGP through gpg with throwaway keys, Shamir split/combine.
#include "core/crypto/data_key.h"

#include <gtest/gtest.h>

#include "core/crypto/age_armor.h"
#include "core/crypto/shamir.h"
#include "tests/crypto/crypto_test_util.h"

namespace clef::crypto {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

TEST(DataKey, GeneratesThirtyTwoRandomBytes) {
  SecureBytes a = GenerateDataKey(), b = GenerateDataKey();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a.view(), b.view());
}

TEST(DataKey, AgeEntryHasSopsSevenLineLayout) {
  X25519Identity id = X25519Identity::Generate();
  SecureBytes key = GenerateDataKey();
  std::string enc = WrapDataKeyForAge(key.view(), id.Recipient());
  std::vector<std::string> lines = Lines(enc);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0], "-----BEGIN AGE ENCRYPTED FILE-----");
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(lines[i].size(), 64u);
  EXPECT_EQ(lines[5].size(), 56u);
  EXPECT_EQ(lines[6], "-----END AGE ENCRYPTED FILE-----");
  EXPECT_EQ(enc.back(), '\n');
}

TEST(DataKey, AgeEntryUnwrapsWithTheMatchingIdentity) {
  std::vector<X25519Identity> ids;
  ids.push_back(X25519Identity::Generate());
  SecureBytes key = GenerateDataKey();
  Result<std::string> enc =
      WrapDataKeyForAge(key.view(), "  " + ids[0].Recipient().ToString() + "\n");
  ASSERT_TRUE(enc.ok()) << enc.error().message;
  auto back = UnwrapAgeDataKey(*enc, ids);
  ASSERT_TRUE(back.ok() && back->has_value());
  EXPECT_TRUE(SecureEqual((*back)->view(), key.view()));
}

TEST(DataKey, AgeEntryForSomeoneElseIsNoMatchNotAnError) {
  std::vector<X25519Identity> mine;
  mine.push_back(X25519Identity::Generate());
  std::string enc =
      WrapDataKeyForAge(GenerateDataKey().view(), X25519Identity::Generate().Recipient());
  auto back = UnwrapAgeDataKey(enc, mine);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->has_value());
}

TEST(DataKey, TamperedAgeEntryIsAnError) {
  std::vector<X25519Identity> ids;
  ids.push_back(X25519Identity::Generate());
  std::string binary = *DearmorAge(WrapDataKeyForAge(GenerateDataKey().view(), ids[0].Recipient()));
  binary[binary.size() - 1] ^= 1;  // last byte of the payload tag
  auto back = UnwrapAgeDataKey(ArmorAge(binary), ids);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.error().message.find("age"), std::string::npos);
}

TEST(DataKey, AgeCliDecryptsOurEntry) {
  testing::TempDir dir;
  ASSERT_EQ(testing::RunCommand({"age-keygen", "-o", dir / "k.txt"}).exit_code, 0);
  std::string text = testing::ReadWholeFile(dir / "k.txt");
  size_t at = text.find("AGE-SECRET-KEY-1");
  auto id = X25519Identity::Parse(text.substr(at, 74));
  ASSERT_TRUE(id.ok());
  SecureBytes key = GenerateDataKey();
  testing::WriteWholeFile(dir / "enc", WrapDataKeyForAge(key.view(), id->Recipient()));
  testing::CommandResult dec = testing::RunCommand({"age", "-d", "-i", dir / "k.txt", dir / "enc"});
  ASSERT_EQ(dec.exit_code, 0) << dec.err;
  EXPECT_TRUE(dec.out == key.view());
}

TEST(DataKey, UnwrapsTheEntriesOfARealSopsFileWithTwoRecipients) {
  std::string file = testing::ReadWholeFile(std::string(CLEF_TESTDATA_DIR) +
                                            "/sops-3.12.2/rich.two-recipients.enc.yaml");
  std::vector<std::string> encs;
  for (size_t pos = 0; (pos = file.find("-----BEGIN AGE", pos)) != std::string::npos;) {
    size_t end = file.find("-----END AGE ENCRYPTED FILE-----", pos) + 32;
    std::string enc;
    for (const std::string& line : Lines(file.substr(pos, end - pos))) {
      size_t first = line.find_first_not_of(' ');
      enc += line.substr(first) + "\n";
    }
    encs.push_back(enc);
    pos = end;
  }
  ASSERT_EQ(encs.size(), 2u);
  std::vector<SecureBytes> keys;
  for (const char* who : {"identity-a.txt", "identity-b.txt"}) {
    std::string text =
        testing::ReadWholeFile(std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/" + who);
    std::vector<X25519Identity> ids;
    ids.push_back(std::move(*X25519Identity::Parse(text.substr(text.find("AGE-SECRET"), 74))));
    int matched = 0;
    for (const std::string& enc : encs) {
      auto key = UnwrapAgeDataKey(enc, ids);
      ASSERT_TRUE(key.ok()) << key.error().message;
      if (key->has_value()) {
        ++matched;
        keys.push_back(std::move(**key));
      }
    }
    EXPECT_EQ(matched, 1) << who;
  }
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].size(), 32u);
  EXPECT_TRUE(SecureEqual(keys[0].view(), keys[1].view()));
}

TEST(DataKey, NonX25519RecipientsAreRejectedByName) {
  SecureBytes key = GenerateDataKey();
  for (const char* r : {"age1pq1abcdef", "age1yubikey1qwerty", "ssh-ed25519 AAAA", "age1nope"}) {
    Result<std::string> enc = WrapDataKeyForAge(key.view(), r);
    ASSERT_FALSE(enc.ok()) << r;
    EXPECT_NE(enc.error().message.find(r), std::string::npos);
  }
}

// A throwaway gpg home with one unprotected key; removed at the end.
class PgpDataKey : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("GNUPGHOME", home_.str().c_str(), 1);
    testing::CommandResult gen =
        testing::RunCommand({"gpg", "--batch", "--passphrase", "", "--quick-generate-key",
                             "clef test <clef@example.invalid>", "rsa2048", "encrypt", "never"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    testing::CommandResult list =
        testing::RunCommand({"gpg", "--batch", "--with-colons", "--list-keys"});
    size_t fpr = list.out.find("\nfpr:");
    ASSERT_NE(fpr, std::string::npos);
    fingerprint_ = list.out.substr(fpr + 13, 40);
  }
  void TearDown() override {
    testing::RunCommand({"gpgconf", "--kill", "gpg-agent"});
    unsetenv("GNUPGHOME");
  }
  testing::TempDir home_;
  std::string fingerprint_;
};

TEST_F(PgpDataKey, WrapsAndUnwrapsThroughGpg) {
  SecureBytes key = GenerateDataKey();
  Result<std::string> enc = WrapDataKeyForPgp(key.view(), fingerprint_);
  ASSERT_TRUE(enc.ok()) << enc.error().message;
  EXPECT_EQ(enc->rfind("-----BEGIN PGP MESSAGE-----", 0), 0u);
  auto back = UnwrapPgpDataKey(*enc);
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_TRUE(back->has_value());
  EXPECT_TRUE(SecureEqual((*back)->view(), key.view()));
}

TEST_F(PgpDataKey, EntryForAKeyWeDoNotHaveIsNoMatch) {
  Result<std::string> enc = WrapDataKeyForPgp(GenerateDataKey().view(), fingerprint_);
  ASSERT_TRUE(enc.ok());
  testing::TempDir other;
  setenv("GNUPGHOME", other.str().c_str(), 1);
  auto back = UnwrapPgpDataKey(*enc);
  testing::RunCommand({"gpgconf", "--kill", "gpg-agent"});
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_FALSE(back->has_value());
}

TEST_F(PgpDataKey, GarbageEntryIsAnErrorFromGpg) {
  auto back = UnwrapPgpDataKey("not a pgp message");
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.error().message.find("gpg"), std::string::npos);
}

TEST_F(PgpDataKey, UnknownFingerprintIsAnErrorNamingIt) {
  Result<std::string> enc =
      WrapDataKeyForPgp(GenerateDataKey().view(), "0000000000000000000000000000000000000000");
  ASSERT_FALSE(enc.ok());
  EXPECT_NE(enc.error().message.find("0000000000000000000000000000000000000000"),
            std::string::npos);
}

TEST_F(PgpDataKey, MissingGpgProgramIsAnError) {
  setenv("SOPS_GPG_EXEC", "/nonexistent/gpg", 1);
  auto back = UnwrapPgpDataKey("x");
  unsetenv("SOPS_GPG_EXEC");
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.error().message.find("/nonexistent/gpg"), std::string::npos);
}

TEST(Shamir, AnyThresholdSubsetRecoversTheSecret) {
  SecureBytes secret = GenerateDataKey();
  auto shares = ShamirSplit(secret.view(), 3, 2);
  ASSERT_TRUE(shares.ok());
  ASSERT_EQ(shares->size(), 3u);
  for (const SecureBytes& s : *shares) EXPECT_EQ(s.size(), 33u);
  for (auto [i, j] : {std::pair{0, 1}, {0, 2}, {1, 2}}) {
    SecureBytes pair[2] = {SecureBytes::CopyOf((*shares)[i].view()),
                           SecureBytes::CopyOf((*shares)[j].view())};
    Result<SecureBytes> back = ShamirCombine(pair);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(SecureEqual(back->view(), secret.view())) << i << "," << j;
  }
}

TEST(Shamir, ThresholdThreeOfFive) {
  SecureBytes secret = GenerateDataKey();
  auto shares = ShamirSplit(secret.view(), 5, 3);
  ASSERT_TRUE(shares.ok());
  std::span<const SecureBytes> last3(shares->data() + 2, 3);
  EXPECT_TRUE(SecureEqual(ShamirCombine(last3)->view(), secret.view()));
  std::span<const SecureBytes> two(shares->data(), 2);
  EXPECT_FALSE(SecureEqual(ShamirCombine(two)->view(), secret.view()));
}

TEST(Shamir, ShareXCoordinateIsTheLastByte) {
  auto shares = ShamirSplit("k", 3, 2);
  ASSERT_TRUE(shares.ok());
  for (int i = 0; i < 3; ++i) EXPECT_EQ((*shares)[i].data()[1], i + 1);
}

TEST(Shamir, RejectsBadParameters) {
  EXPECT_FALSE(ShamirSplit("k", 3, 1).ok());
  EXPECT_FALSE(ShamirSplit("k", 2, 3).ok());
  EXPECT_FALSE(ShamirSplit("k", 256, 2).ok());
  EXPECT_FALSE(ShamirSplit("", 3, 2).ok());
}

TEST(Shamir, CombineRejectsBadShares) {
  auto shares = ShamirSplit("key", 3, 2);
  ASSERT_TRUE(shares.ok());
  std::span<const SecureBytes> one(shares->data(), 1);
  EXPECT_FALSE(ShamirCombine(one).ok());
  SecureBytes dup[2] = {SecureBytes::CopyOf((*shares)[0].view()),
                        SecureBytes::CopyOf((*shares)[0].view())};
  EXPECT_FALSE(ShamirCombine(dup).ok());
  SecureBytes uneven[2] = {SecureBytes::CopyOf((*shares)[0].view()), SecureBytes::CopyOf("ab")};
  EXPECT_FALSE(ShamirCombine(uneven).ok());
}

}  // namespace
}  // namespace clef::crypto

// Acceptance: Debian's `age` CLI decrypts what we encrypt, and we decrypt what it encrypts,
// binary and armored, at the STREAM chunk boundaries. Identities come from `age-keygen`.
#include <gtest/gtest.h>

#include "core/crypto/age.h"
#include "core/crypto/age_armor.h"
#include "tests/crypto/crypto_test_util.h"

namespace clef::crypto {
namespace {

struct AgeCliCase {
  size_t size;
  bool armored;
};

std::string CaseName(const ::testing::TestParamInfo<AgeCliCase>& info) {
  return std::to_string(info.param.size) + (info.param.armored ? "_armored" : "_binary");
}

std::string Payload(size_t size) {
  std::string out(size, '\0');
  for (size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 131 + 7) & 0xff);
  return out;
}

class AgeCliInterop : public ::testing::TestWithParam<AgeCliCase> {
 protected:
  void SetUp() override {
    key_file_ = dir_ / "key.txt";
    testing::CommandResult keygen = testing::RunCommand({"age-keygen", "-o", key_file_});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
    std::string text = testing::ReadWholeFile(key_file_);
    size_t at = text.find("AGE-SECRET-KEY-1");
    ASSERT_NE(at, std::string::npos);
    auto identity = X25519Identity::Parse(text.substr(at, text.find('\n', at) - at));
    ASSERT_TRUE(identity.ok()) << identity.error().message;
    identities_.push_back(std::move(*identity));
  }

  testing::TempDir dir_;
  std::string key_file_;
  std::vector<X25519Identity> identities_;
};

TEST_P(AgeCliInterop, AgeCliDecryptsWhatWeEncrypt) {
  std::string plaintext = Payload(GetParam().size);
  X25519Recipient recipient = identities_[0].Recipient();
  std::string file = AgeEncrypt(plaintext, {&recipient, 1});
  if (GetParam().armored) file = ArmorAge(file);
  testing::WriteWholeFile(dir_ / "ours.age", file);
  testing::CommandResult dec =
      testing::RunCommand({"age", "-d", "-i", key_file_, "-o", dir_ / "out", dir_ / "ours.age"});
  ASSERT_EQ(dec.exit_code, 0) << dec.err;
  EXPECT_TRUE(testing::ReadWholeFile(dir_ / "out") == plaintext);
}

TEST_P(AgeCliInterop, WeDecryptWhatAgeCliEncrypts) {
  std::string plaintext = Payload(GetParam().size);
  testing::WriteWholeFile(dir_ / "in", plaintext);
  std::vector<std::string> argv = {"age", "-e", "-r", identities_[0].Recipient().ToString()};
  if (GetParam().armored) argv.push_back("-a");
  argv.insert(argv.end(), {"-o", dir_ / "theirs.age", dir_ / "in"});
  testing::CommandResult enc = testing::RunCommand(argv);
  ASSERT_EQ(enc.exit_code, 0) << enc.err;
  AgeFailure failure;
  Result<SecureBytes> dec =
      AgeDecrypt(testing::ReadWholeFile(dir_ / "theirs.age"), identities_, &failure);
  ASSERT_TRUE(dec.ok()) << dec.error().message;
  EXPECT_EQ(failure, AgeFailure::kNone);
  EXPECT_TRUE(dec->view() == plaintext);
}

INSTANTIATE_TEST_SUITE_P(ChunkBoundaries, AgeCliInterop,
                         ::testing::Values(AgeCliCase{0, false}, AgeCliCase{0, true},
                                           AgeCliCase{1, false}, AgeCliCase{1, true},
                                           AgeCliCase{65535, false}, AgeCliCase{65535, true},
                                           AgeCliCase{65536, false}, AgeCliCase{65536, true},
                                           AgeCliCase{65537, false}, AgeCliCase{65537, true},
                                           AgeCliCase{1 << 20, false}, AgeCliCase{1 << 20, true}),
                         CaseName);

TEST(AgeCliInteropKeys, RecipientDerivedFromAnIdentityMatchesAgeKeygen) {
  testing::TempDir dir;
  testing::CommandResult keygen = testing::RunCommand({"age-keygen", "-o", dir / "k.txt"});
  ASSERT_EQ(keygen.exit_code, 0);
  std::string text = testing::ReadWholeFile(dir / "k.txt");
  size_t pub = text.find("# public key: ") + 14;
  std::string recipient = text.substr(pub, text.find('\n', pub) - pub);
  size_t at = text.find("AGE-SECRET-KEY-1");
  auto identity = X25519Identity::Parse(text.substr(at, text.find('\n', at) - at));
  ASSERT_TRUE(identity.ok());
  EXPECT_EQ(identity->Recipient().ToString(), recipient);
  EXPECT_EQ(identity->ToSecretString().view(), text.substr(at, text.find('\n', at) - at));
}

}  // namespace
}  // namespace clef::crypto

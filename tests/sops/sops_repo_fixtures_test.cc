// The PGP-encrypted fixtures of the sops repository (tests/data/sops-repo/, reference
// sops-format.md §7.2) open natively: the data key through the real gpg with the sops
// functional-test key in a throwaway GNUPGHOME, the values and MAC natively; the result equals
// what the real sops 3.12.2 prints. no_mac.yaml is refused. Files with several key groups
// (Shamir), written by the real sops, open when enough groups are available.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto/base64.h"
#include "core/sops/data_key.h"
#include "core/sops/opened_file.h"
#include "core/sops/sops_writer.h"
#include "sops/sops_support.h"

namespace clef::sops {
namespace {

namespace fs = std::filesystem;

std::string RepoFixturePath(const std::string& name) {
  return std::string(CLEF_TESTDATA_DIR) + "/sops-repo/" + name;
}

std::string ReadRepoFixture(const std::string& name) {
  std::ifstream in(RepoFixturePath(name), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

SecureBytes FromHex(std::string_view hex) {
  SecureBytes out(hex.size() / 2);
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (size_t i = 0; i < out.size(); ++i) {
    out.data()[i] = static_cast<uint8_t>(nibble(hex[2 * i]) * 16 + nibble(hex[2 * i + 1]));
  }
  return out;
}

// A GNUPGHOME of its own holding the two sops functional-test keys, for every test here.
class SopsRepoFixtures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* old = getenv("GNUPGHOME");
    if (old != nullptr) saved_ = old;
    char templ[] = "/tmp/clef-gnupg-XXXXXX";
    ASSERT_NE(mkdtemp(templ), nullptr);
    home_ = templ;
    setenv("GNUPGHOME", home_.c_str(), 1);
    std::string cmd = "gpg --batch --quiet --import '" +
                      RepoFixturePath("sops_functional_tests_key.asc") + "' 2>/dev/null";
    ASSERT_EQ(system(cmd.c_str()), 0) << "gpg --import of the sops test keys failed";
  }
  static void TearDownTestSuite() {
    std::string cmd = "gpgconf --homedir '" + home_ + "' --kill gpg-agent 2>/dev/null";
    (void)system(cmd.c_str());
    fs::remove_all(home_);
    if (saved_.empty()) {
      unsetenv("GNUPGHOME");
    } else {
      setenv("GNUPGHOME", saved_.c_str(), 1);
    }
  }
  static std::string home_;
  static std::string saved_;
};
std::string SopsRepoFixtures::home_;
std::string SopsRepoFixtures::saved_;

struct Fixture {
  const char* name;
  const char* format;
  const char* data_key_hex;  // sops-format.md §7.2, recovered with gpg
};

const Fixture kFixtures[] = {
    {"format.enc.yaml", "yaml", "af5e68dd342b72c6a0475f81a50da4fde898f4b7742c92cbcf1668211411f4e4"},
    {"format.enc.json", "json", "9f6aeda6383502c38f7dae6fbbb8cb6890582adb0335effa8952fe590d7a9596"},
    {"format.enc.env", "dotenv",
     "322d9a97997823fb2bf42f55a6c26100cbaf0520cf88bb7ebee1cf47dd6d318d"},
    {"comments.enc.yaml", "yaml",
     "61bec946f5783fd4cea3d1b1ce407fce2b6e81fc301cc539c422015e27f6d1be"},
    {"comments_unencrypted_comments.yaml", "yaml",
     "70f645aec88418dff72ac2a7a5503209cf00beda80706e6e157fd94ae53885a0"},
};

TEST_F(SopsRepoFixtures, EachOpensThroughGpgToExactlyWhatSopsPrints) {
  for (const Fixture& fx : kFixtures) {
    SCOPED_TRACE(fx.name);
    std::string text = ReadRepoFixture(fx.name);
    ASSERT_FALSE(text.empty());
    Result<SopsFile> f = ReadSopsFile(text, fx.name);
    ASSERT_TRUE(f.ok()) << f.error().Describe();
    // No age identity at all: the data key can only come from the pgp entry, through gpg.
    Result<OpenedFile> opened = OpenSopsFile(*f, IdentitySet());
    ASSERT_TRUE(opened.ok()) << opened.error().Describe();
    EXPECT_EQ(opened->opened_by.type, KeyType::kPgp);
    EXPECT_EQ(opened->opened_by.id, "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
    EXPECT_EQ(Hex(opened->data_key.view()), fx.data_key_hex);
    Result<doc::Document> plain = PlaintextDocument(*f, *opened);
    ASSERT_TRUE(plain.ok()) << plain.error().Describe();
    testing::SopsRun sops = testing::SopsDecrypt(text, fx.format, "identity-a.txt");
    ASSERT_EQ(sops.exit_code, 0) << sops.err;
    EXPECT_TRUE(doc::EmitDocument(*plain) == sops.out) << "native decryption differs from sops";
  }
}

TEST_F(SopsRepoFixtures, TheTabulatedDataKeysVerifyWithoutGpg) {
  for (const Fixture& fx : kFixtures) {
    SCOPED_TRACE(fx.name);
    Result<SopsFile> f = ReadSopsFile(ReadRepoFixture(fx.name), fx.name);
    ASSERT_TRUE(f.ok());
    Result<OpenedFile> checked = VerifyWithDataKey(*f, FromHex(fx.data_key_hex));
    EXPECT_TRUE(checked.ok()) << checked.error().Describe();
  }
}

TEST_F(SopsRepoFixtures, EncryptedCommentsDecryptWithTheirPathAsAad) {
  Result<SopsFile> f = ReadSopsFile(ReadRepoFixture("comments.enc.yaml"), "comments.enc.yaml");
  ASSERT_TRUE(f.ok());
  Result<OpenedFile> opened = OpenSopsFile(*f, IdentitySet());
  ASSERT_TRUE(opened.ok()) << opened.error().Describe();
  int comments = 0;
  for (const OpenedLeaf& leaf : opened->leaves) {
    if (leaf.is_comment && leaf.encrypted) ++comments;
  }
  EXPECT_EQ(comments, 2);
}

TEST_F(SopsRepoFixtures, NoMacIsRefusedNamingTheFile) {
  Result<SopsFile> f = ReadSopsFile(ReadRepoFixture("no_mac.yaml"), "no_mac.yaml");
  ASSERT_TRUE(f.ok()) << f.error().Describe();
  Result<OpenedFile> opened = OpenSopsFile(*f, IdentitySet());
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().Describe().find("no_mac.yaml"), std::string::npos)
      << opened.error().Describe();
  EXPECT_NE(opened.error().message.find("MAC"), std::string::npos) << opened.error().message;
  // Also with the right data key in hand: a missing MAC is never accepted.
  Result<OpenedFile> checked = VerifyWithDataKey(
      *f, FromHex("87f9ee7ab041cfd1946fb50e6166b29858fcb4224ae3816186a129248558461f"));
  EXPECT_FALSE(checked.ok());
}

TEST_F(SopsRepoFixtures, WithoutTheGpgKeyTheErrorListsThePgpRecipient) {
  char templ[] = "/tmp/clef-gnupg-empty-XXXXXX";
  ASSERT_NE(mkdtemp(templ), nullptr);
  setenv("GNUPGHOME", templ, 1);
  Result<SopsFile> f = ReadSopsFile(ReadRepoFixture("format.enc.yaml"), "format.enc.yaml");
  ASSERT_TRUE(f.ok());
  Result<OpenedFile> opened = OpenSopsFile(*f, IdentitySet());
  setenv("GNUPGHOME", home_.c_str(), 1);
  std::string cmd = std::string("gpgconf --homedir '") + templ + "' --kill gpg-agent 2>/dev/null";
  (void)system(cmd.c_str());
  fs::remove_all(templ);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4"),
            std::string::npos)
      << opened.error().message;
}

TEST_F(SopsRepoFixtures, RotatingAPgpFileRewrapsTheNewKeyThroughGpgAndSopsReadsIt) {
  std::string text = ReadRepoFixture("format.enc.yaml");
  Result<SopsFile> f = ReadSopsFile(text, "format.enc.yaml");
  ASSERT_TRUE(f.ok());
  Result<OpenedFile> opened = OpenSopsFile(*f, IdentitySet());
  ASSERT_TRUE(opened.ok()) << opened.error().Describe();
  Result<SopsFile> rotated = RotateDataKey(*f, *opened);
  ASSERT_TRUE(rotated.ok()) << rotated.error().Describe();
  std::string written = WriteSopsFile(*rotated);
  EXPECT_EQ(written.find("2026-05-22T20:16:20Z"), std::string::npos) << "created_at renewed";
  Result<SopsFile> back = ReadSopsFile(written, "format.enc.yaml");
  ASSERT_TRUE(back.ok());
  Result<OpenedFile> reopened = OpenSopsFile(*back, IdentitySet());
  ASSERT_TRUE(reopened.ok()) << reopened.error().Describe();
  EXPECT_NE(Hex(reopened->data_key.view()), Hex(opened->data_key.view()));
  testing::SopsRun sops = testing::SopsDecrypt(written, "yaml", "identity-a.txt");
  ASSERT_EQ(sops.exit_code, 0) << sops.err;
  EXPECT_EQ(sops.out, "foo: bar\n");
}

// --- Shamir key groups, written by the real sops -------------------------------------------

std::string KeyText(const std::string& identity_file) {
  return testing::ReadFixture(identity_file);
}

// A file encrypted by sops with one age key group per identity and the given threshold.
std::string ShamirFile(int threshold) {
  fs::path dir = fs::temp_directory_path() / ("clef-shamir-" + std::to_string(getpid()));
  fs::create_directories(dir);
  {
    std::ofstream cfg(dir / "sops.yaml");
    cfg << "creation_rules:\n  - shamir_threshold: " << threshold << "\n    key_groups:\n"
        << "      - age: [" << testing::PublicKeyOf("identity-a.txt") << "]\n"
        << "      - age: [" << testing::PublicKeyOf("identity-b.txt") << "]\n";
  }
  testing::SopsRun run =
      testing::RunSops({"--config", (dir / "sops.yaml").string(), "encrypt", "--input-type", "yaml",
                        "--output-type", "yaml", "--filename-override", "x.yaml", "/dev/stdin"},
                       "identity-a.txt", "token: s3cr3t\nport: 5432\n");
  fs::remove_all(dir);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.out;
}

IdentitySet Both() {
  IdentitySet ids;
  EXPECT_TRUE(ids.AddKeyFileText(KeyText("identity-a.txt"), "identity-a.txt").ok());
  EXPECT_TRUE(ids.AddKeyFileText(KeyText("identity-b.txt"), "identity-b.txt").ok());
  return ids;
}

TEST(ShamirKeyGroups, TwoOfTwoGroupsOpenWithBothIdentities) {
  std::string text = ShamirFile(2);
  Result<SopsFile> f = ReadSopsFile(text, "x.enc.yaml");
  ASSERT_TRUE(f.ok()) << f.error().Describe();
  ASSERT_EQ(f->metadata.EffectiveGroups().size(), 2u);
  Result<OpenedFile> opened = OpenSopsFile(*f, Both());
  ASSERT_TRUE(opened.ok()) << opened.error().Describe();
  Result<doc::Document> plain = PlaintextDocument(*f, *opened);
  ASSERT_TRUE(plain.ok());
  testing::SopsRun sops = testing::RunSopsWithKeyText(
      {"decrypt", "--input-type", "yaml", "--output-type", "yaml", "/dev/stdin"},
      KeyText("identity-a.txt") + KeyText("identity-b.txt"), text);
  ASSERT_EQ(sops.exit_code, 0) << sops.err;
  EXPECT_TRUE(doc::EmitDocument(*plain) == sops.out);
}

TEST(ShamirKeyGroups, OneGroupOfTwoIsNotEnoughAndSaysSo) {
  Result<SopsFile> f = ReadSopsFile(ShamirFile(2), "x.enc.yaml");
  ASSERT_TRUE(f.ok());
  Result<OpenedFile> opened = OpenSopsFile(*f, testing::Identity("identity-a.txt"));
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("needs 2 of its 2 key groups"), std::string::npos)
      << opened.error().message;
  EXPECT_NE(opened.error().message.find("open 1"), std::string::npos);
  EXPECT_EQ(opened.error().message.find("AGE-SECRET-KEY"), std::string::npos);
}

}  // namespace
}  // namespace clef::sops

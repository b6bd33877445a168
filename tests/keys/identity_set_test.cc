// Finding age identities in every place sops and Clef look, and every way a source can be
// broken. Environments are passed explicitly (no process-wide setenv), keys come from
// age-keygen in temp dirs.
#include "core/keys/identity_set.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/crypto/age.h"
#include "core/crypto/age_armor.h"
#include "core/crypto/data_key.h"
#include "core/keys/shlex.h"
#include "tests/crypto/crypto_test_util.h"

namespace clef::keys {
namespace {

using Env = std::map<std::string, std::string>;

EnvLookup Lookup(const Env& env) {
  return [env](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
}

struct KeyFile {
  std::string path, identity, recipient;
};

KeyFile MakeKey(const testing::TempDir& dir, const std::string& name) {
  KeyFile k;
  k.path = dir / name;
  std::filesystem::create_directories(std::filesystem::path(k.path).parent_path());
  testing::CommandResult r = testing::RunCommand({"age-keygen", "-o", k.path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string text = testing::ReadWholeFile(k.path);
  k.identity = text.substr(text.find("AGE-SECRET-KEY-1"), 74);
  size_t pub = text.find("# public key: ") + 14;
  k.recipient = text.substr(pub, text.find('\n', pub) - pub);
  return k;
}

class IdentitySources : public ::testing::Test {
 protected:
  // An environment with an empty HOME so the developer's own keys.txt is never read.
  Env BaseEnv() { return {{"HOME", dir_ / "home"}}; }
  testing::TempDir dir_;
};

TEST_F(IdentitySources, NothingConfiguredGivesAnEmptySet) {
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(BaseEnv()));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_TRUE(ids->empty());
}

TEST_F(IdentitySources, SopsAgeKeyHoldsTheIdentitiesThemselves) {
  KeyFile a = MakeKey(dir_, "a.txt"), b = MakeKey(dir_, "b.txt");
  Env env = BaseEnv();
  env["SOPS_AGE_KEY"] = "# comment\n\n" + a.identity + "  " + b.identity + "\n";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(ids->AgeRecipients(), (std::vector<std::string>{a.recipient, b.recipient}));
  EXPECT_EQ(ids->sources()[0], "SOPS_AGE_KEY");
}

TEST_F(IdentitySources, SopsAgeKeyFileIsReadWithCrlfAndComments) {
  KeyFile a = MakeKey(dir_, "a.txt");
  testing::WriteWholeFile(dir_ / "crlf.txt", "# created: now\r\n" + a.identity + "\r\n\r\n");
  Env env = BaseEnv();
  env["SOPS_AGE_KEY_FILE"] = dir_ / "crlf.txt";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(ids->AgeRecipients(), std::vector<std::string>{a.recipient});
  EXPECT_EQ(ids->Describe()[0],
            a.recipient + " (from SOPS_AGE_KEY_FILE=" + (dir_ / "crlf.txt") + ")");
}

TEST_F(IdentitySources, SopsAgeKeyCmdRunsWithoutAShellAndSeesTheRecipient) {
  KeyFile a = MakeKey(dir_, "a.txt");
  // The script prints the key only when SOPS_AGE_RECIPIENT is the expected recipient.
  testing::WriteWholeFile(dir_ / "print key.sh", "if [ \"$SOPS_AGE_RECIPIENT\" = \"" + a.recipient +
                                                     "\" ]; then cat \"$1\"; "
                                                     "else echo wrong recipient >&2; exit 3; fi\n");
  Env env = BaseEnv();
  env["SOPS_AGE_KEY_CMD"] = "bash '" + (dir_ / "print key.sh") + "' " + a.path;
  Result<IdentitySet> ids = IdentitySet::FromEnvironment(a.recipient, Lookup(env));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(ids->AgeRecipients(), std::vector<std::string>{a.recipient});
}

TEST_F(IdentitySources, FailingKeyCmdIsAnErrorNamingTheCommand) {
  KeyFile a = MakeKey(dir_, "a.txt");
  testing::WriteWholeFile(dir_ / "k.sh", "echo wrong recipient >&2; exit 3\n");
  Env env = BaseEnv();
  env["SOPS_AGE_KEY_CMD"] = "bash " + (dir_ / "k.sh");
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("age1other", Lookup(env));
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.error().message.find("SOPS_AGE_KEY_CMD=bash"), std::string::npos);
  EXPECT_NE(ids.error().message.find("exit 3"), std::string::npos);
  EXPECT_NE(ids.error().message.find("wrong recipient"), std::string::npos);
}

TEST_F(IdentitySources, KeyCmdThatCannotStartIsAnError) {
  Env env = BaseEnv();
  env["SOPS_AGE_KEY_CMD"] = "/nonexistent/keytool --print";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.error().message.find("/nonexistent/keytool"), std::string::npos);
}

TEST_F(IdentitySources, KeyCmdWithUnbalancedQuotesIsAnError) {
  Env env = BaseEnv();
  env["SOPS_AGE_KEY_CMD"] = "echo 'oops";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.error().message.find("SOPS_AGE_KEY_CMD"), std::string::npos);
}

TEST_F(IdentitySources, KeyCmdPrintingGarbageIsAnErrorWithoutTheOutput) {
  Env env = BaseEnv();
  env["SOPS_AGE_KEY_CMD"] = "echo AGE-SECRET-KEY-1NOTAKEY";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.error().message.find("line 1"), std::string::npos);
  EXPECT_EQ(ids.error().message.find("NOTAKEY\n"), std::string::npos);
}

TEST_F(IdentitySources, XdgConfigHomeKeysTxtIsTheDefault) {
  KeyFile a = MakeKey(dir_, "xdg/sops/age/keys.txt");
  Env env = BaseEnv();
  env["XDG_CONFIG_HOME"] = dir_ / "xdg";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(ids->AgeRecipients(), std::vector<std::string>{a.recipient});
}

TEST_F(IdentitySources, HomeConfigKeysTxtIsUsedWithoutXdgConfigHome) {
  KeyFile a = MakeKey(dir_, "home/.config/sops/age/keys.txt");
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(BaseEnv()));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(ids->AgeRecipients(), std::vector<std::string>{a.recipient});
}

TEST_F(IdentitySources, ClefVariablesAreSourcesToo) {
  KeyFile a = MakeKey(dir_, "a.txt"), b = MakeKey(dir_, "b.txt");
  Env env = BaseEnv();
  env["CLEF_AGE_KEY"] = a.identity;
  env["CLEF_AGE_KEY_FILE"] = b.path;
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(ids->AgeRecipients(), (std::vector<std::string>{a.recipient, b.recipient}));
  EXPECT_EQ(ids->sources()[1], "CLEF_AGE_KEY_FILE=" + b.path);
}

TEST_F(IdentitySources, AllSourcesAreLoadedTogetherInOrder) {
  KeyFile a = MakeKey(dir_, "a.txt"), b = MakeKey(dir_, "b.txt"), c = MakeKey(dir_, "c.txt"),
          d = MakeKey(dir_, "home/.config/sops/age/keys.txt"), e = MakeKey(dir_, "e.txt");
  Env env = BaseEnv();
  env["SOPS_AGE_KEY"] = a.identity;
  env["SOPS_AGE_KEY_FILE"] = b.path;
  env["SOPS_AGE_KEY_CMD"] = "cat " + c.path;
  env["CLEF_AGE_KEY_FILE"] = e.path;
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(ids->AgeRecipients(), (std::vector<std::string>{a.recipient, b.recipient, c.recipient,
                                                            d.recipient, e.recipient}));
}

TEST_F(IdentitySources, LoadedIdentitiesDecryptASopsAgeEntry) {
  KeyFile a = MakeKey(dir_, "a.txt");
  Env env = BaseEnv();
  env["SOPS_AGE_KEY_FILE"] = a.path;
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_TRUE(ids.ok());
  SecureBytes key = crypto::GenerateDataKey();
  Result<std::string> enc = crypto::WrapDataKeyForAge(key.view(), a.recipient);
  auto back = crypto::UnwrapAgeDataKey(*enc, ids->age());
  ASSERT_TRUE(back.ok() && back->has_value());
  EXPECT_TRUE(SecureEqual((*back)->view(), key.view()));
}

TEST_F(IdentitySources, MissingKeyFileIsAnErrorNamingTheVariableAndPath) {
  Env env = BaseEnv();
  env["SOPS_AGE_KEY_FILE"] = dir_ / "missing.txt";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.error().message.find("SOPS_AGE_KEY_FILE=" + (dir_ / "missing.txt")),
            std::string::npos);
}

TEST_F(IdentitySources, MalformedKeyFileLineIsAnErrorWithLineNumberButNoKeyText) {
  KeyFile a = MakeKey(dir_, "a.txt");
  std::string broken = a.identity;
  broken[20] = broken[20] == 'Q' ? 'P' : 'Q';  // checksum no longer matches
  testing::WriteWholeFile(dir_ / "bad.txt", "# header\n" + broken + "\n");
  Env env = BaseEnv();
  env["CLEF_AGE_KEY_FILE"] = dir_ / "bad.txt";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_FALSE(ids.ok());
  std::string all = ids.error().Describe();
  EXPECT_NE(all.find("CLEF_AGE_KEY_FILE=" + (dir_ / "bad.txt") + ", line 2"), std::string::npos);
  EXPECT_EQ(all.find(broken), std::string::npos);
  EXPECT_EQ(all.find(broken.substr(16, 20)), std::string::npos);
}

TEST_F(IdentitySources, MalformedSopsAgeKeyIsAnErrorNamingTheVariable) {
  Env env = BaseEnv();
  env["SOPS_AGE_KEY"] = "not-a-key";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.error().message.find("SOPS_AGE_KEY"), std::string::npos);
  EXPECT_FALSE(ids.error().hint.empty());
}

TEST_F(IdentitySources, MalformedDefaultKeysTxtIsAnErrorNamingThePath) {
  std::filesystem::create_directories(dir_ / "home/.config/sops/age");
  testing::WriteWholeFile(dir_ / "home/.config/sops/age/keys.txt", "garbage\n");
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(BaseEnv()));
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.error().message.find("home/.config/sops/age/keys.txt"), std::string::npos);
}

TEST_F(IdentitySources, PassphraseProtectedKeyFileIsAnExplicitError) {
  KeyFile a = MakeKey(dir_, "a.txt");
  std::string armored = crypto::ArmorAge(crypto::AgeEncrypt(
      a.identity,
      std::vector<crypto::X25519Recipient>{*crypto::X25519Recipient::Parse(a.recipient)}));
  testing::WriteWholeFile(dir_ / "protected.txt", armored);
  Env env = BaseEnv();
  env["SOPS_AGE_KEY_FILE"] = dir_ / "protected.txt";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.error().message.find("passphrase-protected"), std::string::npos);
}

TEST_F(IdentitySources, PostQuantumAndPluginIdentitiesAreSkippedWithANote) {
  KeyFile a = MakeKey(dir_, "a.txt");
  Env env = BaseEnv();
  env["SOPS_AGE_KEY"] = "AGE-PLUGIN-YUBIKEY-1QQQQ\nAGE-SECRET-KEY-PQ-1QQQQ\n" + a.identity;
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  EXPECT_EQ(ids->size(), 1u);
  ASSERT_EQ(ids->Notes().size(), 2u);
  EXPECT_NE(ids->Notes()[0].find("plugin"), std::string::npos);
  EXPECT_NE(ids->Notes()[1].find("post-quantum"), std::string::npos);
}

TEST_F(IdentitySources, EmptyVariablesCountAsUnset) {
  Env env = BaseEnv();
  env["SOPS_AGE_KEY"] = "";
  env["SOPS_AGE_KEY_FILE"] = "";
  env["SOPS_AGE_KEY_CMD"] = "";
  Result<IdentitySet> ids = IdentitySet::FromEnvironment("", Lookup(env));
  ASSERT_TRUE(ids.ok());
  EXPECT_TRUE(ids->empty());
}

TEST(Shlex, SplitsLikeAPosixShellWithoutExpanding) {
  EXPECT_EQ(*ShlexSplit("pass show 'age key'"),
            (std::vector<std::string>{"pass", "show", "age key"}));
  EXPECT_EQ(*ShlexSplit(R"(a "b \"c\" $HOME" d\ e)"),
            (std::vector<std::string>{"a", "b \"c\" $HOME", "d e"}));
  EXPECT_EQ(*ShlexSplit("  x  # trailing comment"), std::vector<std::string>{"x"});
  EXPECT_EQ(*ShlexSplit("''"), std::vector<std::string>{""});
  EXPECT_TRUE(ShlexSplit("   ")->empty());
}

TEST(Shlex, RejectsUnfinishedQuotesAndEscapes) {
  EXPECT_FALSE(ShlexSplit("a 'b").ok());
  EXPECT_FALSE(ShlexSplit("a \"b").ok());
  EXPECT_FALSE(ShlexSplit("a \\").ok());
}

}  // namespace
}  // namespace clef::keys

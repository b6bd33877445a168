// Opening merge sides and sealing results (merge-driver/sops_side.h) on a file the real sops
// 3.12.2 wrote, and the local identities (merge-driver/identities.h).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "merge-driver/identities.h"
#include "merge-driver/sops_side.h"

namespace clef::merge {
namespace {

const std::string kData = std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2";
const std::string kRecipientA = "age1turugrjvgdqztgutwpg6x36xchgptlyylx395e4pt2u69ulk3asqamaq6s";

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

keys::EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

MergeIdentities IdentityA() {
  Result<MergeIdentities> ids =
      LoadMergeIdentities(Env({{"SOPS_AGE_KEY_FILE", kData + "/identity-a.txt"}}));
  EXPECT_TRUE(ids.ok());
  return std::move(*ids);
}

// The line of `text` starting with `key` + ": ".
std::string LineOf(const std::string& text, const std::string& key) {
  size_t at = text.find("\n" + key + ": ");
  at = at == std::string::npos ? 0 : at + 1;
  return text.substr(at, text.find('\n', at) - at);
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

class SopsSessionTest : public ::testing::Test {
 protected:
  const std::string flat_ = Slurp(kData + "/flat.enc.yaml");
  MergeIdentities ids_ = IdentityA();
};

TEST_F(SopsSessionTest, OpensAFileSopsWroteAndVerifiesItsMac) {
  SopsSession session(ids_);
  auto side = session.Open(flat_, "flat.enc.yaml", Side::kOurs);
  ASSERT_TRUE(side.ok()) << side.error().Describe();
  EXPECT_EQ((*side)->plaintext.size(), 4u);
  EXPECT_EQ(session.decryptions(), 4u);
  EXPECT_EQ((*side)->data_key.size(), 32u);
}

TEST_F(SopsSessionTest, AValueUnchangedBetweenSidesIsDecryptedOnce) {
  SopsSession session(ids_);
  ASSERT_TRUE(session.Open(flat_, "f", Side::kBase).ok());
  ASSERT_TRUE(session.Open(flat_, "f", Side::kOurs).ok());
  ASSERT_TRUE(session.Open(flat_, "f", Side::kTheirs).ok());
  EXPECT_EQ(session.decryptions(), 4u);
}

TEST_F(SopsSessionTest, ACiphertextMovedToAnotherKeyIsNotTakenFromTheCache) {
  // Theirs carries ours' DB_HOST ciphertext under DB_PASSWORD: same bytes, another AAD.
  SopsSession session(ids_);
  ASSERT_TRUE(session.Open(flat_, "f", Side::kOurs).ok());
  std::string host = LineOf(flat_, "DB_HOST").substr(9);
  std::string password = LineOf(flat_, "DB_PASSWORD").substr(13);
  std::string moved = Replace(flat_, "DB_PASSWORD: " + password, "DB_PASSWORD: " + host);
  auto theirs = session.Open(moved, "f", Side::kTheirs);
  ASSERT_FALSE(theirs.ok());
  EXPECT_NE(theirs.error().message.find("theirs version's value at DB_PASSWORD does not decrypt"),
            std::string::npos)
      << theirs.error().message;
}

TEST_F(SopsSessionTest, ATamperedValueNamesTheSide) {
  std::string line = LineOf(flat_, "API_TOKEN");
  std::string tampered = line;
  tampered[line.find("data:") + 5] = tampered[line.find("data:") + 5] == 'A' ? 'B' : 'A';
  SopsSession session(ids_);
  auto base = session.Open(Replace(flat_, line, tampered), "f", Side::kBase);
  ASSERT_FALSE(base.ok());
  EXPECT_NE(base.error().message.find("the base version's value at API_TOKEN does not decrypt"),
            std::string::npos);
}

TEST_F(SopsSessionTest, AMalformedValueIsReportedAsSuch) {
  std::string line = LineOf(flat_, "DB_PORT");
  SopsSession session(ids_);
  auto ours =
      session.Open(Replace(flat_, line, "DB_PORT: ENC[AES256_GCM,data:,iv:x]"), "f", Side::kOurs);
  ASSERT_FALSE(ours.ok());
  EXPECT_NE(ours.error().message.find("ours version has a malformed encrypted value at DB_PORT"),
            std::string::npos)
      << ours.error().message;
}

TEST_F(SopsSessionTest, AMacThatDoesNotVerifyNamesTheSide) {
  // Every remaining value still decrypts; only the MAC notices that one was removed.
  std::string without = Replace(flat_, LineOf(flat_, "DB_HOST") + "\n", "");
  SopsSession session(ids_);
  auto theirs = session.Open(without, "f", Side::kTheirs);
  ASSERT_FALSE(theirs.ok());
  EXPECT_NE(theirs.error().message.find("the MAC of the theirs version does not verify"),
            std::string::npos)
      << theirs.error().message;
}

TEST_F(SopsSessionTest, NoLocalIdentityListsRecipientsAndPlaces) {
  Result<MergeIdentities> none = LoadMergeIdentities(Env({{"HOME", "/nonexistent"}}));
  ASSERT_TRUE(none.ok());
  SopsSession session(*none);
  auto ours = session.Open(flat_, "secrets/dev.enc.yaml", Side::kOurs);
  ASSERT_FALSE(ours.ok());
  const std::string& m = ours.error().message;
  EXPECT_NE(m.find("no local identity opens the ours version"), std::string::npos) << m;
  EXPECT_NE(m.find(kRecipientA), std::string::npos) << m;
  EXPECT_NE(m.find("SOPS_AGE_KEY_FILE (not set)"), std::string::npos) << m;
  EXPECT_NE(m.find("SOPS_AGE_KEY_CMD (not set)"), std::string::npos) << m;
  EXPECT_NE(m.find("/nonexistent/.config/sops/age/keys.txt (absent)"), std::string::npos) << m;
  EXPECT_EQ(ours.error().file, "secrets/dev.enc.yaml");
}

TEST_F(SopsSessionTest, ASealedResultOpensAgainInAFreshSession) {
  SopsSession session(ids_);
  auto ours = session.Open(flat_, "flat.enc.yaml", Side::kOurs);
  ASSERT_TRUE(ours.ok());
  sops::SopsFile result = (*ours)->file;
  ASSERT_TRUE(session.Seal(result, (*ours)->data_key, "2026-11-29T09:00:00Z").ok());
  std::string written = sops::WriteSopsFile(result);
  EXPECT_NE(written.find("lastmodified: \"2026-11-29T09:00:00Z\""), std::string::npos);
  EXPECT_EQ(LineOf(written, "DB_HOST"), LineOf(flat_, "DB_HOST"));  // ciphertext kept
  SopsSession fresh(ids_);
  auto again = fresh.Open(written, "flat.enc.yaml", Side::kTheirs);
  EXPECT_TRUE(again.ok()) << again.error().Describe();
}

TEST_F(SopsSessionTest, APlainYamlTimestampIsSealedAsSopsEncryptsIt) {
  // A plaintext `2024-01-02` (hand-written where no rule encrypted, then a rule that does) is
  // a YAML time; sops encrypts its MarshalText form with type:time.
  SopsSession session(ids_);
  auto ours = session.Open(flat_, "flat.enc.yaml", Side::kOurs);
  ASSERT_TRUE(ours.ok());
  sops::SopsFile result = (*ours)->file;
  result.document.root().items.insert(
      result.document.root().items.begin(),
      doc::Item::Entry("EXPIRES", doc::Node::MakeScalar(doc::ScalarType::kTime, "2024-01-02")));
  Status sealed = session.Seal(result, (*ours)->data_key, "2026-11-29T09:00:00Z");
  ASSERT_TRUE(sealed.ok()) << sealed.error().Describe();
  std::string written = sops::WriteSopsFile(result);
  EXPECT_NE(LineOf(written, "EXPIRES").find(",type:time]"), std::string::npos) << written;
  SopsSession fresh(ids_);
  auto again = fresh.Open(written, "flat.enc.yaml", Side::kTheirs);
  ASSERT_TRUE(again.ok()) << again.error().Describe();
  const LeafPlaintext& expires =
      (*again)->plaintext.at(&(*again)->file.document.root().items.front().value);
  EXPECT_EQ(expires.type, sops::ValueType::kTime);
  EXPECT_TRUE(SecureEqual(expires.bytes, "2024-01-02T00:00:00Z"));
}

TEST_F(SopsSessionTest, EveryFixtureSopsWroteOpensAndSealsAgain) {
  // YAML, JSON and dotenv; encrypted_regex; mac_only_encrypted (the MAC's SHA-256 prefix);
  // two recipients.
  for (const char* name :
       {"flat.enc.yaml", "flat.enc.env", "flat.encrypted-regex.enc.yaml",
        "flat.mac-only-encrypted.enc.yaml", "rich.enc.json", "rich.two-recipients.enc.yaml"}) {
    SCOPED_TRACE(name);
    SopsSession session(ids_);
    auto side = session.Open(Slurp(kData + "/" + name), name, Side::kOurs);
    ASSERT_TRUE(side.ok()) << side.error().Describe();
    sops::SopsFile result = (*side)->file;
    ASSERT_TRUE(session.Seal(result, (*side)->data_key, "2026-11-29T09:00:00Z").ok());
    SopsSession fresh(ids_);
    auto again = fresh.Open(sops::WriteSopsFile(result), name, Side::kTheirs);
    EXPECT_TRUE(again.ok()) << again.error().Describe();
  }
}

TEST_F(SopsSessionTest, ReencryptedValuesAreSealedUnderTheNewKeyOnly) {
  SopsSession session(ids_);
  auto ours = session.Open(flat_, "flat.enc.yaml", Side::kOurs);
  ASSERT_TRUE(ours.ok());
  SecureBytes old_key = SecureBytes::CopyOf((*ours)->data_key);
  SecureBytes new_key = SecureBytes::Random(32);
  ASSERT_TRUE(session.Reencrypt(**ours, new_key.view()).ok());
  EXPECT_TRUE(SecureEqual((*ours)->data_key, new_key.view()));
  sops::SopsFile under_new = (*ours)->file;
  sops::SopsFile under_old = (*ours)->file;
  ASSERT_TRUE(session.Seal(under_new, new_key.view(), "2026-11-29T09:00:00Z").ok());
  EXPECT_NE(LineOf(sops::WriteSopsFile(under_new), "DB_HOST"), LineOf(flat_, "DB_HOST"));
  // The cache knows these ciphertexts under the new key only.
  Status wrong = session.Seal(under_old, old_key.view(), "2026-11-29T09:00:00Z");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("does not decrypt"), std::string::npos);
}

TEST(MergeIdentities, PlacesNameVariablesAndPathsButNeverInlineKeys) {
  std::vector<std::string> places = IdentityPlaces(Env({{"SOPS_AGE_KEY", "AGE-SECRET-KEY-1XYZ"},
                                                        {"SOPS_AGE_KEY_FILE", "/k/keys.txt"},
                                                        {"XDG_CONFIG_HOME", "/cfg"},
                                                        {"CLEF_AGE_KEY_FILE", "/c/key.txt"}}));
  std::vector<std::string> expected = {
      "SOPS_AGE_KEY (set)",         "SOPS_AGE_KEY_FILE=/k/keys.txt",
      "SOPS_AGE_KEY_CMD (not set)", "default key file /cfg/sops/age/keys.txt (absent)",
      "CLEF_AGE_KEY (not set)",     "CLEF_AGE_KEY_FILE=/c/key.txt"};
  EXPECT_EQ(places, expected);
}

TEST(MergeIdentities, LoadsInlineKeysAndKeyFiles) {
  std::string key_text = Slurp(kData + "/identity-b.txt");
  Result<MergeIdentities> ids = LoadMergeIdentities(
      Env({{"CLEF_AGE_KEY", key_text}, {"SOPS_AGE_KEY_FILE", kData + "/identity-a.txt"}}));
  ASSERT_TRUE(ids.ok()) << ids.error().Describe();
  EXPECT_EQ(ids->set.size(), 2u);
}

TEST(MergeIdentities, AKeyFileThatIsSetButMissingIsAnErrorNamingIt) {
  Result<MergeIdentities> ids =
      LoadMergeIdentities(Env({{"SOPS_AGE_KEY_FILE", "/nonexistent/keys.txt"}}));
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.error().Describe().find("/nonexistent/keys.txt"), std::string::npos);
}

}  // namespace
}  // namespace clef::merge

// The textconv key view: key paths and fingerprints, never values (unless revealed), never a
// failure; keyed plaintext fingerprints when a local identity opens the file.
#include "filters/key_view.h"

#include <gtest/gtest.h>

#include <algorithm>
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

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

keys::IdentitySet Identity(const std::string& name) {
  keys::IdentitySet ids;
  Status s = ids.AddKeyFile(std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/" + name, name);
  EXPECT_TRUE(s.ok()) << s.error().Describe();
  return ids;
}

// The view's lines for the key path `key` (e.g. "DB_PORT = ").
std::string LineOf(const std::string& view, const std::string& key) {
  std::istringstream in(view);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(key)) return line;
  }
  return "";
}

// Replaces the first `from` in `text` (which must be there).
std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(KeyView, ListsEveryKeyPathOfNestedYaml) {
  // sops 3.12.2 writes the comment inside `nested.list` as an encrypted list item, so the
  // mapping {k: v} is the fourth element.
  std::string v = RenderKeyView(Fixture("rich.two-recipients.enc.yaml"), "/tmp/x_r.enc.yaml");
  for (const char* path :
       {"DB_HOST = enc:", "nested.user = enc:", "nested.list[0] = enc:", "nested.list[3].k = enc:",
        "empty = \"\"", "public_unencrypted = plain:", "multi = enc:"}) {
    EXPECT_TRUE(Has(v, path)) << path << "\n" << v;
  }
  EXPECT_FALSE(Has(v, "nothing"));  // null leaves are not part of a sops tree
}

TEST(KeyView, ShowsRecipientsButNoMetadataNoise) {
  std::string v = RenderKeyView(Fixture("rich.two-recipients.enc.yaml"), "r.enc.yaml");
  EXPECT_TRUE(Has(v, "sops recipient: age age1"));
  EXPECT_FALSE(Has(v, "lastmodified"));
  EXPECT_FALSE(Has(v, "mac"));
  EXPECT_FALSE(Has(v, "BEGIN AGE"));
  EXPECT_FALSE(Has(v, "ENC["));
}

TEST(KeyView, CommentsAppearEncryptedOnesAsFingerprints) {
  std::string yaml = RenderKeyView(Fixture("rich.two-recipients.enc.yaml"), "r.enc.yaml");
  EXPECT_TRUE(Has(yaml, "# enc:")) << yaml;
  std::string env = RenderKeyView(Fixture("flat.enc.env"), "f.enc.env");
  EXPECT_TRUE(Has(env, "# enc:")) << env;
  EXPECT_TRUE(Has(env, "API_TOKEN = enc:"));
  EXPECT_TRUE(Has(env, "sops recipient: age age1"));
  EXPECT_FALSE(Has(env, "sops_mac"));
}

TEST(KeyView, JsonKeysAreListed) {
  std::string v = RenderKeyView(Fixture("rich.enc.json"), "r.enc.json");
  EXPECT_TRUE(Has(v, "(json)"));
  EXPECT_TRUE(Has(v, "nested.list[0] = enc:")) << v;
}

TEST(KeyView, ChangingOneValueChangesExactlyItsLine) {
  std::string a = Fixture("flat.enc.yaml");
  std::string b = a;
  size_t at = b.find("DB_PORT: ENC[AES256_GCM,data:") + 30;
  b[at] = b[at] == 'A' ? 'B' : 'A';
  std::istringstream va(RenderKeyView(a, "f.enc.yaml")), vb(RenderKeyView(b, "f.enc.yaml"));
  std::string la, lb;
  int differing = 0;
  while (std::getline(va, la) && std::getline(vb, lb)) {
    if (la != lb) {
      ++differing;
      EXPECT_TRUE(la.starts_with("DB_PORT = ")) << la;
    }
  }
  EXPECT_EQ(differing, 1);
}

TEST(KeyView, NeverShowsPlaintextValues) {
  std::string v = RenderKeyView(Fixture("flat.encrypted-regex.enc.yaml"), "f.enc.yaml");
  EXPECT_TRUE(Has(v, "DB_HOST = plain:"));
  EXPECT_FALSE(Has(v, "localhost"));
  std::string plain = RenderKeyView(Fixture("flat.yaml"), "f.enc.yaml");
  EXPECT_TRUE(Has(plain, "not a sops-encrypted file"));
  EXPECT_FALSE(Has(plain, "s3cr3t"));
  EXPECT_FALSE(Has(plain, "DB_PASSWORD"));
}

TEST(KeyView, MalformedAndEmptyContentGivePlaceholders) {
  std::string bad = RenderKeyView("a: [unclosed\n", "/tmp/abc_x.enc.yaml");
  EXPECT_TRUE(Has(bad, "abc_x.enc.yaml: unreadable (line")) << bad;
  EXPECT_TRUE(Has(RenderKeyView("", "e.enc.yaml"), "empty file"));
  EXPECT_TRUE(Has(RenderKeyView("no equals sign here\n", "e.enc.env"), "unreadable"));
}

TEST(KeyView, FingerprintIsStableTwelveHexDigits) {
  EXPECT_EQ(Fingerprint("abc"), Fingerprint("abc"));
  EXPECT_NE(Fingerprint("abc"), Fingerprint("abd"));
  EXPECT_EQ(Fingerprint("abc").size(), 12u);
}

TEST(KeyView, WithoutIdentityHeaderSaysCiphertext) {
  std::string v = RenderKeyView(Fixture("flat.enc.yaml"), "f.enc.yaml");
  EXPECT_TRUE(Has(v, "fingerprints of the ciphertext")) << v;
  EXPECT_FALSE(Has(v, "hmac:"));
}

TEST(KeyView, OpenedFileHasKeyedPlaintextFingerprintsAndNoValues) {
  keys::IdentitySet a = Identity("identity-a.txt");
  std::string v = RenderKeyView(Fixture("flat.enc.yaml"), "f.enc.yaml", {.identities = &a});
  EXPECT_TRUE(Has(v, "keyed fingerprints of the plaintext")) << v;
  for (const char* key :
       {"DB_HOST = hmac:", "DB_PORT = hmac:", "DB_PASSWORD = hmac:", "API_TOKEN = hmac:"}) {
    EXPECT_TRUE(Has(v, key)) << key << "\n" << v;
  }
  EXPECT_FALSE(Has(v, "enc:"));
  EXPECT_FALSE(Has(v, "s3cr3t"));
  EXPECT_FALSE(Has(v, "localhost"));
  EXPECT_FALSE(Has(v, "tok_0123"));
}

TEST(KeyView, OpenedViewHasTheSameLinesAsTheCiphertextView) {
  keys::IdentitySet a = Identity("identity-a.txt");
  for (const char* name : {"rich.two-recipients.enc.yaml", "rich.enc.json", "flat.enc.env"}) {
    std::string plain = RenderKeyView(Fixture(name), name);
    std::string keyed = RenderKeyView(Fixture(name), name, {.identities = &a});
    EXPECT_TRUE(Has(keyed, "hmac:")) << name << "\n" << keyed;
    // The same lines, plus the data key id.
    EXPECT_EQ(std::count(plain.begin(), plain.end(), '\n') + 1,
              std::count(keyed.begin(), keyed.end(), '\n'))
        << name;
    EXPECT_TRUE(Has(keyed, "\nsops data key: id ")) << keyed;
  }
}

TEST(KeyView, IdentityThatIsNotARecipientGivesCiphertextView) {
  keys::IdentitySet b = Identity("identity-b.txt");
  std::string v = RenderKeyView(Fixture("flat.enc.yaml"), "f.enc.yaml", {.identities = &b});
  EXPECT_TRUE(Has(v, "DB_PORT = enc:")) << v;
  EXPECT_FALSE(Has(v, "hmac:"));
  // The second recipient of the rich file is identity b.
  std::string rich =
      RenderKeyView(Fixture("rich.two-recipients.enc.yaml"), "r.enc.yaml", {.identities = &b});
  EXPECT_TRUE(Has(rich, "DB_PORT = hmac:")) << rich;
}

TEST(KeyView, KeyedFingerprintDependsOnKeyPathValueAndDataKey) {
  SecureBytes k1 = FingerprintKey(std::string(32, 'a'));
  SecureBytes k2 = FingerprintKey(std::string(32, 'b'));
  EXPECT_EQ(KeyedFingerprint(k1, "a.b", "v"), KeyedFingerprint(k1, "a.b", "v"));
  EXPECT_EQ(KeyedFingerprint(k1, "a.b", "v").size(), 12u);
  EXPECT_NE(KeyedFingerprint(k1, "a.b", "v"), KeyedFingerprint(k1, "a.c", "v"));
  EXPECT_NE(KeyedFingerprint(k1, "a.b", "v"), KeyedFingerprint(k1, "a.b", "w"));
  EXPECT_NE(KeyedFingerprint(k1, "a.b", "v"), KeyedFingerprint(k2, "a.b", "v"));
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  EXPECT_NE(KeyedFingerprint(k1, "ab", "c"), KeyedFingerprint(k1, "a", "bc"));
  EXPECT_NE(KeyedFingerprint(k1, "a", "v"), Fingerprint("v"));
}

TEST(KeyView, TamperedMacWithIdentityGivesPlaceholderAndCiphertextView) {
  keys::IdentitySet a = Identity("identity-a.txt");
  std::string text = Replace(Fixture("flat.enc.yaml"), "mac: ENC[AES256_GCM,data:sBhj",
                             "mac: ENC[AES256_GCM,data:sBhk");
  std::string v = RenderKeyView(text, "/tmp/x_t.enc.yaml", {.identities = &a, .reveal = true});
  EXPECT_TRUE(Has(v, "# clef-filter: x_t.enc.yaml: DOES NOT VERIFY")) << v;
  EXPECT_TRUE(Has(v, "DB_PORT = enc:")) << v;
  EXPECT_FALSE(Has(v, "hmac:"));
  EXPECT_FALSE(Has(v, "localhost"));
  EXPECT_FALSE(Has(v, "s3cr3t"));
}

TEST(KeyView, TamperedValueWithIdentityNamesItsKeyPathButNoValue) {
  keys::IdentitySet a = Identity("identity-a.txt");
  std::string text = Fixture("flat.enc.yaml");
  size_t at = text.find("DB_PORT: ENC[AES256_GCM,data:") + 30;
  text[at] = text[at] == 'A' ? 'B' : 'A';
  std::string v = RenderKeyView(text, "f.enc.yaml", {.identities = &a, .reveal = true});
  EXPECT_TRUE(Has(v, "DOES NOT VERIFY")) << v;
  EXPECT_TRUE(Has(v, "DB_PORT")) << v;
  EXPECT_FALSE(Has(v, "localhost"));
}

TEST(KeyView, DamagedAgeEntryFallsBackToCiphertextWithANote) {
  keys::IdentitySet a = Identity("identity-a.txt");
  std::string text = Fixture("flat.enc.yaml");
  size_t at = text.find("YWtiNlZ1UmJw");  // the armored header's MAC line
  ASSERT_NE(at, std::string::npos);
  text[at + 4] = text[at + 4] == 'A' ? 'B' : 'A';
  std::string v = RenderKeyView(text, "f.enc.yaml", {.identities = &a});
  EXPECT_TRUE(Has(v, "DB_PORT = enc:")) << v;
  EXPECT_FALSE(Has(v, "hmac:"));
}

TEST(KeyView, RevealShowsOpenedValuesQuotedOnOneLine) {
  keys::IdentitySet a = Identity("identity-a.txt");
  std::string v =
      RenderKeyView(Fixture("flat.enc.yaml"), "f.enc.yaml", {.identities = &a, .reveal = true});
  EXPECT_TRUE(Has(v, "VALUES IN CLEAR")) << v;
  EXPECT_EQ(LineOf(v, "DB_PASSWORD = "), "DB_PASSWORD = \"s3cr3t: with colon\"");
  EXPECT_EQ(LineOf(v, "DB_PORT = "), "DB_PORT = \"5432\"");
  std::string rich = RenderKeyView(Fixture("rich.two-recipients.enc.yaml"), "r.enc.yaml",
                                   {.identities = &a, .reveal = true});
  EXPECT_TRUE(LineOf(rich, "multi = ").find("\\n") != std::string::npos) << rich;
}

TEST(KeyView, RevealWithoutIdentityShowsNoValues) {
  std::string v = RenderKeyView(Fixture("flat.enc.yaml"), "f.enc.yaml", {.reveal = true});
  EXPECT_TRUE(Has(v, "DB_PASSWORD = enc:")) << v;
  EXPECT_FALSE(Has(v, "s3cr3t"));
  keys::IdentitySet b = Identity("identity-b.txt");
  std::string other =
      RenderKeyView(Fixture("flat.enc.yaml"), "f.enc.yaml", {.identities = &b, .reveal = true});
  EXPECT_FALSE(Has(other, "s3cr3t"));
}

TEST(KeyView, EveryTruncationRendersWithoutValues) {
  keys::IdentitySet a = Identity("identity-a.txt");
  for (const char* name : {"flat.enc.yaml", "rich.enc.json", "flat.enc.env"}) {
    std::string text = Fixture(name);
    const size_t at = text.find(",iv:", text.find("DB_HOST"));  // its IV, in every format
    ASSERT_NE(at, std::string::npos) << name;
    const std::string ciphertext = text.substr(at + 4, 16);
    for (size_t n = 1; n < text.size(); n += 7) {
      std::string v = RenderKeyView(std::string_view(text).substr(0, n), name, {.identities = &a});
      EXPECT_FALSE(v.empty());
      EXPECT_FALSE(Has(v, "s3cr3t")) << name << " at " << n;
      EXPECT_FALSE(Has(v, ciphertext)) << name << " at " << n;  // no ciphertext either
    }
  }
}

TEST(KeyView, MalformedMetadataGivesPlaceholder) {
  std::string text = Replace(Fixture("flat.enc.yaml"), "    version: 3.12.2", "    version: [x]");
  std::string v = RenderKeyView(text, "f.enc.yaml");
  EXPECT_TRUE(Has(v, "malformed sops metadata")) << v;
}

}  // namespace
}  // namespace clef::filter

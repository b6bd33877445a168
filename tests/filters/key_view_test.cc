// The textconv key view: key paths and fingerprints, never values, never a failure.
#include "filters/key_view.h"

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

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(KeyView, ListsEveryKeyPathOfNestedYaml) {
  // sops 3.12.2 writes the comment inside `nested.list` as an encrypted list item, so the
  // mapping {k: v} is the fourth element.
  std::string v = RenderKeyView(Fixture("rich.two-recipients.enc.yaml"), "/tmp/x_r.enc.yaml");
  for (const char* path : {"DB_HOST = enc:", "nested.user = enc:", "nested.list[0] = enc:",
                           "nested.list[3].k = enc:", "empty = \"\"", "public_unencrypted = plain:",
                           "multi = enc:"}) {
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

}  // namespace
}  // namespace clef::filter

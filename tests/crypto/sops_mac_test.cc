// The sops MAC: the SHA-512 vector of sops-format.md §2, the mac_only_encrypted prefix, the
// lastmodified AAD normalisation, and full verification of real sops 3.12.2 files whose data
// key is unwrapped natively from their age entry.
#include "core/crypto/sops_mac.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "core/crypto/data_key.h"
#include "core/crypto/enc_value.h"
#include "core/crypto/value_bytes.h"
#include "tests/crypto/crypto_test_util.h"

namespace clef::crypto {
namespace {

TEST(SopsMac, SingleLeafVectorFromSopsIssue2243) {
  MacHasher mac(false);
  mac.Add("real@example.com");
  EXPECT_EQ(mac.Finish(),
            "DD26D0EC6D4AEE75B44CE763AEFD20C521A80E8437404BF74B0B7D41796C137D1A144E337BF955F50B7"
            "29A2F1C74563B4679A3ADB55B57407B09C67C51991FFA");
}

TEST(SopsMac, LeavesAreConcatenatedWithoutSeparators) {
  MacHasher split(false), joined(false);
  split.Add("real@");
  split.Add("");
  split.Add("example.com");
  joined.Add("real@example.com");
  EXPECT_EQ(split.Finish(), joined.Finish());
}

TEST(SopsMac, MacOnlyEncryptedStartsWithSha256OfSops) {
  // SHA-256("sops") fed first, as 32 raw bytes.
  std::string prefix;
  const char* hex = "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69";
  for (int i = 0; i < 64; i += 2)
    prefix.push_back(static_cast<char>(std::stoi(std::string(hex + i, 2), nullptr, 16)));
  MacHasher only_encrypted(true), manual(false);
  only_encrypted.Add("x");
  manual.Add(prefix);
  manual.Add("x");
  EXPECT_EQ(only_encrypted.Finish(), manual.Finish());
}

TEST(SopsMac, LastModifiedIsNormalisedLikeGo) {
  EXPECT_EQ(*NormaliseLastModified("2026-08-21T04:35:49Z"), "2026-08-21T04:35:49Z");
  EXPECT_EQ(*NormaliseLastModified("2006-01-02T15:04:05.000Z"), "2006-01-02T15:04:05Z");
  EXPECT_EQ(*NormaliseLastModified("2006-01-02T15:04:05+00:00"), "2006-01-02T15:04:05Z");
  EXPECT_EQ(*NormaliseLastModified("2006-01-02T15:04:05.123+02:00"), "2006-01-02T15:04:05+02:00");
}

TEST(SopsMac, LastModifiedThatGoCannotParseIsAnError) {
  for (const char* bad : {"2006-01-02t15:04:05Z", "2006-01-02T15:04:05z", "2006-01-02 15:04:05Z",
                          "2006-02-30T15:04:05Z", "yesterday", ""}) {
    Result<std::string> r = NormaliseLastModified(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
}

TEST(SopsMac, EncryptThenVerifyRoundTrips) {
  SecureBytes key = GenerateDataKey();
  MacHasher mac(false);
  mac.Add("v");
  std::string hex = mac.Finish();
  Result<std::string> stored = EncryptMac(key.view(), hex, "2026-01-01T00:00:00Z");
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(VerifyMac(key.view(), *stored, "2026-01-01T00:00:00.000+00:00", hex).ok());
}

TEST(SopsMac, VerifyReportsAMismatch) {
  SecureBytes key = GenerateDataKey();
  Result<std::string> stored =
      EncryptMac(key.view(), std::string(128, 'A'), "2026-01-01T00:00:00Z");
  Status s = VerifyMac(key.view(), *stored, "2026-01-01T00:00:00Z", std::string(128, 'B'));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("MAC mismatch"), std::string::npos);
  EXPECT_EQ(s.error().message.find("AAAA"), std::string::npos);
}

TEST(SopsMac, VerifyFailsWhenLastModifiedWasEdited) {
  SecureBytes key = GenerateDataKey();
  Result<std::string> stored =
      EncryptMac(key.view(), std::string(128, 'A'), "2026-01-01T00:00:00Z");
  Status s = VerifyMac(key.view(), *stored, "2026-01-01T00:00:01Z", std::string(128, 'A'));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("lastmodified"), std::string::npos);
}

TEST(SopsMac, VerifyReportsAnEmptyMac) {
  SecureBytes key = GenerateDataKey();
  Status s = VerifyMac(key.view(), "", "2026-01-01T00:00:00Z", std::string(128, 'A'));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("no MAC"), std::string::npos);
}

TEST(SopsMac, VerifyReportsAMalformedMac) {
  SecureBytes key = GenerateDataKey();
  Status s = VerifyMac(key.view(), "ENC[garbage]", "2026-01-01T00:00:00Z", std::string(128, 'A'));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("malformed"), std::string::npos);
}

// A flat sops YAML file as written by sops 3.12.2: top-level "KEY: value" lines, then the sops
// block with one age entry.
struct FlatSopsFile {
  std::vector<std::pair<std::string, std::string>> values;
  std::string enc, lastmodified, mac;
  bool mac_only_encrypted = false;
};

FlatSopsFile ReadFlatSopsFile(const std::string& path) {
  std::istringstream in(testing::ReadWholeFile(path));
  FlatSopsFile f;
  std::string line;
  bool in_sops = false;
  while (std::getline(in, line)) {
    if (line == "sops:") in_sops = true;
    if (!in_sops) {
      size_t colon = line.find(": ");
      f.values.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    } else if (line.rfind("            ", 0) == 0) {
      f.enc += line.substr(12) + "\n";
    } else if (line.rfind("    lastmodified: ", 0) == 0) {
      f.lastmodified = line.substr(19, line.size() - 20);
    } else if (line.rfind("    mac: ", 0) == 0) {
      f.mac = line.substr(9);
    } else if (line == "    mac_only_encrypted: true") {
      f.mac_only_encrypted = true;
    }
  }
  return f;
}

std::vector<X25519Identity> IdentityA() {
  std::string text =
      testing::ReadWholeFile(std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/identity-a.txt");
  size_t at = text.find("AGE-SECRET-KEY-1");
  std::vector<X25519Identity> ids;
  ids.push_back(std::move(*X25519Identity::Parse(text.substr(at, 74))));
  return ids;
}

void ExpectFileVerifies(const std::string& name) {
  FlatSopsFile f = ReadFlatSopsFile(std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/" + name);
  ASSERT_FALSE(f.values.empty());
  std::vector<X25519Identity> ids = IdentityA();
  Result<std::optional<SecureBytes>> key = UnwrapAgeDataKey(f.enc, ids);
  ASSERT_TRUE(key.ok()) << key.error().message;
  ASSERT_TRUE(key->has_value());
  const SecureBytes& data_key = **key;
  MacHasher mac(f.mac_only_encrypted);
  int encrypted = 0;
  for (const auto& [k, v] : f.values) {
    if (!LooksEncrypted(v)) {
      if (!f.mac_only_encrypted) mac.Add(v);
      continue;
    }
    Result<EncryptedValue> enc = ParseEncryptedValue(v);
    ASSERT_TRUE(enc.ok()) << k;
    Result<SecureBytes> plain = DecryptValue(data_key.view(), *enc, k + ":");
    ASSERT_TRUE(plain.ok()) << k;
    Result<SecureBytes> bytes = ToBytes(enc->type, plain->view());
    ASSERT_TRUE(bytes.ok()) << k;
    mac.Add(bytes->view());
    ++encrypted;
  }
  EXPECT_GT(encrypted, 0);
  Status s = VerifyMac(data_key.view(), f.mac, f.lastmodified, mac.Finish());
  EXPECT_TRUE(s.ok()) << s.error().message;
}

TEST(SopsMacRealFiles, FlatFileWrittenBySopsVerifies) { ExpectFileVerifies("flat.enc.yaml"); }

TEST(SopsMacRealFiles, EncryptedRegexFileWrittenBySopsVerifies) {
  ExpectFileVerifies("flat.encrypted-regex.enc.yaml");
}

TEST(SopsMacRealFiles, MacOnlyEncryptedFileWrittenBySopsVerifies) {
  ExpectFileVerifies("flat.mac-only-encrypted.enc.yaml");
}

TEST(SopsMacRealFiles, FlatFileDecryptsToItsPlaintext) {
  FlatSopsFile f = ReadFlatSopsFile(std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/flat.enc.yaml");
  std::vector<X25519Identity> ids = IdentityA();
  auto key = UnwrapAgeDataKey(f.enc, ids);
  ASSERT_TRUE(key.ok() && key->has_value());
  Result<EncryptedValue> port = ParseEncryptedValue(f.values[1].second);
  ASSERT_TRUE(port.ok());
  EXPECT_EQ(port->type, ValueType::kInt);
  Result<SecureBytes> plain = DecryptValue((*key)->view(), *port, "DB_PORT:");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->view(), "5432");
}

TEST(SopsMacRealFiles, ATamperedValueBreaksTheMac) {
  FlatSopsFile f = ReadFlatSopsFile(std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/flat.enc.yaml");
  std::vector<X25519Identity> ids = IdentityA();
  auto key = UnwrapAgeDataKey(f.enc, ids);
  ASSERT_TRUE(key.ok() && key->has_value());
  MacHasher mac(false);
  mac.Add("localhost");
  mac.Add("5433");  // not what the file holds
  mac.Add("s3cr3t: with colon");
  mac.Add("tok_0123456789abcdef");
  EXPECT_FALSE(VerifyMac((*key)->view(), f.mac, f.lastmodified, mac.Finish()).ok());
}

}  // namespace
}  // namespace clef::crypto

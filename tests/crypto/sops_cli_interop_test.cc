// End-to-end check of the primitives against the real sops 3.12.2 binary: a flat YAML file
// assembled from our data key, our age `enc` entry, our ENC values and our MAC decrypts with
// `sops decrypt`, and a file sops encrypts decrypts and verifies with our primitives.
#include <gtest/gtest.h>

#include "core/crypto/data_key.h"
#include "core/crypto/enc_value.h"
#include "core/crypto/sops_mac.h"
#include "core/crypto/value_bytes.h"
#include "tests/crypto/crypto_test_util.h"

namespace clef::crypto {
namespace {

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    out += prefix + text.substr(pos, nl - pos) + "\n";
    pos = nl + 1;
  }
  return out;
}

TEST(SopsCliInterop, SopsDecryptsAFileBuiltFromOurPrimitives) {
  testing::TempDir dir;
  X25519Identity id = X25519Identity::Generate();
  testing::WriteWholeFile(dir / "key.txt", std::string(id.ToSecretString().view()) + "\n");
  SecureBytes key = GenerateDataKey();

  struct Leaf {
    const char* name;
    const char* text;
    ValueType type;
  };
  const Leaf leaves[] = {{"DB_HOST", "localhost", ValueType::kStr},
                         {"DB_PORT", "5432", ValueType::kInt},
                         {"RATIO", "0.5", ValueType::kFloat},
                         {"ENABLED", "true", ValueType::kBool}};
  std::string yaml;
  MacHasher mac(false);
  for (const Leaf& leaf : leaves) {
    Result<SecureBytes> bytes = ToBytes(leaf.type, leaf.text);
    ASSERT_TRUE(bytes.ok());
    mac.Add(bytes->view());
    Result<EncryptedValue> enc =
        EncryptValue(key.view(), bytes->view(), std::string(leaf.name) + ":", leaf.type);
    ASSERT_TRUE(enc.ok());
    yaml += std::string(leaf.name) + ": " + FormatEncryptedValue(*enc) + "\n";
  }
  const std::string lastmodified = "2026-11-29T03:00:00Z";
  Result<std::string> stored_mac = EncryptMac(key.view(), mac.Finish(), lastmodified);
  ASSERT_TRUE(stored_mac.ok());
  yaml += "sops:\n    age:\n        - recipient: " + id.Recipient().ToString() +
          "\n          enc: |\n" +
          Indent(WrapDataKeyForAge(key.view(), id.Recipient()), "            ") +
          "    lastmodified: \"" + lastmodified + "\"\n    mac: " + *stored_mac +
          "\n    unencrypted_suffix: _unencrypted\n    version: 3.12.2\n";
  testing::WriteWholeFile(dir / "ours.enc.yaml", yaml);

  testing::CommandResult dec =
      testing::RunCommand({CLEF_SOPS_BIN, "decrypt", dir / "ours.enc.yaml"}, {},
                          {"SOPS_AGE_KEY_FILE=" + (dir / "key.txt")});
  ASSERT_EQ(dec.exit_code, 0) << dec.err;
  EXPECT_EQ(dec.out, "DB_HOST: localhost\nDB_PORT: 5432\nRATIO: 0.5\nENABLED: true\n");
}

TEST(SopsCliInterop, SopsRefusesOurFileWhenAValueWasSwapped) {
  // Control for the test above: the same construction with the MAC computed over other values
  // is rejected by sops, so the positive result really depends on our MAC.
  testing::TempDir dir;
  X25519Identity id = X25519Identity::Generate();
  testing::WriteWholeFile(dir / "key.txt", std::string(id.ToSecretString().view()) + "\n");
  SecureBytes key = GenerateDataKey();
  MacHasher mac(false);
  mac.Add("other");
  Result<EncryptedValue> enc = EncryptValue(key.view(), "localhost", "DB_HOST:", ValueType::kStr);
  const std::string lastmodified = "2026-11-29T03:00:00Z";
  std::string yaml = "DB_HOST: " + FormatEncryptedValue(*enc) +
                     "\nsops:\n    age:\n        - recipient: " + id.Recipient().ToString() +
                     "\n          enc: |\n" +
                     Indent(WrapDataKeyForAge(key.view(), id.Recipient()), "            ") +
                     "    lastmodified: \"" + lastmodified +
                     "\"\n    mac: " + *EncryptMac(key.view(), mac.Finish(), lastmodified) +
                     "\n    unencrypted_suffix: _unencrypted\n    version: 3.12.2\n";
  testing::WriteWholeFile(dir / "bad.enc.yaml", yaml);
  testing::CommandResult dec = testing::RunCommand({CLEF_SOPS_BIN, "decrypt", dir / "bad.enc.yaml"},
                                                   {}, {"SOPS_AGE_KEY_FILE=" + (dir / "key.txt")});
  EXPECT_NE(dec.exit_code, 0);
  EXPECT_NE(dec.err.find("MAC mismatch"), std::string::npos) << dec.err;
}

}  // namespace
}  // namespace clef::crypto

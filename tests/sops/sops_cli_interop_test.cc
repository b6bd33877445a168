// End-to-end check of the sops primitives against the real sops 3.12.2 binary: a flat YAML file
// assembled by hand from a fresh data key, its age `enc` (WrapDataKey), values sealed with
// SealValue and a MAC from MacHasher + SealMac decrypts with `sops decrypt`; the same file with
// a MAC over other values is refused. (No document API involved: sops_writer_test covers that.)
#include <gtest/gtest.h>

#include <string>

#include "core/crypto/age_x25519.h"
#include "core/crypto/data_key.h"
#include "core/sops/data_key.h"
#include "core/sops/mac.h"
#include "core/sops/value_bytes.h"
#include "core/sops/value_cipher.h"
#include "sops/sops_support.h"

namespace clef::sops {
namespace {

constexpr char kLastModified[] = "2026-11-29T03:00:00Z";

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    out += prefix + text.substr(pos, nl - pos) + "\n";
    pos = nl + 1;
  }
  return out;
}

// The sops block sops 3.12.2 writes for one age recipient.
std::string SopsBlock(std::string_view data_key, const crypto::X25519Identity& id,
                      const std::string& mac) {
  return "sops:\n    age:\n        - recipient: " + id.Recipient().ToString() +
         "\n          enc: |\n" + Indent(WrapDataKey(data_key, id.Recipient()), "            ") +
         "    lastmodified: \"" + kLastModified + "\"\n    mac: " + mac +
         "\n    unencrypted_suffix: _unencrypted\n    version: 3.12.2\n";
}

testing::SopsRun SopsDecryptWithKey(const std::string& yaml, const crypto::X25519Identity& id) {
  return testing::RunSopsWithKeyText(
      {"decrypt", "--input-type", "yaml", "--output-type", "yaml", "/dev/stdin"},
      std::string(id.ToSecretString().view()) + "\n", yaml);
}

TEST(SopsCliInterop, SopsDecryptsAFileBuiltFromThePrimitives) {
  crypto::X25519Identity id = crypto::X25519Identity::Generate();
  SecureBytes key = crypto::GenerateDataKey();

  struct Leaf {
    const char* name;
    doc::Scalar scalar;
    ValueType type;
  };
  const Leaf leaves[] = {{"DB_HOST", {doc::ScalarType::kString, "localhost"}, ValueType::kStr},
                         {"DB_PORT", {doc::ScalarType::kInt, "5432"}, ValueType::kInt},
                         {"RATIO", {doc::ScalarType::kFloat, "0.5"}, ValueType::kFloat},
                         {"ENABLED", {doc::ScalarType::kBool, "true"}, ValueType::kBool}};
  std::string yaml;
  MacHasher mac(false);
  for (const Leaf& leaf : leaves) {
    ASSERT_EQ(TypeTagFor(leaf.scalar), leaf.type) << leaf.name;
    Result<SecureBytes> bytes = ScalarBytes(leaf.scalar);
    ASSERT_TRUE(bytes.ok()) << leaf.name;
    mac.Add(bytes->view());
    EncryptedValue enc =
        SealValue(key.view(), bytes->view(), std::string(leaf.name) + ":", leaf.type);
    yaml += std::string(leaf.name) + ": " + enc.Format() + "\n";
  }
  Result<std::string> stored_mac = SealMac(key.view(), mac.HexDigest(), kLastModified);
  ASSERT_TRUE(stored_mac.ok());
  yaml += SopsBlock(key.view(), id, *stored_mac);

  testing::SopsRun dec = SopsDecryptWithKey(yaml, id);
  ASSERT_EQ(dec.exit_code, 0) << dec.err;
  EXPECT_EQ(dec.out, "DB_HOST: localhost\nDB_PORT: 5432\nRATIO: 0.5\nENABLED: true\n");
}

TEST(SopsCliInterop, SopsRefusesTheFileWhenTheMacCoversOtherValues) {
  // Control for the test above: the same construction with the MAC computed over another value
  // is rejected by sops, so the positive result really depends on our MAC.
  crypto::X25519Identity id = crypto::X25519Identity::Generate();
  SecureBytes key = crypto::GenerateDataKey();
  MacHasher mac(false);
  mac.Add("other");
  Result<std::string> stored_mac = SealMac(key.view(), mac.HexDigest(), kLastModified);
  ASSERT_TRUE(stored_mac.ok());
  std::string yaml =
      "DB_HOST: " + SealValue(key.view(), "localhost", "DB_HOST:", ValueType::kStr).Format() +
      "\n" + SopsBlock(key.view(), id, *stored_mac);

  testing::SopsRun dec = SopsDecryptWithKey(yaml, id);
  EXPECT_NE(dec.exit_code, 0);
  EXPECT_NE(dec.err.find("MAC mismatch"), std::string::npos) << dec.err;
  EXPECT_EQ(dec.out.find("localhost"), std::string::npos);
}

TEST(SopsCliInterop, SopsRefusesAValueSealedUnderAnotherKeyPath) {
  // A value moved to another key no longer authenticates under its new AAD, for sops too.
  crypto::X25519Identity id = crypto::X25519Identity::Generate();
  SecureBytes key = crypto::GenerateDataKey();
  MacHasher mac(false);
  mac.Add("localhost");
  Result<std::string> stored_mac = SealMac(key.view(), mac.HexDigest(), kLastModified);
  ASSERT_TRUE(stored_mac.ok());
  std::string yaml =
      "DB_HOST: " + SealValue(key.view(), "localhost", "API_HOST:", ValueType::kStr).Format() +
      "\n" + SopsBlock(key.view(), id, *stored_mac);

  testing::SopsRun dec = SopsDecryptWithKey(yaml, id);
  EXPECT_NE(dec.exit_code, 0);
  EXPECT_EQ(dec.out.find("localhost"), std::string::npos);
}

}  // namespace
}  // namespace clef::sops

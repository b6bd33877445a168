// Acceptance: every X25519 and armor vector of the C2SP CCTV age suite (npm cctv-age@0.2.0)
// gives its expected outcome and released-plaintext hash. The vectors are exported once with
// node (which also inflates the zlib-compressed ones) and read as plain files.
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "core/crypto/age.h"
#include "core/crypto/age_armor.h"
#include "core/crypto/age_header.h"
#include "tests/crypto/crypto_test_util.h"

namespace clef::crypto {
namespace {

struct Vector {
  std::string name;
  std::multimap<std::string, std::string> fields;
  std::string body;
  std::string Get(const std::string& key) const {
    auto it = fields.find(key);
    return it == fields.end() ? "" : it->second;
  }
};

std::vector<Vector> LoadVectors(const testing::TempDir& dir) {
  testing::CommandResult export_run = testing::RunCommand(
      {"node", std::string(CLEF_SOURCE_DIR) + "/tests/crypto/cctv_export.mjs",
       std::string(CLEF_DEPS_DIR) + "/node_modules/cctv-age/index.js", dir.str()});
  EXPECT_EQ(export_run.exit_code, 0) << export_run.err;
  std::vector<Vector> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir.str())) {
    std::string data = testing::ReadWholeFile(entry.path().string());
    Vector v;
    v.name = entry.path().filename().string();
    size_t split = data.find("\n\n");
    std::string head = data.substr(0, split + 1);
    v.body = data.substr(split + 2);
    size_t pos = 0;
    while (pos < head.size()) {
      size_t nl = head.find('\n', pos);
      std::string line = head.substr(pos, nl - pos);
      pos = nl + 1;
      size_t colon = line.find(": ");
      v.fields.emplace(line.substr(0, colon), line.substr(colon + 2));
    }
    out.push_back(std::move(v));
  }
  return out;
}

// X25519-only (or identity-less) vectors are the ones a native X25519 implementation must
// handle; scrypt and hybrid PQ ones are out of scope.
bool IsX25519Vector(const Vector& v) {
  if (v.fields.count("passphrase")) return false;
  auto [begin, end] = v.fields.equal_range("identity");
  for (auto it = begin; it != end; ++it) {
    if (it->second.rfind("AGE-SECRET-KEY-1", 0) != 0) return false;
  }
  return true;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

TEST(AgeCctv, EveryX25519AndArmorVectorGivesItsExpectedOutcome) {
  testing::TempDir dir;
  std::vector<Vector> vectors = LoadVectors(dir);
  ASSERT_FALSE(vectors.empty());
  int ran = 0, passed = 0, failed = 0, skipped_in_scope = 0, out_of_scope = 0;
  std::string out_of_scope_armor;
  for (const Vector& v : vectors) {
    bool known_fields = true;
    for (const auto& [key, value] : v.fields) {
      static const std::set<std::string> kKnown = {"expect",     "payload",    "file key",
                                                   "identity",   "passphrase", "armored",
                                                   "compressed", "comment"};
      if (!kKnown.count(key)) known_fields = false;
    }
    if (!IsX25519Vector(v)) {
      ++out_of_scope;
      if (v.Get("armored") == "yes") out_of_scope_armor += " " + v.name;
      continue;
    }
    if (!known_fields) {
      ++skipped_in_scope;
      ADD_FAILURE() << "X25519 vector " << v.name << " has fields this test does not know";
      continue;
    }
    ++ran;
    std::vector<X25519Identity> identities;
    auto [begin, end] = v.fields.equal_range("identity");
    for (auto it = begin; it != end; ++it) {
      auto id = X25519Identity::Parse(it->second);
      ASSERT_TRUE(id.ok()) << v.name;
      identities.push_back(std::move(*id));
    }
    std::string released;
    AgeFailure failure = AgeFailure::kNone;
    Status status = AgeDecryptTo(
        v.body, identities, [&](std::string_view chunk) { released.append(chunk); }, &failure);
    std::string outcome = AgeFailureName(failure);
    bool ok = outcome == v.Get("expect") && status.ok() == (failure == AgeFailure::kNone);
    if (ok && v.fields.count("payload")) ok = Sha256Hex(released) == v.Get("payload");
    if (ok) {
      ++passed;
    } else {
      ++failed;
      ADD_FAILURE() << v.name << ": expected " << v.Get("expect") << ", got " << outcome
                    << (status.ok() ? "" : " (" + status.error().message + ")");
    }
  }
  std::cout << "CCTV age vectors: " << vectors.size() << " total, " << ran << " X25519/armor ran, "
            << passed << " passed, " << failed << " failed, " << out_of_scope
            << " out of scope (scrypt/hybrid identities; armored among them:" << out_of_scope_armor
            << "), " << skipped_in_scope << " X25519 vectors skipped\n";
  EXPECT_GT(ran, 0);
  EXPECT_EQ(skipped_in_scope, 0);
  EXPECT_EQ(failed, 0);
}

TEST(AgeCctv, ArmoredVectorsRoundTripThroughTheArmorWriter) {
  testing::TempDir dir;
  int checked = 0;
  for (const Vector& v : LoadVectors(dir)) {
    if (v.Get("armored") != "yes" || v.Get("expect") != "success") continue;
    Result<std::string> binary = DearmorAge(v.body);
    ASSERT_TRUE(binary.ok()) << v.name;
    Result<std::string> again = DearmorAge(ArmorAge(*binary));
    ASSERT_TRUE(again.ok()) << v.name;
    EXPECT_EQ(*again, *binary) << v.name;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(AgeCctv, HeadersThatParseSerialiseToTheSameBytes) {
  testing::TempDir dir;
  int checked = 0;
  for (const Vector& v : LoadVectors(dir)) {
    if (v.Get("expect") == "header failure" || v.Get("expect") == "armor failure") continue;
    std::string binary = v.body;
    if (v.Get("armored") == "yes") binary = *DearmorAge(v.body);
    Result<ParsedAgeHeader> parsed = ParseAgeHeader(binary);
    ASSERT_TRUE(parsed.ok()) << v.name << ": " << parsed.error().message;
    EXPECT_EQ(SerializeAgeHeader(parsed->header), binary.substr(0, parsed->size)) << v.name;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace clef::crypto

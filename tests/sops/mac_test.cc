// Specification of the sops MAC (reference/sops-format.md §2): the SHA-512 vector of sops issue
// #2243, the mac_only_encrypted prefix, the lastmodified AAD as Go re-formats it, sealing and
// checking the stored `mac`, and the MAC of real sops 3.12.2 files recomputed here leaf by leaf
// from the primitives (independently of OpenSopsFile).
#include "core/sops/mac.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/crypto/data_key.h"
#include "core/sops/data_key.h"
#include "core/sops/encryption_rules.h"
#include "core/sops/tree_walk.h"
#include "core/sops/value_bytes.h"
#include "core/sops/value_cipher.h"
#include "sops/sops_support.h"

namespace clef::sops {
namespace {

using testing::Identity;
using testing::ReadFixtureFile;

constexpr char kIssue2243Mac[] =
    "DD26D0EC6D4AEE75B44CE763AEFD20C521A80E8437404BF74B0B7D41796C137D1A144E337BF955F50B729A2F1"
    "C74563B4679A3ADB55B57407B09C67C51991FFA";

std::string HexOf(bool mac_only_encrypted, const std::vector<std::string>& leaves) {
  MacHasher mac(mac_only_encrypted);
  for (const std::string& leaf : leaves) mac.Add(leaf);
  return mac.HexDigest();
}

Metadata WithMac(std::string mac, std::string lastmodified) {
  Metadata m;
  m.mac = std::move(mac);
  m.lastmodified = std::move(lastmodified);
  return m;
}

TEST(MacHasher, SingleLeafVectorFromSopsIssue2243) {
  EXPECT_EQ(HexOf(false, {"real@example.com"}), kIssue2243Mac);
}

TEST(MacHasher, IsOneHundredTwentyEightUppercaseHexDigits) {
  std::string hex = HexOf(false, {});
  ASSERT_EQ(hex.size(), 128u);
  EXPECT_EQ(hex.find_first_not_of("0123456789ABCDEF"), std::string::npos);
  // SHA-512 of nothing.
  EXPECT_EQ(hex.substr(0, 16), "CF83E1357EEFB8BD");
}

TEST(MacHasher, LeavesAreConcatenatedWithoutSeparators) {
  EXPECT_EQ(HexOf(false, {"real@", "", "example.com"}), kIssue2243Mac);
  EXPECT_NE(HexOf(false, {"example.com", "real@"}), kIssue2243Mac);  // order matters
}

TEST(MacHasher, MacOnlyEncryptedStartsWithSha256OfSops) {
  // §2: MACOnlyEncryptedInitialization = SHA-256("sops"), fed first as 32 raw bytes.
  const char* hex = "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69";
  std::string prefix;
  for (int i = 0; i < 64; i += 2) {
    prefix.push_back(static_cast<char>(std::stoi(std::string(hex + i, 2), nullptr, 16)));
  }
  EXPECT_EQ(HexOf(true, {"x"}), HexOf(false, {prefix, "x"}));
  EXPECT_NE(HexOf(true, {"x"}), HexOf(false, {"x"}));
}

TEST(MacLastModified, NormalisedLikeGoForTheAad) {
  EXPECT_EQ(*NormalizeRfc3339("2026-08-21T04:35:49Z"), "2026-08-21T04:35:49Z");
  EXPECT_EQ(*NormalizeRfc3339("2006-01-02T15:04:05.000Z"), "2006-01-02T15:04:05Z");
  EXPECT_EQ(*NormalizeRfc3339("2006-01-02T15:04:05+00:00"), "2006-01-02T15:04:05Z");
  EXPECT_EQ(*NormalizeRfc3339("2006-01-02T15:04:05.123+02:00"), "2006-01-02T15:04:05+02:00");
  EXPECT_EQ(*NormalizeRfc3339("2024-02-29T00:00:00Z"), "2024-02-29T00:00:00Z");  // leap year
  EXPECT_EQ(*NormalizeRfc3339("2000-02-29T00:00:00Z"), "2000-02-29T00:00:00Z");
  // Go keeps the first 9 digits of a longer fraction; the AAD has no fraction either way.
  EXPECT_EQ(*NormalizeRfc3339("2006-01-02T15:04:05.1234567891234Z"), "2006-01-02T15:04:05Z");
  EXPECT_EQ(*NormalizeRfc3339("2006-01-02T15:04:05.123456789-07:00"), "2006-01-02T15:04:05-07:00");
}

TEST(MacLastModified, WhatGoCannotParseIsAnError) {
  for (const char* bad : {"2006-01-02t15:04:05Z", "2006-01-02T15:04:05z", "2006-01-02 15:04:05Z",
                          "2006-02-30T15:04:05Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
                          "2026-04-31T00:00:00Z", "2006-01-02T15:04:05.Z",
                          "2006-01-02T24:00:00Z", "2006-01-02T15:04:05+24:00", "yesterday", ""}) {
    EXPECT_FALSE(NormalizeRfc3339(bad).ok()) << bad;
  }
}

TEST(MacLastModified, AMacSealedAtOneSpellingChecksAtAnother) {
  // The AAD is the Go re-formatting: `.000+00:00` verifies a MAC sealed at `Z`.
  SecureBytes key = crypto::GenerateDataKey();
  std::string hex = HexOf(false, {"v"});
  Result<std::string> stored = SealMac(key.view(), hex, "2026-01-01T00:00:00Z");
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(CheckMac(WithMac(*stored, "2026-01-01T00:00:00.000+00:00"), key.view(), hex).ok());
  // The same instant written with another offset is another AAD (as in sops).
  EXPECT_FALSE(CheckMac(WithMac(*stored, "2026-01-01T02:00:00+02:00"), key.view(), hex).ok());
}

TEST(MacLastModified, UnparseableLastModifiedIsAnError) {
  SecureBytes key = crypto::GenerateDataKey();
  std::string hex = HexOf(false, {"v"});
  EXPECT_FALSE(SealMac(key.view(), hex, "2026-01-01 00:00:00Z").ok());
  Result<std::string> stored = SealMac(key.view(), hex, "2026-01-01T00:00:00Z");
  ASSERT_TRUE(stored.ok());
  Status s = CheckMac(WithMac(*stored, "yesterday"), key.view(), hex);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("lastmodified"), std::string::npos);
}

TEST(SealMac, SealThenCheckRoundTrips) {
  SecureBytes key = crypto::GenerateDataKey();
  std::string hex = HexOf(false, {"v"});
  Result<std::string> stored = SealMac(key.view(), hex, "2026-01-01T00:00:00Z");
  ASSERT_TRUE(stored.ok());
  // Stored as ENC[...,type:str] whose plaintext is the hex digest and AAD the lastmodified.
  Result<EncryptedValue> enc = ParseEncryptedValue(*stored);
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(enc->type, ValueType::kStr);
  Result<SecureBytes> plain = OpenValue(key.view(), *enc, "2026-01-01T00:00:00Z");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->view(), hex);
  EXPECT_TRUE(CheckMac(WithMac(*stored, "2026-01-01T00:00:00Z"), key.view(), hex).ok());
}

TEST(CheckMac, ReportsAMismatchWithoutEitherDigest) {
  SecureBytes key = crypto::GenerateDataKey();
  Result<std::string> stored = SealMac(key.view(), std::string(128, 'A'), "2026-01-01T00:00:00Z");
  ASSERT_TRUE(stored.ok());
  Status s = CheckMac(WithMac(*stored, "2026-01-01T00:00:00Z"), key.view(), std::string(128, 'B'));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("MAC mismatch"), std::string::npos);
  EXPECT_EQ(s.error().Describe().find("AAAA"), std::string::npos);
  EXPECT_EQ(s.error().Describe().find("BBBB"), std::string::npos);
}

TEST(CheckMac, FailsWhenLastModifiedWasEdited) {
  SecureBytes key = crypto::GenerateDataKey();
  Result<std::string> stored = SealMac(key.view(), std::string(128, 'A'), "2026-01-01T00:00:00Z");
  ASSERT_TRUE(stored.ok());
  Status s = CheckMac(WithMac(*stored, "2026-01-01T00:00:01Z"), key.view(), std::string(128, 'A'));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("lastmodified"), std::string::npos);
}

TEST(CheckMac, FailsWithAnotherDataKey) {
  SecureBytes key = crypto::GenerateDataKey(), other = crypto::GenerateDataKey();
  Result<std::string> stored = SealMac(key.view(), std::string(128, 'A'), "2026-01-01T00:00:00Z");
  ASSERT_TRUE(stored.ok());
  Status s =
      CheckMac(WithMac(*stored, "2026-01-01T00:00:00Z"), other.view(), std::string(128, 'A'));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("does not authenticate"), std::string::npos);
}

TEST(CheckMac, ReportsAnEmptyMac) {
  SecureBytes key = crypto::GenerateDataKey();
  Status s = CheckMac(WithMac("", "2026-01-01T00:00:00Z"), key.view(), std::string(128, 'A'));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("no MAC"), std::string::npos);
}

TEST(CheckMac, ReportsAMalformedMac) {
  SecureBytes key = crypto::GenerateDataKey();
  Status s =
      CheckMac(WithMac("ENC[garbage]", "2026-01-01T00:00:00Z"), key.view(), std::string(128, 'A'));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("sops.mac"), std::string::npos);
  EXPECT_NE(s.error().message.find("malformed"), std::string::npos);
}

// The MAC of a fixture recomputed from the primitives: walk the leaves, decrypt each encrypted
// one with its AAD and hash CanonicalBytes of it, hash ScalarBytes of plain values unless
// mac_only_encrypted, never hash comments; then CheckMac against the stored `mac`.
struct Recomputed {
  std::string hex;
  int encrypted = 0;
  int plain = 0;
};

Recomputed RecomputeMac(SopsFile& file, std::string_view data_key) {
  Recomputed out;
  Result<RuleMatcher> rules = RuleMatcher::Compile(file.metadata.rules);
  EXPECT_TRUE(rules.ok());
  if (!rules.ok()) return out;
  const bool only_encrypted = file.metadata.mac_only_encrypted;
  MacHasher mac(only_encrypted);
  Status walked = WalkLeaves(file.document, *rules, [&](Leaf& leaf) -> Status {
    if (leaf.is_comment) return Status::Ok();
    if (LooksEncrypted(leaf.text())) {
      Result<EncryptedValue> enc = ParseEncryptedValue(leaf.text());
      if (!enc.ok()) return enc.error();
      Result<SecureBytes> plain = OpenValue(data_key, *enc, leaf.aad);
      if (!plain.ok()) return plain.error();
      Result<SecureBytes> bytes = CanonicalBytes(enc->type, plain->view());
      if (!bytes.ok()) return bytes.error();
      mac.Add(bytes->view());
      ++out.encrypted;
    } else if (!only_encrypted) {
      Result<SecureBytes> bytes = ScalarBytes(leaf.value->scalar);
      if (!bytes.ok()) return bytes.error();
      mac.Add(bytes->view());
      ++out.plain;
    }
    return Status::Ok();
  });
  EXPECT_TRUE(walked.ok()) << (walked.ok() ? "" : walked.error().message);
  out.hex = mac.HexDigest();
  return out;
}

class FixtureMac : public ::testing::TestWithParam<const char*> {};

TEST_P(FixtureMac, RecomputedMacMatchesWhatSopsStored) {
  SopsFile file = ReadFixtureFile(GetParam());
  Result<UnwrappedKey> key = UnwrapDataKey(file.metadata, Identity("identity-a.txt"));
  ASSERT_TRUE(key.ok()) << key.error().Describe();
  Recomputed mac = RecomputeMac(file, key->data_key.view());
  EXPECT_GT(mac.encrypted, 0);
  Status s = CheckMac(file.metadata, key->data_key.view(), mac.hex);
  EXPECT_TRUE(s.ok()) << s.error().message;
}

INSTANTIATE_TEST_SUITE_P(Sops3122, FixtureMac,
                         ::testing::Values("flat.enc.yaml", "flat.encrypted-regex.enc.yaml",
                                           "flat.mac-only-encrypted.enc.yaml"));

TEST(FixtureMacDetails, EncryptedRegexHashesThePlainValuesToo) {
  SopsFile file = ReadFixtureFile("flat.encrypted-regex.enc.yaml");
  Result<UnwrappedKey> key = UnwrapDataKey(file.metadata, Identity("identity-a.txt"));
  ASSERT_TRUE(key.ok());
  EXPECT_GT(RecomputeMac(file, key->data_key.view()).plain, 0);
}

TEST(FixtureMacDetails, FlatFileDecryptsToItsPlaintext) {
  SopsFile file = ReadFixtureFile("flat.enc.yaml");
  Result<UnwrappedKey> key = UnwrapDataKey(file.metadata, Identity("identity-a.txt"));
  ASSERT_TRUE(key.ok());
  Result<EncryptedValue> port = ParseEncryptedValue(
      "ENC[AES256_GCM,data:HbQ1oQ==,iv:KsQNdir7WL7uVZ1iv7LOCumf9aygqtxO6RQhrOL+bq8=,"
      "tag:fNre3Afl7wrx33r4gWUV2w==,type:int]");  // DB_PORT of flat.enc.yaml
  ASSERT_TRUE(port.ok());
  EXPECT_EQ(port->type, ValueType::kInt);
  Result<SecureBytes> plain = OpenValue(key->data_key.view(), *port, "DB_PORT:");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->view(), "5432");
}

TEST(FixtureMacDetails, TheMacCoversTheValuesOfFlatYamlInOrder) {
  // flat.yaml's values hashed by hand verify; one changed value does not.
  SopsFile file = ReadFixtureFile("flat.enc.yaml");
  Result<UnwrappedKey> key = UnwrapDataKey(file.metadata, Identity("identity-a.txt"));
  ASSERT_TRUE(key.ok());
  const std::string_view k = key->data_key.view();
  EXPECT_TRUE(
      CheckMac(file.metadata, k,
               HexOf(false, {"localhost", "5432", "s3cr3t: with colon", "tok_0123456789abcdef"}))
          .ok());
  Status s =
      CheckMac(file.metadata, k,
               HexOf(false, {"localhost", "5433", "s3cr3t: with colon", "tok_0123456789abcdef"}));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("MAC mismatch"), std::string::npos);
}

}  // namespace
}  // namespace clef::sops

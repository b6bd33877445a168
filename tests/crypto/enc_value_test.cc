// The ENC[AES256_GCM,...] codec and AES-256-GCM with sops's 32-byte IV, against the
// deterministic vectors of sops-format.md §1.7 and sops's own aes/cipher_test.go vector.
#include "core/crypto/enc_value.h"

#include <gtest/gtest.h>

#include "core/crypto/aes_gcm.h"

namespace clef::crypto {
namespace {

std::string Seq(int from, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>(from + i));
  return out;
}

struct Deterministic {
  const char* aad;
  const char* plaintext;
  ValueType type;
  const char* expected;
};

const Deterministic kVectors[] = {
    {"app:password:", "hunter2", ValueType::kStr,
     "ENC[AES256_GCM,data:f7SfPOh95A==,iv:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,tag:"
     "AOHNDDP2dTx1uNPG3RvnPg==,type:str]"},
    {"port:", "8080", ValueType::kInt,
     "ENC[AES256_GCM,data:L/HJeA==,iv:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,tag:"
     "6EPoTdgOssDRYIFQyGncGQ==,type:int]"},
    {"ratio:", "0.5", ValueType::kFloat,
     "ENC[AES256_GCM,data:J+/E,iv:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,tag:"
     "qhqPyy4X7+0w+8RtdMpWVQ==,type:float]"},
    {"enabled:", "True", ValueType::kBool,
     "ENC[AES256_GCM,data:Q7OELQ==,iv:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,tag:"
     "li3h1Qf/g64Y4pnK1fj/hw==,type:bool]"},
    {":", " a comment", ValueType::kComment,
     "ENC[AES256_GCM,data:N6DRK+Jiu0aoJQ==,iv:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,tag:"
     "zhXqWBo3rqdX5kCjunNSaw==,type:comment]"},
};

TEST(EncValue, EncryptsTheDeterministicVectorsByteForByte) {
  for (const Deterministic& v : kVectors) {
    Result<EncryptedValue> enc = EncryptValue(Seq(0, 32), v.plaintext, v.aad, v.type, Seq(32, 32));
    ASSERT_TRUE(enc.ok()) << enc.error().message;
    EXPECT_EQ(FormatEncryptedValue(*enc), v.expected);
  }
}

TEST(EncValue, DecryptsTheDeterministicVectors) {
  for (const Deterministic& v : kVectors) {
    Result<EncryptedValue> parsed = ParseEncryptedValue(v.expected);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->type, v.type);
    Result<SecureBytes> plain = DecryptValue(Seq(0, 32), *parsed, v.aad);
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->view(), v.plaintext);
  }
}

TEST(EncValue, DecryptsSopsCipherTestVector) {
  Result<EncryptedValue> parsed = ParseEncryptedValue(
      "ENC[AES256_GCM,data:oYyi,iv:MyIDYbT718JRr11QtBkcj3Dwm4k1aCGZBVeZf0EyV8o=,tag:"
      "t5z2Z023Up0kxwCgw1gNxg==,type:str]");
  ASSERT_TRUE(parsed.ok());
  Result<SecureBytes> plain = DecryptValue(std::string(32, 'f'), *parsed, "bar:");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->view(), "foo");
}

TEST(EncValue, WrongAadDoesNotAuthenticate) {
  Result<EncryptedValue> parsed = ParseEncryptedValue(kVectors[0].expected);
  ASSERT_TRUE(parsed.ok());
  Result<SecureBytes> plain = DecryptValue(Seq(0, 32), *parsed, "app:other:");
  ASSERT_FALSE(plain.ok());
  EXPECT_NE(plain.error().message.find("does not authenticate"), std::string::npos);
}

TEST(EncValue, TamperedTagDoesNotAuthenticate) {
  Result<EncryptedValue> parsed = ParseEncryptedValue(kVectors[0].expected);
  ASSERT_TRUE(parsed.ok());
  parsed->tag[0] ^= 1;
  EXPECT_FALSE(DecryptValue(Seq(0, 32), *parsed, "app:password:").ok());
}

TEST(EncValue, ErrorsNeverContainThePlaintext) {
  Result<EncryptedValue> parsed = ParseEncryptedValue(kVectors[0].expected);
  Result<SecureBytes> plain = DecryptValue(Seq(1, 32), *parsed, "app:password:");
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().Describe().find("hunter2"), std::string::npos);
}

TEST(EncValue, FreshEncryptionUsesARandom32ByteIv) {
  Result<EncryptedValue> a = EncryptValue(Seq(0, 32), "x", "k:", ValueType::kStr);
  Result<EncryptedValue> b = EncryptValue(Seq(0, 32), "x", "k:", ValueType::kStr);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->iv.size(), 32u);
  EXPECT_NE(a->iv, b->iv);
}

TEST(EncValue, ReusedIvMustBe32Bytes) {
  EXPECT_FALSE(EncryptValue(Seq(0, 32), "x", "k:", ValueType::kStr, Seq(0, 12)).ok());
}

TEST(EncValue, KeyMustBe32Bytes) {
  EXPECT_FALSE(EncryptValue(Seq(0, 16), "x", "k:", ValueType::kStr).ok());
}

TEST(EncValue, TextAfterTheClosingBracketIsIgnoredLikeGo) {
  std::string text = std::string(kVectors[2].expected) + "trailing";
  Result<EncryptedValue> parsed = ParseEncryptedValue(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->type, ValueType::kFloat);
}

TEST(EncValue, NonZeroTrailingBitsAreAcceptedLikeGo) {
  // f7SfPOh95B== decodes like f7SfPOh95A== in Go's StdEncoding.
  Result<EncryptedValue> parsed = ParseEncryptedValue(
      "ENC[AES256_GCM,data:f7SfPOh95B==,iv:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,tag:"
      "AOHNDDP2dTx1uNPG3RvnPg==,type:str]");
  ASSERT_TRUE(parsed.ok());
  Result<SecureBytes> plain = DecryptValue(Seq(0, 32), *parsed, "app:password:");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->view(), "hunter2");
}

TEST(EncValue, RejectsMissingPadding) {
  EXPECT_FALSE(ParseEncryptedValue("ENC[AES256_GCM,data:f7SfPOh95A,iv:ICEiIyQlJicoKSorLC0uLzAxMjM0"
                                   "NTY3ODk6Ozw9Pj8=,tag:AOHNDDP2dTx1uNPG3RvnPg==,type:str]")
                   .ok());
}

TEST(EncValue, RejectsAnIvThatIsNot32Bytes) {
  Result<EncryptedValue> parsed = ParseEncryptedValue(
      "ENC[AES256_GCM,data:f7SfPOh95A==,iv:AAAAAAAAAAAAAAAA,tag:AOHNDDP2dTx1uNPG3RvnPg==,type:"
      "str]");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("iv"), std::string::npos);
}

TEST(EncValue, RejectsATagThatIsNot16Bytes) {
  Result<EncryptedValue> parsed = ParseEncryptedValue(
      "ENC[AES256_GCM,data:f7SfPOh95A==,iv:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,tag:"
      "AOHNDDP2dTx1uNPG3Rvn,type:str]");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("tag"), std::string::npos);
}

TEST(EncValue, RejectsAnUnknownOrWrongCaseType) {
  std::string text = kVectors[0].expected;
  text.replace(text.find("type:str"), 8, "type:STR");
  Result<EncryptedValue> parsed = ParseEncryptedValue(text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("unknown type"), std::string::npos);
}

TEST(EncValue, RejectsTextThatIsNotAnEncryptedValue) {
  EXPECT_FALSE(ParseEncryptedValue("hunter2").ok());
  EXPECT_FALSE(ParseEncryptedValue("ENC[AES256_GCM,data:,iv:x,tag:y,type:str]").ok());
  EXPECT_FALSE(ParseEncryptedValue(" ENC[AES256_GCM,data:f7SfPOh95A==,iv:ICEiIyQlJicoKSorLC0uLzA"
                                   "xMjM0NTY3ODk6Ozw9Pj8=,tag:AOHNDDP2dTx1uNPG3RvnPg==,type:str]")
                   .ok());
}

TEST(EncValue, LooksEncryptedChecksThePrefix) {
  EXPECT_TRUE(LooksEncrypted(kVectors[0].expected));
  EXPECT_FALSE(LooksEncrypted("plain"));
}

TEST(AesGcm, OpenRejectsAShortTag) {
  EXPECT_FALSE(AesGcmOpen(Seq(0, 32), Seq(32, 32), "", "abc", "short").ok());
}

TEST(AesGcm, SealsAndOpensAnEmptyPlaintext) {
  Result<GcmCiphertext> sealed = AesGcmSeal(Seq(0, 32), Seq(32, 32), "aad", "");
  ASSERT_TRUE(sealed.ok());
  EXPECT_TRUE(sealed->data.empty());
  Result<SecureBytes> opened = AesGcmOpen(Seq(0, 32), Seq(32, 32), "aad", "", sealed->tag);
  ASSERT_TRUE(opened.ok());
  EXPECT_TRUE(opened->empty());
}

}  // namespace
}  // namespace clef::crypto

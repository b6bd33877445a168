// Specification of AES-256-GCM on sops values (reference/sops-format.md §1.7): the
// deterministic vectors byte for byte, sops's own aes/cipher_test.go vector, authentication
// failures, and Go's leniency when reading what another writer produced.
#include "core/sops/value_cipher.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/sops/encrypted_value.h"

namespace clef::sops {
namespace {

std::string Seq(int from, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>(from + i));
  return out;
}

// §1.7: key 000102..1f, iv 202122..3f.
const std::string kKey = Seq(0, 32);
const std::string kIv = Seq(0x20, 32);

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

EncryptedValue Parsed(std::string_view text) {
  Result<EncryptedValue> v = ParseEncryptedValue(text);
  EXPECT_TRUE(v.ok()) << text << ": " << (v.ok() ? "" : v.error().message);
  return v.ok() ? *v : EncryptedValue{};
}

TEST(ValueCipher, SealsTheSpecVectorsByteForByte) {
  for (const Deterministic& v : kVectors) {
    EXPECT_EQ(SealValueWithIv(kKey, v.plaintext, v.aad, v.type, kIv).Format(), v.expected) << v.aad;
  }
}

TEST(ValueCipher, OpensTheSpecVectors) {
  for (const Deterministic& v : kVectors) {
    EncryptedValue parsed = Parsed(v.expected);
    EXPECT_EQ(parsed.type, v.type);
    Result<SecureBytes> plain = OpenValue(kKey, parsed, v.aad);
    ASSERT_TRUE(plain.ok()) << v.aad << ": " << plain.error().message;
    EXPECT_EQ(plain->view(), v.plaintext);
  }
}

TEST(ValueCipher, OpensTheVectorOfSopsCipherTest) {
  // sops aes/cipher_test.go: key "f" x 32, AAD "bar:", plaintext "foo".
  EncryptedValue parsed = Parsed(
      "ENC[AES256_GCM,data:oYyi,iv:MyIDYbT718JRr11QtBkcj3Dwm4k1aCGZBVeZf0EyV8o=,tag:"
      "t5z2Z023Up0kxwCgw1gNxg==,type:str]");
  Result<SecureBytes> plain = OpenValue(std::string(32, 'f'), parsed, "bar:");
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_EQ(plain->view(), "foo");
}

TEST(ValueCipher, OpenValueIntoReusesOneBufferForSeveralValues) {
  SecureBytes buffer;
  for (const Deterministic& v : kVectors) {
    Result<size_t> n = OpenValueInto(kKey, Parsed(v.expected), v.aad, buffer);
    ASSERT_TRUE(n.ok()) << v.aad;
    EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(buffer.data()), *n), v.plaintext);
  }
}

TEST(ValueCipherErrors, WrongAadDoesNotAuthenticate) {
  Result<SecureBytes> plain = OpenValue(kKey, Parsed(kVectors[0].expected), "app:other:");
  ASSERT_FALSE(plain.ok());
  EXPECT_NE(plain.error().message.find("does not authenticate"), std::string::npos);
}

TEST(ValueCipherErrors, WrongKeyDoesNotAuthenticate) {
  EXPECT_FALSE(OpenValue(Seq(1, 32), Parsed(kVectors[0].expected), "app:password:").ok());
}

TEST(ValueCipherErrors, TamperedTagDoesNotAuthenticate) {
  EncryptedValue parsed = Parsed(kVectors[0].expected);
  ASSERT_TRUE(OpenValue(kKey, parsed, "app:password:").ok());  // control
  parsed.tag[0] ^= 1;
  EXPECT_FALSE(OpenValue(kKey, parsed, "app:password:").ok());
}

TEST(ValueCipherErrors, TamperedCiphertextDoesNotAuthenticate) {
  EncryptedValue parsed = Parsed(kVectors[0].expected);
  parsed.ciphertext[0] ^= 1;
  EXPECT_FALSE(OpenValue(kKey, parsed, "app:password:").ok());
}

TEST(ValueCipherErrors, ErrorsNeverContainThePlaintext) {
  EncryptedValue parsed = Parsed(kVectors[0].expected);
  for (const auto& [key, aad] : {std::pair{Seq(1, 32), std::string("app:password:")},
                                 std::pair{kKey, std::string("app:other:")}}) {
    SecureBytes buffer;
    Result<size_t> n = OpenValueInto(key, parsed, aad, buffer);
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.error().Describe().find("hunter2"), std::string::npos);
    // The buffer the failed decryption wrote into holds no plaintext either.
    std::string_view left(reinterpret_cast<const char*>(buffer.data()), buffer.size());
    EXPECT_EQ(left.find("hunter2"), std::string_view::npos);
  }
}

TEST(ValueCipher, FreshSealingDrawsARandom32ByteIv) {
  EncryptedValue a = SealValue(kKey, "x", "k:", ValueType::kStr);
  EncryptedValue b = SealValue(kKey, "x", "k:", ValueType::kStr);
  EXPECT_EQ(a.iv.size(), kIvSize);
  EXPECT_EQ(b.iv.size(), kIvSize);
  EXPECT_NE(a.iv, b.iv);
  EXPECT_NE(a.ciphertext + a.tag, b.ciphertext + b.tag);
  Result<SecureBytes> back = OpenValue(kKey, Parsed(a.Format()), "k:");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->view(), "x");
}

TEST(ValueCipher, ReusingAnIvGivesTheSameValue) {
  // sops's IV stash: an unchanged value re-encrypted with its old IV is byte-identical.
  EncryptedValue first = SealValue(kKey, "same", "k:", ValueType::kStr);
  EXPECT_EQ(SealValueWithIv(kKey, "same", "k:", ValueType::kStr, first.iv), first);
}

TEST(ValueCipherErrors, ReusedIvMustBe32Bytes) {
  EXPECT_THROW(SealValueWithIv(kKey, "x", "k:", ValueType::kStr, Seq(0, 12)), std::logic_error);
}

TEST(ValueCipherErrors, KeyMustBe32Bytes) {
  EXPECT_THROW(SealValue(Seq(0, 16), "x", "k:", ValueType::kStr), std::logic_error);
}

TEST(ValueCipher, TextAfterTheClosingBracketIsIgnoredLikeGo) {
  // sops-format.md §1.7: `...type:float]trailing` decrypts.
  EncryptedValue parsed = Parsed(std::string(kVectors[2].expected) + "trailing");
  EXPECT_EQ(parsed.type, ValueType::kFloat);
  Result<SecureBytes> plain = OpenValue(kKey, parsed, "ratio:");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->view(), "0.5");
}

TEST(ValueCipher, NonZeroTrailingBitsDecryptLikeGo) {
  // f7SfPOh95B== decodes like f7SfPOh95A== in Go's StdEncoding.
  std::string text = kVectors[0].expected;
  text.replace(text.find("f7SfPOh95A=="), 12, "f7SfPOh95B==");
  Result<SecureBytes> plain = OpenValue(kKey, Parsed(text), "app:password:");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->view(), "hunter2");
}

TEST(ValueCipher, TextBeforeThePrefixIsNotAnEncryptedValue) {
  // The Go regexp is anchored at the start.
  EXPECT_FALSE(ParseEncryptedValue(std::string(" ") + kVectors[0].expected).ok());
}

}  // namespace
}  // namespace clef::sops

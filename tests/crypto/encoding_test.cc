// Strict base64 dialects, age Bech32, and the age header size cap.
#include <gtest/gtest.h>

#include "core/crypto/age.h"
#include "core/crypto/age_header.h"
#include "core/crypto/base64.h"
#include "core/crypto/bech32.h"

namespace clef::crypto {
namespace {

TEST(Base64, EncodesPaddedAndUnpadded) {
  EXPECT_EQ(Base64Encode("hunter2", Base64Padding::kPadded), "aHVudGVyMg==");
  EXPECT_EQ(Base64Encode("hunter2", Base64Padding::kUnpadded), "aHVudGVyMg");
  EXPECT_EQ(Base64Encode("", Base64Padding::kPadded), "");
}

TEST(Base64, StrictPaddedRequiresCanonicalPadding) {
  EXPECT_EQ(*Base64DecodeStrict("aHVudGVyMg==", Base64Padding::kPadded), "hunter2");
  EXPECT_FALSE(Base64DecodeStrict("aHVudGVyMg", Base64Padding::kPadded));
  EXPECT_FALSE(Base64DecodeStrict("aHVudGVyMh==", Base64Padding::kPadded));  // trailing bits
  EXPECT_FALSE(Base64DecodeStrict("aHVu\nZGVy", Base64Padding::kPadded));
  EXPECT_FALSE(Base64DecodeStrict("aHVu=GVy", Base64Padding::kPadded));
  EXPECT_FALSE(Base64DecodeStrict("AAAA====", Base64Padding::kPadded));
}

TEST(Base64, StrictUnpaddedRejectsPaddingAndNonCanonicalBits) {
  EXPECT_EQ(*Base64DecodeStrict("aHVudGVyMg", Base64Padding::kUnpadded), "hunter2");
  EXPECT_FALSE(Base64DecodeStrict("aHVudGVyMg==", Base64Padding::kUnpadded));
  EXPECT_FALSE(Base64DecodeStrict("AAB", Base64Padding::kUnpadded));
  EXPECT_FALSE(Base64DecodeStrict("A", Base64Padding::kUnpadded));
}

TEST(Base64, GoDecoderIsLenientAboutTrailingBitsAndNewlines) {
  EXPECT_EQ(*Base64DecodeGo("aHVudGVyMh=="), "hunter2");
  EXPECT_EQ(*Base64DecodeGo("aHVu\r\ndGVyMg=="), "hunter2");
  EXPECT_FALSE(Base64DecodeGo("aHVudGVyMg"));
  EXPECT_FALSE(Base64DecodeGo("aHVu ZGVyMg=="));
  EXPECT_EQ(*Base64DecodeGo("aHVudGVyMg==\n"), "hunter2");
  EXPECT_EQ(*Base64DecodeGo("\naHVudGVy\rMg=="), "hunter2");
  EXPECT_FALSE(Base64DecodeGo("aHVu\ndGVyMg=!"));
  std::string out = "reused";
  EXPECT_TRUE(Base64DecodeGoInto("aHVu\r\ndGVyMg==", out));
  EXPECT_EQ(out, "hunter2");
  EXPECT_TRUE(Base64DecodeGoInto("YQ==", out));
  EXPECT_EQ(out, "a");
  EXPECT_FALSE(Base64DecodeGoInto("YQ=", out));
}

TEST(Bech32, DecodesTheSopsTestRecipient) {
  auto d = Bech32Decode("age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->hrp, "age");
  EXPECT_EQ(d->data.size(), 32u);
  EXPECT_EQ(Bech32Encode("age", d->data.view()).view(),
            "age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun");
}

TEST(Bech32, SopsMockIdentityGivesItsRecipient) {
  auto id = X25519Identity::Parse(
      "AGE-SECRET-KEY-1G0Q5K9TV4REQ3ZSQRMTMG8NSWQGYT0T7TZ33RAZEE0GZYVZN0APSU24RK7");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->Recipient().ToString(),
            "age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun");
}

TEST(Bech32, RejectsMixedCaseBadChecksumAndBadPadding) {
  EXPECT_FALSE(Bech32Decode("Age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun"));
  EXPECT_FALSE(Bech32Decode("age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvuq"));
  EXPECT_FALSE(Bech32Decode("age1qqqqqqq"));  // too short for a checksum + data
  EXPECT_FALSE(Bech32Decode("noseparator"));
  EXPECT_FALSE(Bech32Decode("age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvub"));
}

TEST(Bech32, UppercaseHrpEncodesUppercase) {
  SecureBytes s = Bech32Encode("AGE-SECRET-KEY-", std::string(32, '\x01'));
  EXPECT_EQ(s.view().substr(0, 16), "AGE-SECRET-KEY-1");
  for (char c : s.view()) EXPECT_FALSE(c >= 'a' && c <= 'z');
}

TEST(AgeKeys, RecipientAndIdentityDemandTheirCase) {
  EXPECT_FALSE(
      X25519Recipient::Parse("AGE1LZD99UKLCJNC0E7D860AXEVET2CZ99CE9PQ6TZUZD05L5NR28AMS36NVUN")
          .ok());
  EXPECT_FALSE(X25519Identity::Parse(
                   "age-secret-key-1g0q5k9tv4req3zsqrmtmg8nswqgyt0t7tz33razee0gzyvzn0apsu24rk7")
                   .ok());
  Result<X25519Identity> wrong =
      X25519Identity::Parse("age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("identity"), std::string::npos);
}

TEST(AgeHeader, RefusesHeadersAboveTheCap) {
  std::string file(kAgeVersionLine);
  while (file.size() <= kMaxAgeHeaderSize) file += "-> grease\n\n";
  file += "--- " + std::string(43, 'A') + "\n";
  Result<ParsedAgeHeader> parsed = ParseAgeHeader(file);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("larger than"), std::string::npos);
}

TEST(AgeEncrypt, SeveralRecipientsCanEachDecrypt) {
  std::vector<X25519Identity> a, b;
  a.push_back(X25519Identity::Generate());
  b.push_back(X25519Identity::Generate());
  std::vector<X25519Recipient> both = {a[0].Recipient(), b[0].Recipient()};
  std::string file = AgeEncrypt("payload", both);
  EXPECT_EQ(AgeDecrypt(file, a)->view(), "payload");
  EXPECT_EQ(AgeDecrypt(file, b)->view(), "payload");
}

}  // namespace
}  // namespace clef::crypto

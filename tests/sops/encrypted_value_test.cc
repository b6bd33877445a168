// Specification of the ENC[...] codec (reference/sops-format.md §1.7).
#include "core/sops/encrypted_value.h"

#include <gtest/gtest.h>

#include <string>

namespace clef::sops {
namespace {

// Deterministic vector of §1.7 (key 000102..1f, iv 202122..3f, AAD "app:password:").
constexpr char kHunter2[] =
    "ENC[AES256_GCM,data:f7SfPOh95A==,iv:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,"
    "tag:AOHNDDP2dTx1uNPG3RvnPg==,type:str]";
// A value from tests/data/sops-3.12.2/flat.enc.yaml (DB_PORT).
constexpr char kFixturePort[] =
    "ENC[AES256_GCM,data:HbQ1oQ==,iv:KsQNdir7WL7uVZ1iv7LOCumf9aygqtxO6RQhrOL+bq8=,"
    "tag:fNre3Afl7wrx33r4gWUV2w==,type:int]";

std::string Iv32() {
  std::string iv;
  for (int i = 0x20; i < 0x40; ++i) iv.push_back(static_cast<char>(i));
  return iv;
}

std::string ErrorOf(std::string_view text) {
  Result<EncryptedValue> v = ParseEncryptedValue(text);
  EXPECT_FALSE(v.ok()) << text;
  return v.ok() ? std::string() : v.error().message;
}

TEST(EncryptedValue, ParsesTheFieldsOfTheSpecVector) {
  Result<EncryptedValue> v = ParseEncryptedValue(kHunter2);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->ciphertext.size(), 7u);  // len("hunter2")
  EXPECT_EQ(v->iv, Iv32());
  EXPECT_EQ(v->tag.size(), kTagSize);
  EXPECT_EQ(v->type, ValueType::kStr);
}

TEST(EncryptedValue, FormatGivesBackWhatSopsWrote) {
  for (const char* text : {kHunter2, kFixturePort}) {
    Result<EncryptedValue> v = ParseEncryptedValue(text);
    ASSERT_TRUE(v.ok()) << text;
    EXPECT_EQ(v->Format(), text);
  }
}

TEST(EncryptedValue, ReadsEveryTypeTagCaseSensitively) {
  for (const char* type : {"str", "int", "float", "bool", "time", "comment", "bytes"}) {
    std::optional<ValueType> t = ParseValueType(type);
    ASSERT_TRUE(t.has_value()) << type;
    EXPECT_STREQ(ValueTypeName(*t), type);
  }
  EXPECT_FALSE(ParseValueType("STR").has_value());
  EXPECT_FALSE(ParseValueType("string").has_value());
}

TEST(EncryptedValue, IgnoresTextAfterTheClosingBracketLikeSops) {
  Result<EncryptedValue> v = ParseEncryptedValue(std::string(kFixturePort) + "trailing");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->Format(), kFixturePort);
}

TEST(EncryptedValue, AcceptsNonCanonicalTrailingBitsLikeGo) {
  std::string text = kHunter2;
  text.replace(text.find("f7SfPOh95A=="), 12, "f7SfPOh95B==");
  Result<EncryptedValue> v = ParseEncryptedValue(text);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->Format(), kHunter2);  // re-encoded canonically
}

TEST(EncryptedValue, LooksEncryptedOnlyForTheSopsPrefix) {
  EXPECT_TRUE(LooksEncrypted(kHunter2));
  EXPECT_TRUE(LooksEncrypted("ENC[AES256_GCM,garbage"));
  EXPECT_FALSE(LooksEncrypted("hunter2"));
  EXPECT_FALSE(LooksEncrypted("ENC[AES128_GCM,data:x]"));
  EXPECT_FALSE(LooksEncrypted(""));
}

TEST(EncryptedValueErrors, PlainTextIsNotAnEncryptedValue) {
  EXPECT_NE(ErrorOf("hunter2").find("does not start with ENC[AES256_GCM,"), std::string::npos);
}

TEST(EncryptedValueErrors, OtherCipherIsNamed) {
  EXPECT_NE(ErrorOf("ENC[AES128_GCM,data:AA==]").find("not AES256_GCM"), std::string::npos);
}

TEST(EncryptedValueErrors, MissingDataLabel) {
  EXPECT_NE(ErrorOf("ENC[AES256_GCM,iv:AA==]").find("'data:'"), std::string::npos);
}

TEST(EncryptedValueErrors, MissingIv) {
  EXPECT_NE(ErrorOf("ENC[AES256_GCM,data:AAAA,tag:AA==,type:str]").find("no ',iv:'"),
            std::string::npos);
}

TEST(EncryptedValueErrors, MissingTag) {
  std::string text = kHunter2;
  text.replace(text.find(",tag:"), 5, ",tog:");
  EXPECT_NE(ErrorOf(text).find("no ',tag:'"), std::string::npos);
}

TEST(EncryptedValueErrors, MissingType) {
  std::string text = kHunter2;
  text.replace(text.find(",type:"), 6, ",kind:");
  EXPECT_NE(ErrorOf(text).find("no ',type:'"), std::string::npos);
}

TEST(EncryptedValueErrors, MissingClosingBracket) {
  std::string text = kHunter2;
  text.pop_back();
  EXPECT_NE(ErrorOf(text).find("no closing ']'"), std::string::npos);
}

TEST(EncryptedValueErrors, EmptyData) {
  std::string text = kHunter2;
  text.replace(text.find("f7SfPOh95A=="), 12, "");
  EXPECT_NE(ErrorOf(text).find("data is empty"), std::string::npos);
}

TEST(EncryptedValueErrors, DataThatIsNotBase64) {
  std::string text = kHunter2;
  text.replace(text.find("f7SfPOh95A=="), 12, "f7Sf*Oh95A==");
  EXPECT_NE(ErrorOf(text).find("the data is not padded standard base64"), std::string::npos);
}

TEST(EncryptedValueErrors, UnpaddedBase64IsRejected) {
  std::string text = kHunter2;
  text.replace(text.find("f7SfPOh95A=="), 12, "f7SfPOh95A");
  EXPECT_NE(ErrorOf(text).find("the data is not padded"), std::string::npos);
}

TEST(EncryptedValueErrors, IvThatIsNotBase64) {
  std::string text = kHunter2;
  text.replace(text.find("iv:ICEi"), 7, "iv:IC!i");
  EXPECT_NE(ErrorOf(text).find("the iv is not padded standard base64"), std::string::npos);
}

TEST(EncryptedValueErrors, IvOfTwelveBytesIsRejected) {
  EXPECT_NE(ErrorOf("ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAA,tag:AOHNDDP2dTx1uNPG3RvnPg==,"
                    "type:str]")
                .find("the iv is 12 bytes; sops writes 32"),
            std::string::npos);
}

TEST(EncryptedValueErrors, TagThatIsNotBase64) {
  std::string text = kHunter2;
  text.replace(text.find("tag:AOHN"), 8, "tag:A.HN");
  EXPECT_NE(ErrorOf(text).find("the tag is not padded standard base64"), std::string::npos);
}

TEST(EncryptedValueErrors, ShortTagIsRejected) {
  std::string text = kHunter2;
  text.replace(text.find("AOHNDDP2dTx1uNPG3RvnPg=="), 24, "AOHNDDP2dTx1uNPG3Rvn");
  EXPECT_NE(ErrorOf(text).find("the tag is 15 bytes; it must be 16"), std::string::npos);
}

TEST(EncryptedValueErrors, UnknownTypeIsNamed) {
  std::string text = kHunter2;
  text.replace(text.find("type:str"), 8, "type:STR");
  EXPECT_NE(ErrorOf(text).find("unknown type 'STR'"), std::string::npos);
}

TEST(EncryptedValueErrors, MessagesNeverQuoteTheCiphertext) {
  std::string text = kHunter2;
  text.replace(text.find("type:str"), 8, "type:STR");
  EXPECT_EQ(ErrorOf(text).find("f7SfPOh95A"), std::string::npos);
}

}  // namespace
}  // namespace clef::sops

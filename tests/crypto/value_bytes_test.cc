// Plaintext bytes of each sops value type (sops-format.md §1.6) and the way back.
#include "core/crypto/value_bytes.h"

#include <gtest/gtest.h>

#include "core/crypto/rfc3339.h"

namespace clef::crypto {
namespace {

std::string Bytes(ValueType type, std::string_view text) {
  Result<SecureBytes> r = ToBytes(type, text);
  return r.ok() ? std::string(r->view()) : "<error>";
}

TEST(ValueBytes, StringsAndCommentsAreTheirBytes) {
  EXPECT_EQ(Bytes(ValueType::kStr, "s3cr3t: with colon"), "s3cr3t: with colon");
  EXPECT_EQ(Bytes(ValueType::kComment, " a comment"), " a comment");
  EXPECT_EQ(Bytes(ValueType::kStr, ""), "");
}

TEST(ValueBytes, IntsAreGoItoaOfAtoi) {
  EXPECT_EQ(Bytes(ValueType::kInt, "5432"), "5432");
  EXPECT_EQ(Bytes(ValueType::kInt, "+42"), "42");
  EXPECT_EQ(Bytes(ValueType::kInt, "-7"), "-7");
  EXPECT_EQ(Bytes(ValueType::kInt, "9223372036854775807"), "9223372036854775807");
}

TEST(ValueBytes, FloatsAreFormatFloatFNeverExponent) {
  EXPECT_EQ(Bytes(ValueType::kFloat, "0.5"), "0.5");
  EXPECT_EQ(Bytes(ValueType::kFloat, "1.0"), "1");
  EXPECT_EQ(Bytes(ValueType::kFloat, "1e21"), "1000000000000000000000");
  EXPECT_EQ(Bytes(ValueType::kFloat, "6.02e23"), "602000000000000000000000");
  EXPECT_EQ(Bytes(ValueType::kFloat, "1234568000.0"), "1234568000");
}

TEST(ValueBytes, YamlInfinityAndNanSpellingsAreFloats) {
  EXPECT_EQ(Bytes(ValueType::kFloat, ".inf"), "+Inf");
  EXPECT_EQ(Bytes(ValueType::kFloat, "-.Inf"), "-Inf");
  EXPECT_EQ(Bytes(ValueType::kFloat, ".nan"), "NaN");
}

TEST(ValueBytes, BoolsAreTitleCase) {
  EXPECT_EQ(Bytes(ValueType::kBool, "true"), "True");
  EXPECT_EQ(Bytes(ValueType::kBool, "false"), "False");
  EXPECT_EQ(Bytes(ValueType::kBool, "True"), "True");
  EXPECT_EQ(Bytes(ValueType::kBool, "t"), "True");
  EXPECT_EQ(Bytes(ValueType::kBool, "0"), "False");
}

TEST(ValueBytes, TimesAreMarshalTextForm) {
  EXPECT_EQ(Bytes(ValueType::kTime, "2024-01-02T00:00:00Z"), "2024-01-02T00:00:00Z");
  EXPECT_EQ(Bytes(ValueType::kTime, "2024-01-02T00:00:00.500+00:00"), "2024-01-02T00:00:00.5Z");
  EXPECT_EQ(Bytes(ValueType::kTime, "2024-01-02T10:00:00.000-05:30"), "2024-01-02T10:00:00-05:30");
}

TEST(ValueBytes, InvalidTypedTextIsAnErrorNamingOnlyTheType) {
  for (auto [type, text] : {std::pair{ValueType::kInt, "12ab"},
                            {ValueType::kInt, "1.5"},
                            {ValueType::kFloat, "abc"},
                            {ValueType::kBool, "yes"},
                            {ValueType::kTime, "2024-13-01T00:00:00Z"}}) {
    Result<SecureBytes> r = ToBytes(type, text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().message.find(text), std::string::npos);
    EXPECT_NE(r.error().message.find(ValueTypeTag(type)), std::string::npos);
  }
}

TEST(ValueBytes, DecryptedBytesBecomeDocumentText) {
  EXPECT_EQ(ToValueText(ValueType::kBool, "True")->view(), "true");
  EXPECT_EQ(ToValueText(ValueType::kBool, "False")->view(), "false");
  EXPECT_EQ(ToValueText(ValueType::kInt, "+8080")->view(), "8080");
  EXPECT_EQ(ToValueText(ValueType::kFloat, "0.5")->view(), "0.5");
  EXPECT_EQ(ToValueText(ValueType::kStr, "x")->view(), "x");
  EXPECT_FALSE(ToValueText(ValueType::kBool, "maybe").ok());
  EXPECT_FALSE(ToValueText(ValueType::kFloat, "pi").ok());
  EXPECT_FALSE(ToValueText(ValueType::kTime, "noon").ok());
}

TEST(ValueBytes, TypeTagsRoundTripAndAreCaseSensitive) {
  for (auto t : {ValueType::kStr, ValueType::kInt, ValueType::kFloat, ValueType::kBool,
                 ValueType::kTime, ValueType::kComment, ValueType::kBytes}) {
    EXPECT_EQ(ValueTypeFromTag(ValueTypeTag(t)), t);
  }
  EXPECT_FALSE(ValueTypeFromTag("STR").has_value());
  EXPECT_FALSE(ValueTypeFromTag("binary").has_value());
}

TEST(Rfc3339, RejectsWhatGoRejects) {
  for (const char* bad :
       {"2024-02-30T00:00:00Z", "2024-01-02T24:00:00Z", "2024-01-02T00:00:00",
        "2024-01-02T00:00:00.Z", "2024-01-02T00:00:00+0100", "2024-01-02T00:00:00.1234567890Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseRfc3339("2024-02-29T00:00:00Z").has_value());
}

}  // namespace
}  // namespace clef::crypto

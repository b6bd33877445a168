// The bytes sops encrypts and hashes for each value type, and the way back from decrypted
// bytes (core/sops/value_bytes.h, reference/sops-format.md §1.6). Scalars come from the YAML
// resolver, as a document read from disk holds them.
#include "core/sops/value_bytes.h"

#include <gtest/gtest.h>

#include "core/doc/yaml_scalar.h"

namespace clef::sops {
namespace {

using Cases = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Each YAML text, resolved as a plain scalar, gives the bytes sops encrypts and hashes.
void ExpectScalarBytes(Cases cases) {
  for (auto [yaml_text, bytes] : cases) {
    Result<SecureBytes> r = ScalarBytes(doc::yaml::ResolvePlain(yaml_text));
    ASSERT_TRUE(r.ok()) << yaml_text;
    EXPECT_EQ(r->view(), bytes) << yaml_text;
  }
}

// Each decrypted text of `type` gives the bytes the MAC hashes.
void ExpectCanonical(ValueType type, Cases cases) {
  for (auto [plaintext, bytes] : cases) {
    Result<SecureBytes> r = CanonicalBytes(type, plaintext);
    ASSERT_TRUE(r.ok()) << plaintext;
    EXPECT_EQ(r->view(), bytes) << plaintext;
  }
}

TEST(ScalarBytes, IntsAreGoItoaOfTheResolvedValue) {
  ExpectScalarBytes({{"5432", "5432"}, {"+42", "42"}, {"0x1F", "31"}, {"-7", "-7"}});
}

TEST(ScalarBytes, FloatsAreFormatFloatFNeverExponent) {
  ExpectScalarBytes({{"0.5", "0.5"},
                     {"1.0", "1"},
                     {"1e21", "1000000000000000000000"},
                     {"6.02e23", "602000000000000000000000"},
                     {"1234568000.0", "1234568000"}});
}

TEST(ScalarBytes, YamlInfinityAndNanSpellingsAreFloats) {
  ExpectScalarBytes({{".inf", "+Inf"}, {"-.Inf", "-Inf"}, {".nan", "NaN"}});
}

TEST(ScalarBytes, BoolsAreTitleCaseWhateverTheYamlSpelling) {
  ExpectScalarBytes({{"true", "True"}, {"TRUE", "True"}, {"False", "False"}});
}

TEST(ScalarBytes, YamlTimestampsAreMarshalTextForm) {
  ExpectScalarBytes({{"2024-01-02", "2024-01-02T00:00:00Z"},
                     {"2024-01-02T00:00:00.500+00:00", "2024-01-02T00:00:00.5Z"},
                     {"2024-01-02T10:00:00.000-05:30", "2024-01-02T10:00:00-05:30"},
                     {"2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.1-05:00"}});
}

TEST(CanonicalBytes, DecryptedValuesAreReformattedLikeGo) {
  ExpectCanonical(ValueType::kStr, {{" as is ", " as is "}});
  ExpectCanonical(ValueType::kInt, {{"+42", "42"}});
  ExpectCanonical(ValueType::kFloat, {{"1.0", "1"}, {"+Inf", "+Inf"}});
  ExpectCanonical(ValueType::kBool, {{"t", "True"}, {"0", "False"}});
  ExpectCanonical(ValueType::kTime, {{"2024-01-02T00:00:00.500+00:00", "2024-01-02T00:00:00.5Z"}});
}

TEST(CanonicalBytes, InvalidDecryptedBytesAreAnErrorNamingOnlyTheType) {
  for (auto [type, text] : {std::pair{ValueType::kInt, "12ab"},
                            {ValueType::kInt, "1.5"},
                            {ValueType::kFloat, "abc"},
                            {ValueType::kBool, "yes"},
                            {ValueType::kTime, "2024-13-01T00:00:00Z"},
                            {ValueType::kTime, "2024-01-02"}}) {
    Result<SecureBytes> r = CanonicalBytes(type, text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().message.find(text), std::string::npos);
    EXPECT_NE(r.error().message.find(ValueTypeName(type)), std::string::npos);
  }
}

TEST(ScalarFromPlaintext, DecryptedBytesBecomeDocumentScalars) {
  EXPECT_EQ(ScalarFromPlaintext(ValueType::kBool, "True")->text, "true");
  EXPECT_EQ(ScalarFromPlaintext(ValueType::kBool, "False")->type, doc::ScalarType::kBool);
  EXPECT_EQ(ScalarFromPlaintext(ValueType::kInt, "+8080")->text, "8080");
  EXPECT_EQ(ScalarFromPlaintext(ValueType::kFloat, "0.5")->text, "0.5");
  EXPECT_EQ(ScalarFromPlaintext(ValueType::kTime, "2024-01-02T00:00:00Z")->type,
            doc::ScalarType::kTime);
  EXPECT_EQ(ScalarFromPlaintext(ValueType::kStr, "x")->type, doc::ScalarType::kString);
  EXPECT_FALSE(ScalarFromPlaintext(ValueType::kBool, "maybe").ok());
  EXPECT_FALSE(ScalarFromPlaintext(ValueType::kFloat, "pi").ok());
  EXPECT_FALSE(ScalarFromPlaintext(ValueType::kTime, "noon").ok());
}

}  // namespace
}  // namespace clef::sops

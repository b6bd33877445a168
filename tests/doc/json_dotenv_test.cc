// JSON and dotenv readers and writers (sops 3.12: json.Marshal + tab indent; dotenv store).
#include <gtest/gtest.h>

#include "doc/doc_test_util.h"

namespace clef::doc {
namespace {

using test::MustFail;
using test::MustParse;
using test::Rewrite;

TEST(Json, IndentsWithTabsAndEndsWithNewline) {
  EXPECT_EQ(Rewrite("{\"a\": {\"b\": [1, \"x\"]}}", Format::kJson),
            "{\n\t\"a\": {\n\t\t\"b\": [\n\t\t\t1,\n\t\t\t\"x\"\n\t\t]\n\t}\n}\n");
}

TEST(Json, KeepsEmptyCollectionsOnOneLine) {
  EXPECT_EQ(Rewrite("{\"a\":{},\"b\":[]}", Format::kJson), "{\n\t\"a\": {},\n\t\"b\": []\n}\n");
}

TEST(Json, ReadsEveryNumberAsFloat) {
  Document d = MustParse("{\"i\": 5432, \"f\": 1.5}", Format::kJson);
  EXPECT_EQ(d.root().Find("i")->scalar.type, ScalarType::kFloat);
  EXPECT_EQ(d.root().Find("f")->scalar.type, ScalarType::kFloat);
}

TEST(Json, FormatsFloatsLikeEncodingJson) {
  EXPECT_EQ(Rewrite("{\"a\": 1.0, \"b\": 1e21, \"c\": -0, \"d\": 0.000001}", Format::kJson),
            "{\n\t\"a\": 1,\n\t\"b\": 1e+21,\n\t\"c\": -0,\n\t\"d\": 0.000001\n}\n");
}

TEST(Json, EscapesLikeJsonMarshal) {
  EXPECT_EQ(Rewrite("{\"k\": \"<a&b>\\u2028\\u0001\\n\\b\\/\\u00e9\"}", Format::kJson),
            "{\n\t\"k\": \"\\u003ca\\u0026b\\u003e\\u2028\\u0001\\n\\b/\xc3\xa9\"\n}\n");
}

TEST(Json, KeepsDuplicateKeys) {
  Document d = MustParse("{\"a\": 1, \"a\": 2}", Format::kJson);
  EXPECT_EQ(d.root().items.size(), 2u);
}

TEST(Json, IgnoresContentAfterTheTopLevelObject) {
  EXPECT_EQ(MustParse("{\"a\": 1} trailing", Format::kJson).root().items.size(), 1u);
}

TEST(Json, ReplacesInvalidUtf8WithReplacementCharacter) {
  EXPECT_EQ(MustParse("{\"a\": \"\xff\"}", Format::kJson).root().Find("a")->scalar.text,
            "\xef\xbf\xbd");
}

TEST(Json, DecodesSurrogatePairs) {
  EXPECT_EQ(MustParse("{\"a\": \"\\ud83d\\ude00\"}", Format::kJson).root().Find("a")->scalar.text,
            "\xf0\x9f\x98\x80");
}

TEST(JsonErrors, TopLevelArray) {
  EXPECT_NE(MustFail("[1]", Format::kJson).message.find("top-level object"), std::string::npos);
}

TEST(JsonErrors, EmptyFile) {
  EXPECT_NE(MustFail("  ", Format::kJson).message.find("empty"), std::string::npos);
}

TEST(JsonErrors, MissingColonHasLineAndColumn) {
  Error e = MustFail("{\n\"a\" 1}", Format::kJson);
  EXPECT_NE(e.message.find("':'"), std::string::npos);
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 5);
}

TEST(JsonErrors, NumberOutOfRange) {
  EXPECT_NE(MustFail("{\"a\": 1e400}", Format::kJson).message.find("range"), std::string::npos);
}

TEST(JsonErrors, BadNumber) {
  EXPECT_NE(MustFail("{\"a\": 1.}", Format::kJson).message.find("number"), std::string::npos);
}

TEST(JsonErrors, UnterminatedString) {
  EXPECT_NE(MustFail("{\"a\": \"x", Format::kJson).message.find("unterminated"), std::string::npos);
}

TEST(JsonErrors, ControlCharacterInString) {
  EXPECT_NE(MustFail("{\"a\": \"\x01\"}", Format::kJson).message.find("control"), std::string::npos);
}

TEST(JsonErrors, InvalidEscape) {
  EXPECT_NE(MustFail("{\"a\": \"\\q\"}", Format::kJson).message.find("escape"), std::string::npos);
}

TEST(JsonErrors, MissingComma) {
  EXPECT_NE(MustFail("{\"a\": 1 \"b\": 2}", Format::kJson).message.find("','"), std::string::npos);
}

TEST(JsonErrors, BadLiteral) {
  EXPECT_NE(MustFail("{\"a\": nul}", Format::kJson).message.find("invalid character"),
            std::string::npos);
}

TEST(JsonErrors, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "{\"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_NE(MustFail(deep, Format::kJson).message.find("nested too deeply"), std::string::npos);
}

TEST(Dotenv, ReadsValuesAsStringsWithoutTrimmingOrQuotes) {
  Document d = MustParse("A= x \nB=\"q\"\nC=a=b\n", Format::kDotenv);
  EXPECT_EQ(d.root().Find("A")->scalar.text, " x ");
  EXPECT_EQ(d.root().Find("B")->scalar.text, "\"q\"");
  EXPECT_EQ(d.root().Find("C")->scalar.text, "a=b");
  EXPECT_EQ(d.root().Find("C")->scalar.type, ScalarType::kString);
}

TEST(Dotenv, TurnsBackslashNIntoNewlineAndBack) {
  Document d = MustParse("A=l1\\nl2\n", Format::kDotenv);
  EXPECT_EQ(d.root().Find("A")->scalar.text, "l1\nl2");
  EXPECT_EQ(EmitDocument(d), "A=l1\\nl2\n");
}

TEST(Dotenv, KeepsCommentsAndDropsBlankLines) {
  EXPECT_EQ(Rewrite("# c\n\nA=1\n#d\n", Format::kDotenv), "# c\nA=1\n#d\n");
}

TEST(Dotenv, CommentOnlyAtFirstByte) {
  Document d = MustParse(" # x=1\n", Format::kDotenv);
  EXPECT_NE(d.root().Find(" # x"), nullptr);
}

TEST(Dotenv, AcceptsEmptyFile) {
  EXPECT_EQ(MustParse("", Format::kDotenv).root().items.size(), 0u);
}

TEST(DotenvErrors, LineWithoutEqualsSign) {
  Error e = MustFail("A=1\nnot a pair\n", Format::kDotenv);
  EXPECT_NE(e.message.find("invalid dotenv input line"), std::string::npos);
  EXPECT_EQ(e.line, 2);
}

TEST(Formats, PicksTheStoreByExtension) {
  EXPECT_EQ(FormatForPath("a/dev.enc.json"), Format::kJson);
  EXPECT_EQ(FormatForPath("dev.env"), Format::kDotenv);
  EXPECT_EQ(FormatForPath("dev.enc.yml"), Format::kYaml);
  EXPECT_EQ(FormatForPath("dev.txt"), Format::kYaml);
  EXPECT_STREQ(FormatName(Format::kDotenv), "dotenv");
}

}  // namespace
}  // namespace clef::doc

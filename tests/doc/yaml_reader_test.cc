// YAML reader: structure, scalars, comments and every error path.
#include <gtest/gtest.h>

#include "doc/doc_test_util.h"

namespace clef::doc {
namespace {

using test::MustFail;
using test::MustParse;

const Scalar& At(const Document& d, std::string_view key) { return d.root().Find(key)->scalar; }

TEST(YamlReader, ReadsTwoSpaceNestedMappings) {
  Document d = MustParse("a:\n  b:\n    c: 1\n");
  EXPECT_EQ(d.root().Find("a")->Find("b")->Find("c")->scalar.text, "1");
}

TEST(YamlReader, ReadsSequenceAtSameIndentationAsKey) {
  Document d = MustParse("a:\n- x\n- y\nb: 1\n");
  ASSERT_TRUE(d.root().Find("a")->is_seq());
  EXPECT_EQ(d.root().Find("a")->items.size(), 2u);
  EXPECT_EQ(At(d, "b").text, "1");
}

TEST(YamlReader, ReadsMappingsInsideSequenceItems) {
  Document d = MustParse("l:\n  - a: 1\n    b: 2\n  - c: 3\n");
  const Node* l = d.root().Find("l");
  ASSERT_EQ(l->items.size(), 2u);
  EXPECT_EQ(l->items[0].value.Find("b")->scalar.text, "2");
}

TEST(YamlReader, ReadsFlowCollections) {
  Document d = MustParse("m: {a: 1, b: [x, \"y\", {c: d}]}\n");
  const Node* b = d.root().Find("m")->Find("b");
  ASSERT_TRUE(b->is_seq());
  EXPECT_EQ(b->items[1].value.scalar.text, "y");
  EXPECT_EQ(b->items[2].value.Find("c")->scalar.text, "d");
}

TEST(YamlReader, ReadsMultiLineFlowCollections) {
  Document d = MustParse("m: [\n  1,\n  2,\n]\n");
  EXPECT_EQ(d.root().Find("m")->items.size(), 2u);
}

TEST(YamlReader, DecodesDoubleQuotedEscapes) {
  Document d = MustParse("a: \"t\\tn\\n\\u00e9\\U0001F600\\x41\\\\\\\"\"\n");
  EXPECT_EQ(At(d, "a").text, "t\tn\n\xc3\xa9\xf0\x9f\x98\x80" "A\\\"");
}

TEST(YamlReader, DecodesSingleQuotedDoubledQuote) {
  EXPECT_EQ(At(MustParse("a: 'it''s'\n"), "a").text, "it's");
}

TEST(YamlReader, FoldsMultiLineQuotedScalars) {
  EXPECT_EQ(At(MustParse("a: \"one\n  two\n\n  three\"\n"), "a").text, "one two\nthree");
}

TEST(YamlReader, FoldsMultiLinePlainScalars) {
  EXPECT_EQ(At(MustParse("a: one\n  two\nb: 1\n"), "a").text, "one two");
}

TEST(YamlReader, ReadsLiteralBlockWithClipChomping) {
  EXPECT_EQ(At(MustParse("a: |\n  l1\n  l2\n\nb: 1\n"), "a").text, "l1\nl2\n");
}

TEST(YamlReader, ReadsLiteralBlockWithStripChomping) {
  EXPECT_EQ(At(MustParse("a: |-\n  l1\n  l2\n"), "a").text, "l1\nl2");
}

TEST(YamlReader, ReadsLiteralBlockWithKeepChomping) {
  EXPECT_EQ(At(MustParse("a: |+\n  l1\n\n\nb: 1\n"), "a").text, "l1\n\n\n");
}

TEST(YamlReader, ReadsLiteralBlockWithIndentationIndicator) {
  EXPECT_EQ(At(MustParse("a: |2-\n    x\n  y\n"), "a").text, "  x\ny");
}

TEST(YamlReader, ReadsFoldedBlock) {
  EXPECT_EQ(At(MustParse("a: >\n  one\n  two\n\n  three\n"), "a").text, "one two\nthree\n");
}

TEST(YamlReader, ResolvesScalarTypesLikeGoYamlV3) {
  Document d = MustParse(
      "b: true\ns: yes\ni: 0x1F\no: 0o17\nu: 1_000\nf: 1.5\ne: 1e21\ninf: .inf\nn: ~\n"
      "z:\nt: 2024-01-02\nbig: 1e400\nq: \"123\"\n");
  EXPECT_EQ(At(d, "b").type, ScalarType::kBool);
  EXPECT_EQ(At(d, "s").type, ScalarType::kString);
  EXPECT_EQ(At(d, "i").text, "31");
  EXPECT_EQ(At(d, "o").text, "15");
  EXPECT_EQ(At(d, "u").text, "1000");
  EXPECT_EQ(At(d, "f").type, ScalarType::kFloat);
  EXPECT_EQ(At(d, "e").type, ScalarType::kFloat);
  EXPECT_EQ(At(d, "inf").type, ScalarType::kFloat);
  EXPECT_EQ(At(d, "n").type, ScalarType::kNull);
  EXPECT_EQ(At(d, "z").type, ScalarType::kNull);
  EXPECT_EQ(At(d, "t").type, ScalarType::kTime);
  EXPECT_EQ(At(d, "big").type, ScalarType::kString);
  EXPECT_EQ(At(d, "q").type, ScalarType::kString);
}

TEST(YamlReader, HonoursCoreTagsAndDropsCustomTags) {
  Document d = MustParse("a: !!str 123\nb: !env 42\nc: !!int \"7\"\nd: !!binary aGk=\n");
  EXPECT_EQ(At(d, "a").type, ScalarType::kString);
  EXPECT_EQ(At(d, "b").type, ScalarType::kString);
  EXPECT_EQ(At(d, "b").text, "42");
  EXPECT_EQ(At(d, "c").type, ScalarType::kInt);
  EXPECT_EQ(At(d, "d").text, "hi");
}

TEST(YamlReader, ExpandsAliases) {
  Document d = MustParse("a: &x {k: v}\nb: *x\n");
  EXPECT_EQ(d.root().Find("b")->Find("k")->scalar.text, "v");
}

TEST(YamlReader, ReadsQuotedKeys) {
  Document d = MustParse("\"a b\": 1\n'c: d': 2\n");
  EXPECT_NE(d.root().Find("a b"), nullptr);
  EXPECT_NE(d.root().Find("c: d"), nullptr);
}

TEST(YamlReader, SplitsMultipleDocuments) {
  Document d = MustParse("a: 1\n---\nb: 2\n");
  ASSERT_EQ(d.roots.size(), 2u);
  EXPECT_NE(d.roots[1].Find("b"), nullptr);
}

TEST(YamlReader, ToleratesLeadingDocumentMarkerAndCrLf) {
  Document d = MustParse("---\r\na: 1\r\n");
  ASSERT_EQ(d.roots.size(), 1u);
  EXPECT_EQ(At(d, "a").text, "1");
}

TEST(YamlReader, RecordsLineAndColumn) {
  Document d = MustParse("a: 1\nb:\n  c: x\n");
  const Node* c = d.root().Find("b")->Find("c");
  EXPECT_EQ(c->line, 3);
  EXPECT_EQ(c->column, 6);
  EXPECT_EQ(d.root().items[1].line, 2);
}

// ---- comments ----

TEST(YamlReaderComments, HeadCommentBecomesItemBeforeTheKey) {
  Document d = MustParse("# head\na: 1\n");
  ASSERT_EQ(d.root().items.size(), 2u);
  EXPECT_TRUE(d.root().items[0].is_comment());
  EXPECT_EQ(d.root().items[0].comment.text, " head");
}

TEST(YamlReaderComments, InlineCommentIsMarkedAndPlacedBeforeTheEntry) {
  Document d = MustParse("a: 1 # c\n");
  ASSERT_EQ(d.root().items.size(), 2u);
  EXPECT_TRUE(d.root().items[0].comment.inline_);
  EXPECT_EQ(d.root().items[1].key, "a");
}

TEST(YamlReaderComments, IndentedTrailingCommentStaysInNestedBlock) {
  Document d = MustParse("b:\n  c: 2\n  # in b\n# top\nd: 1\n");
  const Node* b = d.root().Find("b");
  ASSERT_EQ(b->items.size(), 2u);
  EXPECT_EQ(b->items[1].comment.text, " in b");
  EXPECT_TRUE(d.root().items[1].is_comment());
  EXPECT_EQ(d.root().items[1].comment.text, " top");
}

TEST(YamlReaderComments, CommentsInSequencesAreElements) {
  Document d = MustParse("l:\n  - x # ix\n  # between\n  - y\n");
  const Node* l = d.root().Find("l");
  ASSERT_EQ(l->items.size(), 4u);
  EXPECT_TRUE(l->items[0].is_comment());
  EXPECT_TRUE(l->items[0].comment.inline_);
  EXPECT_TRUE(l->items[2].is_comment());
}

// ---- errors ----

TEST(YamlReaderErrors, EmptyFile) { EXPECT_NE(MustFail("").message.find("empty"), std::string::npos); }

TEST(YamlReaderErrors, CommentsOnlyFileIsEmpty) {
  EXPECT_NE(MustFail("   \n").message.find("empty"), std::string::npos);
}

TEST(YamlReaderErrors, TopLevelSequence) {
  EXPECT_NE(MustFail("- a\n").message.find("not a mapping"), std::string::npos);
}

TEST(YamlReaderErrors, TopLevelScalar) {
  EXPECT_NE(MustFail("hello\n").message.find("not a mapping"), std::string::npos);
}

TEST(YamlReaderErrors, DuplicateKeyNamesKeyAndLine) {
  Error e = MustFail("a: 1\nb: 2\na: 3\n");
  EXPECT_NE(e.message.find("duplicate key \"a\""), std::string::npos);
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.file, "t.yaml");
}

TEST(YamlReaderErrors, DuplicateKeyInFlowMapping) {
  EXPECT_NE(MustFail("m: {a: 1, a: 2}\n").message.find("duplicate"), std::string::npos);
}

// Past 16 keys the check switches from a scan to a hash table; every position must still be
// found, and many distinct keys (some sharing long prefixes, some in sub-mappings with the same
// names) must not be taken for duplicates.
TEST(YamlReaderErrors, DuplicateKeyInLargeMappings) {
  std::string block, flow = "m: {";
  for (int i = 0; i < 300; ++i) {
    block += "a_rather_long_shared_prefix_" + std::to_string(i) + ": v\n";
    block += "sub_" + std::to_string(i) + ":\n    a_rather_long_shared_prefix_1: x\n";
    flow += (i ? ", k" : "k") + std::to_string(i) + ": " + std::to_string(i);
  }
  ASSERT_TRUE(ParseDocument(block, Format::kYaml, "t.yaml").ok());
  ASSERT_TRUE(ParseDocument(flow + "}\n", Format::kYaml, "t.yaml").ok());
  for (int dup : {0, 15, 16, 17, 100, 299}) {
    Error e = MustFail(block + "a_rather_long_shared_prefix_" + std::to_string(dup) + ": again\n");
    EXPECT_NE(e.message.find("duplicate key \"a_rather_long_shared_prefix_" + std::to_string(dup)),
              std::string::npos) << dup;
    EXPECT_EQ(e.line, 901) << dup;
    EXPECT_NE(MustFail(flow + ", k" + std::to_string(dup) + ": 1}\n").message.find("duplicate"),
              std::string::npos) << dup;
  }
}

TEST(YamlReaderErrors, IntegerKeyIsNonString) {
  EXPECT_NE(MustFail("1: x\n").message.find("non-string key"), std::string::npos);
}

TEST(YamlReaderErrors, BoolKeyIsNonString) {
  EXPECT_NE(MustFail("true: x\n").message.find("non-string key"), std::string::npos);
}

TEST(YamlReaderErrors, NullKeyIsNonString) {
  EXPECT_NE(MustFail("~: x\n").message.find("non-string key"), std::string::npos);
}

TEST(YamlReaderErrors, TabIndentation) {
  Error e = MustFail("a:\n\tb: 1\n");
  EXPECT_NE(e.message.find("tab"), std::string::npos);
  EXPECT_EQ(e.line, 2);
}

TEST(YamlReaderErrors, InvalidUtf8PointsAtTheByte) {
  Error e = MustFail("a: 1\nb: \xff\n");
  EXPECT_NE(e.message.find("UTF-8"), std::string::npos);
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 4);
}

// The text check runs 16 and 8 bytes at a time: a bad byte must be found, at its column, in
// every position of those blocks, and good multi-byte UTF-8, tabs and line ends must pass there.
TEST(YamlReaderErrors, BadBytesFoundAtEveryPosition) {
  for (size_t at = 0; at < 48; ++at) {
    for (char bad : {'\x01', '\x1f', '\x7f', '\xff', '\x80'}) {
      std::string value(60, 'x');
      value[at] = bad;
      Error e = MustFail("k: " + value + "\n");
      EXPECT_EQ(e.line, 1) << at;
      EXPECT_EQ(e.column, static_cast<int>(at) + 4) << "byte " << int(bad) << " at " << at;
    }
    for (std::string good : {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\t"}) {
      std::string value(60, 'y');
      value.replace(at, good.size(), good);
      EXPECT_TRUE(ParseDocument("k: \"" + value + "\"\n", Format::kYaml, "t.yaml").ok()) << at;
    }
  }
}

TEST(YamlReaderErrors, ControlCharacter) {
  EXPECT_NE(MustFail(std::string("a: \x01\n")).message.find("control"), std::string::npos);
}

TEST(YamlReaderErrors, BadIndentation) {
  EXPECT_NE(MustFail("a:\n    b: 1\n  c: 2\n").message.find("indentation"), std::string::npos);
}

TEST(YamlReaderErrors, KeyOnAContinuationLine) {
  EXPECT_NE(MustFail("a: 1\n  b: 2\n").message.find("not allowed"), std::string::npos);
}

TEST(YamlReaderErrors, MappingValueInsidePlainValue) {
  EXPECT_NE(MustFail("a: b: c\n").message.find("not allowed"), std::string::npos);
}

TEST(YamlReaderErrors, UnterminatedDoubleQuote) {
  EXPECT_NE(MustFail("a: \"abc\n").message.find("unterminated"), std::string::npos);
}

TEST(YamlReaderErrors, UnterminatedSingleQuote) {
  EXPECT_NE(MustFail("a: 'abc\n").message.find("unterminated"), std::string::npos);
}

TEST(YamlReaderErrors, InvalidEscape) {
  EXPECT_NE(MustFail("a: \"\\q\"\n").message.find("escape"), std::string::npos);
}

TEST(YamlReaderErrors, UnterminatedFlowCollection) {
  EXPECT_NE(MustFail("a: [1, 2\n").message.find("unterminated"), std::string::npos);
}

TEST(YamlReaderErrors, UnknownAlias) {
  EXPECT_NE(MustFail("a: *nope\n").message.find("unknown anchor"), std::string::npos);
}

TEST(YamlReaderErrors, DeepFlowNestingIsAnErrorNotACrash) {
  std::string deep = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  EXPECT_NE(MustFail(deep).message.find("nested too deeply"), std::string::npos);
}

TEST(YamlReaderErrors, DeepBlockNestingIsAnErrorNotACrash) {
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += std::string(i, ' ') + "k:\n";
  EXPECT_NE(MustFail(deep).message.find("nested too deeply"), std::string::npos);
}

TEST(YamlReaderErrors, ExcessiveAliasingIsRefused) {
  std::string bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'i'; ++c, ++prev)
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ",*" + prev + ",*" + prev + ",*" +
            prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" +
            prev + "]\n";
  EXPECT_NE(MustFail(bomb).message.find("aliasing"), std::string::npos);
}

TEST(YamlReaderErrors, InputOverTheSizeLimitIsRefused) {
  ParseOptions options;
  options.max_bytes = 10;
  auto parsed = ParseDocument("a: 12345678901\n", Format::kYaml, "big.yaml", options);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("too large"), std::string::npos);
}

TEST(YamlReaderErrors, ComplexKeysAreRefused) {
  EXPECT_NE(MustFail("? a\n: b\n").message.find("complex"), std::string::npos);
}

TEST(YamlReaderErrors, SequenceEntryAsMappingValueOnSameLine) {
  EXPECT_NE(MustFail("a: - b\n").message.find("not allowed"), std::string::npos);
}

TEST(YamlReaderErrors, InvalidBinary) {
  EXPECT_NE(MustFail("a: !!binary '%%%'\n").message.find("base64"), std::string::npos);
}

TEST(YamlReaderErrors, TagThatDoesNotMatchTheValue) {
  EXPECT_NE(MustFail("a: !!int abc\n").message.find("tag"), std::string::npos);
}

}  // namespace
}  // namespace clef::doc

namespace clef::doc {
namespace {

TEST(YamlReader, ReadsGoYamlIndicatorQuirkInSequenceItems) {
  // sops 3.12.2 writes " x\ny" in a list as `- |4-` with the text 2 columns after the dash.
  const char* sops_output = "l:\n    - |4-\n       x\n      y\n";
  Document d = test::MustParse(sops_output);
  EXPECT_EQ(d.root().Find("l")->items[0].value.scalar.text, " x\ny");
  EXPECT_EQ(EmitDocument(d), sops_output);
}

}  // namespace
}  // namespace clef::doc

namespace clef::doc {
namespace {

TEST(YamlReader, TaggedFirstKeyDoesNotShiftTheMappingIndentation) {
  // Found by fuzzing: `!!merge <<: |-` then the text at 4 columns must read back.
  Document d = test::MustParse("!!merge <<: |-\n    a\n    b\nc: 1\n");
  EXPECT_EQ(d.root().Find("<<")->scalar.text, "a\nb");
  EXPECT_NE(d.root().Find("c"), nullptr);
}

}  // namespace
}  // namespace clef::doc

// YAML writer: go-yaml v3 layout and scalar styles as sops 3.12 writes them. Expected texts
// were checked against the real sops 3.12.2 (sops encrypt with `_unencrypted` keys, then
// sops decrypt for comments).
#include <gtest/gtest.h>

#include "doc/doc_test_util.h"

namespace clef::doc {
namespace {

using test::Rewrite;

TEST(YamlWriter, IndentsNestedMappingsByFour) {
  EXPECT_EQ(Rewrite("a:\n  b:\n    c: 1\n"), "a:\n    b:\n        c: 1\n");
}

TEST(YamlWriter, IndentsSequencesUnderTheirKey) {
  EXPECT_EQ(Rewrite("a:\n- x\n- 2\n"), "a:\n    - x\n    - 2\n");
}

TEST(YamlWriter, WritesMappingsInSequencesCompactly) {
  EXPECT_EQ(Rewrite("l:\n  - a: 1\n    b:\n      c: 2\n"),
            "l:\n    - a: 1\n      b:\n        c: 2\n");
}

TEST(YamlWriter, WritesSequencesInSequencesCompactly) {
  EXPECT_EQ(Rewrite("l: [[a, b]]\n"), "l:\n    - - a\n      - b\n");
}

TEST(YamlWriter, WritesFlowInputAsBlock) {
  EXPECT_EQ(Rewrite("m: {a: 1, b: [x]}\n"), "m:\n    a: 1\n    b:\n        - x\n");
}

TEST(YamlWriter, WritesEmptyCollectionsInFlowStyle) {
  EXPECT_EQ(Rewrite("a: {}\nb: []\n"), "a: {}\nb: []\n");
}

TEST(YamlWriter, QuotesStringsThatWouldResolveToOtherTypes) {
  EXPECT_EQ(Rewrite("a: \"123\"\nb: \"true\"\nc: yes\nd: \"\"\ne: \"null\"\nf: \"1e3\"\n"),
            "a: \"123\"\nb: \"true\"\nc: \"yes\"\nd: \"\"\ne: \"null\"\nf: \"1e3\"\n");
}

TEST(YamlWriter, SingleQuotesLeadingSpacesAndIndicators) {
  EXPECT_EQ(Rewrite("a: \"  lead\"\nb: \"#x\"\nc: \"- x\"\nd: \"a: b\"\ne: \"@x\"\nf: \"a #b\"\n"),
            "a: '  lead'\nb: '#x'\nc: '- x'\nd: 'a: b'\ne: '@x'\nf: 'a #b'\n");
}

TEST(YamlWriter, KeepsPlainWhenIndicatorsAreHarmless) {
  EXPECT_EQ(Rewrite("a: \":x\"\nb: \"it's\"\nc: \"ENC[AES256_GCM,data:x,type:str]\"\n"),
            "a: :x\nb: it's\nc: ENC[AES256_GCM,data:x,type:str]\n");
}

TEST(YamlWriter, DoubleQuotesNonPrintablesWithGoYamlEscapes) {
  EXPECT_EQ(Rewrite("a: \"a\\tb\"\nb: \"\\U0001F600\"\nc: \"\\x7f\"\n"),
            "a: \"a\\tb\"\nb: \"\\U0001F600\"\nc: \"\\x7F\"\n");
}

TEST(YamlWriter, WritesUnicodeTextUnescaped) {
  EXPECT_EQ(Rewrite("a: \"h\\u00e9llo \\u2713\"\n"), "a: h\xc3\xa9llo \xe2\x9c\x93\n");
}

TEST(YamlWriter, WritesMultiLineStringsAsLiteralBlocks) {
  EXPECT_EQ(Rewrite("a: \"x\\ny\"\nb: \"x\\n\"\nc: \"x\\n\\n\"\n"),
            "a: |-\n    x\n    y\nb: |\n    x\nc: |+\n    x\n\n");
}

TEST(YamlWriter, AddsIndentationIndicatorForLeadingSpace) {
  EXPECT_EQ(Rewrite("a: \" x\\ny\"\n"), "a: |4-\n     x\n    y\n");
}

TEST(YamlWriter, DoubleQuotesMultiLineWithTrailingSpaces) {
  EXPECT_EQ(Rewrite("a: \"trail \\nx\"\n"), "a: \"trail \\nx\"\n");
}

TEST(YamlWriter, IndentsBlockScalarsInSequencesByTwo) {
  EXPECT_EQ(Rewrite("l:\n  - \"x\\ny\"\n  - k: \"p\\nq\"\n"),
            "l:\n    - |-\n      x\n      y\n    - k: |-\n        p\n        q\n");
}

TEST(YamlWriter, FormatsNumbersLikeGo) {
  EXPECT_EQ(Rewrite("a: 1.0\nb: 6.02e23\nc: 0x1F\nd: -0.0\ne: 1e21\nf: .INF\n"),
            "a: 1\nb: 6.02e+23\nc: 31\nd: -0\ne: 1e+21\nf: .inf\n");
}

TEST(YamlWriter, WritesTimestampsAsRfc3339) {
  EXPECT_EQ(Rewrite("a: 2024-01-02\nb: 2001-12-14t21:59:43.10-05:00\nc: 2001-1-2 3:04:05\n"),
            "a: 2024-01-02T00:00:00Z\nb: 2001-12-14T21:59:43.1-05:00\nc: 2001-01-02T03:04:05Z\n");
}

TEST(YamlWriter, WritesNullsAndBools) {
  EXPECT_EQ(Rewrite("a: ~\nb:\nc: True\n"), "a: null\nb: null\nc: true\n");
}

TEST(YamlWriter, QuotesKeysOnlyWhenNeeded) {
  EXPECT_EQ(Rewrite("\"quoted key\": 1\n\"yes\": 2\n\"\": 3\n\"a:b\": 4\n\"a: b\": 5\n"),
            "quoted key: 1\n\"yes\": 2\n\"\": 3\na:b: 4\n'a: b': 5\n");
}

TEST(YamlWriter, WritesInlineCommentsOnTheirOwnLineBeforeTheKey) {
  EXPECT_EQ(Rewrite("# top\na: 1 # inline\n"), "# top\n# inline\na: 1\n");
}

TEST(YamlWriter, WritesCommentsAsSopsDoes) {
  const char* in =
      "b:\n  # in b\n  c: 2\n  # foot in b\n# top\nd:\n  - x # ix\n  # between\n  - y\n"
      "  - # head\n    k: 1\n    # after k\n";
  const char* want =
      "b:\n    # in b\n    c: 2\n    # foot in b\n# top\nd:\n    # ix\n    - x\n    # between\n"
      "    - \"y\"\n    # head\n    - k: 1\n      # after k\n";
  EXPECT_EQ(Rewrite(in), want);
}

TEST(YamlWriter, SeparatesDocuments) {
  EXPECT_EQ(Rewrite("a: 1\n---\nb: 2\n"), "a: 1\n---\nb: 2\n");
}

TEST(YamlWriter, WritesMergeKeyWithItsTag) {
  EXPECT_EQ(Rewrite("\"<<\": 1\n"), "!!merge <<: 1\n");
}

TEST(YamlWriter, WritesTreesBuiltInMemory) {
  Document d;
  Node root = Node::MakeMap();
  Node list = Node::MakeSeq();
  list.items.push_back(Item::Element(Node::MakeString("x")));
  root.items.push_back(Item::MakeComment(" made in memory"));
  root.items.push_back(Item::Entry("k", std::move(list)));
  root.items.push_back(Item::Entry("num", Node::MakeScalar(ScalarType::kInt, "5")));
  d.roots.push_back(std::move(root));
  EXPECT_EQ(EmitDocument(d), "# made in memory\nk:\n    - x\nnum: 5\n");
}

}  // namespace
}  // namespace clef::doc

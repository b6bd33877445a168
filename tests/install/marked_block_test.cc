// The clef-git block in .gitattributes: inserted at the end or in place, removed exactly.
#include <gtest/gtest.h>

#include "install/marked_block.h"

namespace clef::install {
namespace {

const std::string kBlock = RenderAttributesBlock({"*.enc.yaml", "*.clef-meta.yaml"});

TEST(MarkedBlockTest, RendersDriversForEncryptedFilesAndOnlyMergeForSidecars) {
  EXPECT_NE(kBlock.find("\n*.enc.yaml merge=clef-sops diff=clef-sops filter=clef-sops\n"), std::string::npos);
  EXPECT_NE(kBlock.find("\n*.clef-meta.yaml merge=clef-sops\n"), std::string::npos);
  EXPECT_EQ(kBlock.rfind("# >>> clef-git", 0), 0u);
  EXPECT_EQ(kBlock.substr(kBlock.size() - 15), "# <<< clef-git\n");
}

TEST(MarkedBlockTest, SkipsPatternsWithWhitespace) {
  std::string block = RenderAttributesBlock({"my secrets/*.yaml", "*.enc.env"});
  EXPECT_EQ(block.find("my secrets"), std::string::npos);
  EXPECT_NE(block.find("*.enc.env"), std::string::npos);
}

TEST(MarkedBlockTest, RemoveUndoesInsertForEveryKindOfFile) {
  for (std::string text : {"", "*.png binary\n", "*.png binary", "\n\n", "a\r\nb\r\n"}) {
    Result<std::string> inserted = InsertBlock(text, kBlock);
    ASSERT_TRUE(inserted.ok());
    EXPECT_NE(inserted->find(kBlock.substr(kBlock.find('\n'))), std::string::npos);
    Result<std::optional<std::string>> removed = RemoveBlock(*inserted);
    ASSERT_TRUE(removed.ok());
    ASSERT_TRUE(removed->has_value());
    EXPECT_EQ(**removed, text);
  }
}

TEST(MarkedBlockTest, InsertReplacesTheBlockInPlace) {
  std::string text = "a\n" + kBlock + "b\n";
  std::string other = RenderAttributesBlock({"*.enc.json"});
  Result<std::string> replaced = InsertBlock(text, other);
  ASSERT_TRUE(replaced.ok());
  EXPECT_EQ(*replaced, "a\n" + other + "b\n");
  Result<std::string> again = InsertBlock(*replaced, other);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *replaced);
}

TEST(MarkedBlockTest, ReplacingKeepsTheRecordOfTheAddedNewline) {
  Result<std::string> first = InsertBlock("*.png binary", kBlock);
  ASSERT_TRUE(first.ok());
  Result<std::string> second = InsertBlock(*first, RenderAttributesBlock({"*.enc.json"}));
  ASSERT_TRUE(second.ok());
  Result<std::optional<std::string>> removed = RemoveBlock(*second);
  ASSERT_TRUE(removed.ok() && removed->has_value());
  EXPECT_EQ(**removed, "*.png binary");
}

TEST(MarkedBlockTest, RemoveWithoutBlockSaysSo) {
  Result<std::optional<std::string>> removed = RemoveBlock("*.png binary\n");
  ASSERT_TRUE(removed.ok());
  EXPECT_FALSE(removed->has_value());
}

TEST(MarkedBlockTest, MarkerInsideALineIsNotABlock) {
  Result<std::optional<std::string>> removed = RemoveBlock("x # >>> clef-git\n");
  ASSERT_TRUE(removed.ok());
  EXPECT_FALSE(removed->has_value());
}

TEST(MarkedBlockTest, UnterminatedBlockIsAnErrorWithItsLine) {
  std::string text = "a\nb\n# >>> clef-git: managed\n*.enc.yaml merge=clef-sops\n";
  Result<std::string> inserted = InsertBlock(text, kBlock);
  ASSERT_FALSE(inserted.ok());
  EXPECT_EQ(inserted.error().line, 3);
  EXPECT_FALSE(inserted.error().hint.empty());
  EXPECT_FALSE(RemoveBlock(text).ok());
}

}  // namespace
}  // namespace clef::install

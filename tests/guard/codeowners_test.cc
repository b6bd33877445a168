#include "precommit/codeowners.h"

#include <gtest/gtest.h>

namespace clef::guard {
namespace {

std::string OwnerOf(const Codeowners& c, std::string_view path) {
  const CodeownersRule* r = c.Match(path);
  if (r == nullptr) return "<none>";
  std::string out;
  for (const auto& o : r->owners) out += (out.empty() ? "" : " ") + o;
  return out.empty() ? "<unowned>" : out;
}

TEST(Codeowners, LastMatchingLineWins) {
  Codeowners c = Codeowners::Parse("* @everyone\nclef.yaml @security\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "clef.yaml"), "@security");
  EXPECT_EQ(OwnerOf(c, "README.md"), "@everyone");
}

TEST(Codeowners, EarlierSpecificLineIsOverriddenByLaterWildcard) {
  Codeowners c = Codeowners::Parse("clef.yaml @security\n* @everyone\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "clef.yaml"), "@everyone");
}

TEST(Codeowners, LineWithoutOwnersUnownsThePath) {
  Codeowners c = Codeowners::Parse("* @everyone\n/secrets/dev/\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "secrets/dev/a.enc.yaml"), "<unowned>");
}

TEST(Codeowners, PatternWithoutSlashMatchesAtAnyDepth) {
  Codeowners c = Codeowners::Parse("*.enc.yaml @sec\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "secrets/api/prod.enc.yaml"), "@sec");
  EXPECT_EQ(OwnerOf(c, "prod.enc.yaml"), "@sec");
  EXPECT_EQ(OwnerOf(c, "prod.enc.json"), "<none>");
}

TEST(Codeowners, LeadingSlashAnchorsAtRoot) {
  Codeowners c = Codeowners::Parse("/clef.yaml @sec\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "clef.yaml"), "@sec");
  EXPECT_EQ(OwnerOf(c, "sub/clef.yaml"), "<none>");
}

TEST(Codeowners, DirectoryPatternOwnsEverythingBelow) {
  Codeowners c = Codeowners::Parse("secrets/ @sec\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "secrets/api/prod.enc.yaml"), "@sec");
  EXPECT_EQ(OwnerOf(c, "secrets"), "<none>");
}

TEST(Codeowners, SingleStarAfterDirectoryOwnsOnlyDirectChildren) {
  Codeowners c = Codeowners::Parse("docs/* @docs\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "docs/a.md"), "@docs");
  EXPECT_EQ(OwnerOf(c, "docs/sub/a.md"), "<none>");
}

TEST(Codeowners, DoubleStarMatchesAnyNumberOfFolders) {
  Codeowners c = Codeowners::Parse("secrets/**/production.enc.yaml @ops\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "secrets/production.enc.yaml"), "@ops");
  EXPECT_EQ(OwnerOf(c, "secrets/a/b/production.enc.yaml"), "@ops");
  EXPECT_EQ(OwnerOf(c, "secrets/a/dev.enc.yaml"), "<none>");
}

TEST(Codeowners, CommentsAndBlankLinesAreIgnored) {
  Codeowners c = Codeowners::Parse("# owners\n\n*.md @docs # trailing\n", "CODEOWNERS");
  ASSERT_EQ(c.rules().size(), 1u);
  EXPECT_EQ(c.rules()[0].line, 3);
  EXPECT_EQ(OwnerOf(c, "a.md"), "@docs");
}

TEST(Codeowners, UnsupportedSyntaxIsReportedWithItsLineAndSkipped) {
  Codeowners c = Codeowners::Parse("* @a\n!secret.txt @b\n[ab].txt @c\n", "CODEOWNERS");
  ASSERT_EQ(c.problems().size(), 2u);
  EXPECT_EQ(c.problems()[0].line, 2);
  EXPECT_EQ(c.problems()[1].line, 3);
  EXPECT_EQ(OwnerOf(c, "secret.txt"), "@a");
}

TEST(Codeowners, InvalidOwnerIsReportedAndTheLineSkipped) {
  Codeowners c = Codeowners::Parse("* @a\nclef.yaml security-team\n", "CODEOWNERS");
  ASSERT_EQ(c.problems().size(), 1u);
  EXPECT_EQ(c.problems()[0].line, 2);
  EXPECT_EQ(OwnerOf(c, "clef.yaml"), "@a");
}

TEST(Codeowners, EmailOwnersAreAccepted) {
  Codeowners c = Codeowners::Parse("clef.yaml sec@example.com @org/team\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "clef.yaml"), "sec@example.com @org/team");
}

TEST(Codeowners, CrlfLinesAreRead) {
  Codeowners c = Codeowners::Parse("clef.yaml @sec\r\n", "CODEOWNERS");
  EXPECT_EQ(OwnerOf(c, "clef.yaml"), "@sec");
}

}  // namespace
}  // namespace clef::guard

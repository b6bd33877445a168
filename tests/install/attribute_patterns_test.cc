// .sops.yaml path_regex values as gitattributes globs.
#include <gtest/gtest.h>

#include "install/attribute_patterns.h"

namespace clef::install {
namespace {

std::string Glob(const char* re) { return PathRegexToGlob(re).value_or("<none>"); }

TEST(PathRegexToGlobTest, SuffixRegexBecomesANameGlob) {
  EXPECT_EQ(Glob("\\.enc\\.yaml$"), "*.enc.yaml");
  EXPECT_EQ(Glob(".*\\.enc\\.json$"), "*.enc.json");
  EXPECT_EQ(Glob("^.*\\.env$"), "*.env");
}

TEST(PathRegexToGlobTest, AnchoredFolderRegexBecomesAFolderGlob) {
  EXPECT_EQ(Glob("^config/.*\\.yaml$"), "config/**/*.yaml");
  EXPECT_EQ(Glob("^secrets/"), "secrets/**");
  EXPECT_EQ(Glob("^secrets/.*"), "secrets/**");
  EXPECT_EQ(Glob("^secrets/[^/]*/prod\\.yaml$"), "secrets/*/prod.yaml");
}

TEST(PathRegexToGlobTest, UnanchoredFolderRegexStartsAtAnyFolder) {
  EXPECT_EQ(Glob("secrets/.*\\.yaml$"), "**/secrets/**/*.yaml");
  EXPECT_EQ(Glob("prod/"), "**/prod/**");
}

TEST(PathRegexToGlobTest, LoneDotIsTakenLiterally) { EXPECT_EQ(Glob(".*.enc.yaml$"), "*.enc.yaml"); }

TEST(PathRegexToGlobTest, RegexFeaturesWithoutGlobEquivalentAreRefused) {
  EXPECT_EQ(Glob("(dev|prod)\\.yaml$"), "<none>");
  EXPECT_EQ(Glob("^s/\\d+\\.yaml$"), "<none>");
  EXPECT_EQ(Glob("^s/[abc]\\.yaml$"), "<none>");
  EXPECT_EQ(Glob("^a.*b/c$"), "<none>");
}

TEST(PathRegexToGlobTest, RegexMatchingEverythingIsRefused) {
  EXPECT_EQ(Glob(".*"), "<none>");
  EXPECT_EQ(Glob(""), "<none>");
}

}  // namespace
}  // namespace clef::install

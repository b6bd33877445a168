// Acceptance: for a seeded corpus of files written by the real sops 3.12.2 (YAML, JSON,
// dotenv; nested data, comments, every scalar type, encryption rules), parsing and emitting
// gives back exactly the bytes sops wrote.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "core/doc/document.h"
#include "support/sops_corpus.h"

namespace clef::doc {
namespace {

const testing::Corpus& SharedCorpus() {
  static testing::Corpus corpus = [] {
    testing::CorpusOptions options;
    return testing::BuildSopsCorpus(options);
  }();
  return corpus;
}

TEST(SopsCorpusRoundTrip, SopsEncryptedEveryGeneratedFile) {
  if (!std::filesystem::exists(CLEF_SOPS_BIN)) GTEST_SKIP() << "no sops at " << CLEF_SOPS_BIN;
  const auto& corpus = SharedCorpus();
  EXPECT_EQ(corpus.error, "") << "seed " << corpus.seed;
  EXPECT_GE(corpus.files.size(), 200u);
}

TEST(SopsCorpusRoundTrip, EmitOfParseIsByteIdenticalForEveryFile) {
  if (!std::filesystem::exists(CLEF_SOPS_BIN)) GTEST_SKIP() << "no sops at " << CLEF_SOPS_BIN;
  const auto& corpus = SharedCorpus();
  int formats[3] = {0, 0, 0};
  for (const auto& f : corpus.files) {
    if (f.encrypted.empty()) continue;
    ++formats[static_cast<int>(f.format)];
    auto parsed = ParseDocument(f.encrypted, f.format, f.name);
    ASSERT_TRUE(parsed.ok()) << "seed " << corpus.seed << " " << parsed.error().Describe()
                             << "\n--- plaintext ---\n" << f.plaintext;
    EXPECT_EQ(EmitDocument(*parsed), f.encrypted)
        << "seed " << corpus.seed << " file " << f.name << " rule " << f.rule
        << "\n--- plaintext ---\n" << f.plaintext;
  }
  EXPECT_GT(formats[0], 0);
  EXPECT_GT(formats[1], 0);
  EXPECT_GT(formats[2], 0);
}

TEST(SopsCorpusRoundTrip, EveryGeneratedPlaintextParses) {
  const auto& corpus = SharedCorpus();
  for (const auto& f : corpus.files) {
    auto parsed = ParseDocument(f.plaintext, f.format, f.name);
    EXPECT_TRUE(parsed.ok()) << "seed " << corpus.seed << " " << parsed.error().Describe()
                             << "\n" << f.plaintext;
  }
}

TEST(SopsCorpusRoundTrip, SameSeedGivesSamePlaintexts) {
  auto a = testing::GenerateCorpusPlaintexts(1234, 20);
  auto b = testing::GenerateCorpusPlaintexts(1234, 20);
  auto c = testing::GenerateCorpusPlaintexts(1235, 20);
  ASSERT_EQ(a.size(), 20u);
  bool all_same = true, any_diff = false;
  for (size_t i = 0; i < a.size(); ++i) {
    all_same = all_same && a[i].plaintext == b[i].plaintext;
    any_diff = any_diff || a[i].plaintext != c[i].plaintext;
  }
  EXPECT_TRUE(all_same);
  EXPECT_TRUE(any_diff);
}

}  // namespace
}  // namespace clef::doc

// Every file of the seeded sops corpus (tests/support/sops_corpus.h, written by the real sops)
// decrypts natively to exactly what `sops decrypt` prints, with the MAC verified.
#include <gtest/gtest.h>

#include "core/sops/opened_file.h"
#include "core/sops/sops_writer.h"
#include "sops/sops_support.h"
#include "support/sops_corpus.h"

namespace clef::sops {
namespace {

TEST(SopsCorpus, NativeDecryptEqualsSopsDecryptForEveryFile) {
  clef::testing::CorpusOptions options;  // the foundation's whole round-trip corpus (210 files)
  clef::testing::Corpus corpus = clef::testing::BuildSopsCorpus(options);
  ASSERT_TRUE(corpus.error.empty()) << corpus.error;
  ASSERT_FALSE(corpus.files.empty());
  int checked = 0;
  for (const clef::testing::CorpusFile& file : corpus.files) {
    SCOPED_TRACE(file.name + " (" + file.rule + ", seed " + std::to_string(corpus.seed) + ")");
    Result<SopsFile> f = ReadSopsFile(file.encrypted, file.name);
    ASSERT_TRUE(f.ok()) << f.error().Describe();
    IdentitySet ids;
    ASSERT_TRUE(ids.AddKeyText(file.age_key_file, "corpus identities").ok());
    Result<OpenedFile> opened = OpenSopsFile(*f, ids);
    ASSERT_TRUE(opened.ok()) << opened.error().Describe();
    Result<doc::Document> plain = PlaintextDocument(*f, *opened);
    ASSERT_TRUE(plain.ok()) << plain.error().Describe();
    const char* format = doc::FormatName(file.format);
    testing::SopsRun sops = testing::RunSopsWithKeyText(
        {"decrypt", "--input-type", format, "--output-type", format, "/dev/stdin"},
        file.age_key_file, file.encrypted);
    ASSERT_EQ(sops.exit_code, 0) << sops.err;
    // Compared in memory only; a difference is reported without printing either side.
    EXPECT_TRUE(doc::EmitDocument(*plain) == sops.out) << "native decryption differs from sops";
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(corpus.files.size()));
}

}  // namespace
}  // namespace clef::sops

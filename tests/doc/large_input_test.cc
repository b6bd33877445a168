// Very large inputs: a 100 MB file is read without a crash, within a memory bound set by the
// caller, and refused before any parsing when it exceeds ParseOptions::max_bytes.
#include <gtest/gtest.h>

#include <string>

#include "core/doc/document.h"

namespace clef::doc {
namespace {

constexpr size_t k100MB = size_t{100} << 20;

TEST(LargeInput, HundredMegabyteValueParsesAndRoundTrips) {
  std::string text = "big: ";
  text.append(k100MB, 'a');
  text += "\n";
  Result<Document> doc = ParseDocument(text, Format::kYaml, "big.yaml");
  ASSERT_TRUE(doc.ok()) << doc.error().Describe();
  ASSERT_NE(doc->root().Find("big"), nullptr);
  EXPECT_EQ(doc->root().Find("big")->scalar.text.size(), k100MB);
  EXPECT_EQ(EmitDocument(*doc).size(), text.size());
}

TEST(LargeInput, HundredMegabyteFileOverTheLimitIsRefusedBeforeParsing) {
  std::string text(k100MB, '{');  // would nest 100 M levels deep if it were parsed
  ParseOptions options;
  options.max_bytes = size_t{64} << 20;
  Result<Document> doc = ParseDocument(text, Format::kYaml, "big.yaml", options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().file, "big.yaml");
}

TEST(LargeInput, HundredMegabytesOfNestingIsAnErrorNotAStackOverflow) {
  std::string text = "a: ";
  text.append(k100MB, '[');
  Result<Document> doc = ParseDocument(text, Format::kYaml, "deep.yaml");
  EXPECT_FALSE(doc.ok());
}

}  // namespace
}  // namespace clef::doc

// Every age `enc` entry of every file in the real-sops round-trip corpus (tests/support/
// sops_corpus.h: YAML, JSON and dotenv files encrypted by sops 3.12.2 to one to three age
// recipients) unwraps natively with the identities the corpus used, and all entries of a file
// give the same 32-byte data key.
#include <gtest/gtest.h>

#include <iostream>

#include "core/crypto/data_key.h"
#include "core/keys/identity_set.h"
#include "support/sops_corpus.h"

namespace clef::crypto {
namespace {

// The armored entries in a file's text, whatever the format's quoting: YAML block scalars
// (indented lines), JSON strings and dotenv values ("\n" escapes).
std::vector<std::string> AgeEntries(const std::string& text) {
  static const std::string kBegin = "-----BEGIN AGE ENCRYPTED FILE-----";
  static const std::string kEnd = "-----END AGE ENCRYPTED FILE-----";
  std::vector<std::string> out;
  for (size_t pos = 0; (pos = text.find(kBegin, pos)) != std::string::npos;) {
    size_t end = text.find(kEnd, pos);
    if (end == std::string::npos) break;
    std::string raw = text.substr(pos, end + kEnd.size() - pos);
    for (size_t at; (at = raw.find("\\n")) != std::string::npos;) raw.replace(at, 2, "\n");
    std::string enc;
    size_t line_start = 0;
    while (line_start <= raw.size()) {
      size_t nl = raw.find('\n', line_start);
      if (nl == std::string::npos) nl = raw.size();
      std::string line = raw.substr(line_start, nl - line_start);
      size_t first = line.find_first_not_of(" \t");
      if (first != std::string::npos) enc += line.substr(first) + "\n";
      line_start = nl + 1;
    }
    out.push_back(enc);
    pos = end;
  }
  return out;
}

TEST(CorpusInterop, EveryAgeEntryOfEveryCorpusFileUnwrapsNatively) {
  testing::CorpusOptions options;
  testing::Corpus corpus = testing::BuildSopsCorpus(options);
  ASSERT_TRUE(corpus.error.empty()) << corpus.error;
  ASSERT_FALSE(corpus.files.empty());
  int entries = 0;
  for (const testing::CorpusFile& f : corpus.files) {
    keys::IdentitySet ids;
    Status loaded = ids.AddKeyFileText(f.age_key_file, "corpus key file for " + f.name);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    std::vector<std::string> encs = AgeEntries(f.encrypted);
    ASSERT_EQ(encs.size(), f.recipients.size()) << f.name << " (seed " << corpus.seed << ")";
    std::optional<std::string> first_key;
    for (const std::string& enc : encs) {
      auto key = UnwrapAgeDataKey(enc, ids.age());
      ASSERT_TRUE(key.ok()) << f.name << ": " << key.error().message;
      ASSERT_TRUE(key->has_value()) << f.name << ": no identity matched";
      ASSERT_EQ((*key)->size(), 32u) << f.name;
      if (!first_key) first_key = std::string((*key)->view());
      EXPECT_TRUE(SecureEqual((*key)->view(), *first_key)) << f.name;
      ++entries;
    }
  }
  std::cout << "corpus interop: " << corpus.files.size() << " files, " << entries
            << " age entries unwrapped (seed " << corpus.seed << ")\n";
}

}  // namespace
}  // namespace clef::crypto

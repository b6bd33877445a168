// A seeded corpus of plaintext files (YAML, JSON, dotenv) encrypted by the REAL sops binary,
// for tests that must agree with sops byte for byte ("parse then emit == sops output",
// "decrypt natively == sops decrypt").
//
// The generator writes varied plaintext (nested maps and lists, comments everywhere sops keeps
// them, every scalar type, multi-line and unicode strings, keys that need quoting,
// `_unencrypted` keys, 2-space / 4-space / flow styles) and encrypts each file with sops in a
// temporary directory that is deleted afterwards, using one to three age recipients and
// sometimes a .sops.yaml creation rule (encrypted_regex, unencrypted_regex,
// encrypted_comment_regex, unencrypted_comment_regex, mac_only_encrypted). sops runs two at a
// time. The plaintexts are generated test data, not secrets.
//
//   CorpusOptions options;                       // seed from CLEF_CORPUS_SEED or random
//   Corpus corpus = BuildSopsCorpus(options);
//   ASSERT_TRUE(corpus.error.empty()) << corpus.error;
//   for (const CorpusFile& f : corpus.files) { ... f.encrypted ... f.age_key_file ... }
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/doc/document.h"

namespace clef::testing {

struct CorpusOptions {
  uint64_t seed = 0;        // 0: CLEF_CORPUS_SEED from the environment, else random
  int count = 210;          // number of files
  std::string sops_bin;     // empty: CLEF_SOPS_BIN
  std::string testdata_dir; // empty: CLEF_TESTDATA_DIR (for the fixture identities)
  int parallel = 2;         // sops processes at a time
};

struct CorpusFile {
  std::string name;          // e.g. "f017.enc.yaml" (no directory: the temp dir is gone)
  doc::Format format = doc::Format::kYaml;
  std::string plaintext;     // the generated input
  std::string encrypted;     // what sops wrote
  std::vector<std::string> recipients;  // age recipients it was encrypted to
  std::string age_key_file;  // contents of an age identity file (SOPS_AGE_KEY_FILE format)
                             // holding an identity for each recipient
  std::string rule;          // the encryption rule used, for messages ("encrypted_regex ...")
};

struct Corpus {
  uint64_t seed = 0;
  std::vector<CorpusFile> files;
  std::string error;  // non-empty when sops failed on some file (names the file and stderr)
};

// The seed a corpus will use for `options` (CLEF_CORPUS_SEED overrides a zero seed).
uint64_t ResolveCorpusSeed(const CorpusOptions& options);

// Builds the corpus; prints "sops corpus seed: N" to stderr so a failure can be replayed.
Corpus BuildSopsCorpus(const CorpusOptions& options);

// Only the plaintext generator (no sops): `count` files for `seed`.
std::vector<CorpusFile> GenerateCorpusPlaintexts(uint64_t seed, int count);

}  // namespace clef::testing

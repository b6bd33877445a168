// A labelled corpus for the scanner's quality test: realistic fake secrets of every supported
// format embedded in code, YAML, JSON, .env, Terraform, notebooks and CI configs (generated
// from a fixed seed, with valid checksums where the format has one), plus hard negatives that
// must never be reported. Also written to disk for the peer comparison (bench/scan_quality.sh).
#pragma once

#include <string>
#include <vector>

namespace clef::scan::testing {

struct CorpusFile {
  std::string path;
  std::string content;
  std::vector<int> secret_lines;  // 1-based lines holding a labelled secret (empty: hard negative)
  std::string format;             // the secret format, or the negative category
};

std::vector<CorpusFile> PositiveCorpus(unsigned seed);
std::vector<CorpusFile> HardNegativeCorpus(unsigned seed);

}  // namespace clef::scan::testing

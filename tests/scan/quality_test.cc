// Detection quality on the labelled corpus (corpus_support.h): recall on supported formats
// must be at least 0.98 and the hard negatives must yield no finding at all. Prints precision
// and recall. Set CLEF_SCAN_CORPUS_OUT=<dir> to also write the corpus and its labels there
// (bench/scan_quality.sh runs the peers on it).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "scan/config.h"
#include "scan/corpus_support.h"
#include "scan/detector.h"
#include "scan/rule_set.h"

namespace clef::scan {
namespace {

using testing::CorpusFile;

class QualityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = ParseScanConfig("", "");
    ASSERT_TRUE(cfg.ok());
    auto rules = RuleSet::Build(cfg->rules, std::vector<bool>(cfg->rules.size(), true));
    ASSERT_TRUE(rules.ok()) << rules.error().Describe();
    rules_ = std::move(*rules);
    detector_ = std::make_unique<Detector>(*rules_, DetectorOptions{true});
  }
  std::unique_ptr<RuleSet> rules_;
  std::unique_ptr<Detector> detector_;
};

void MaybeWrite(const std::vector<CorpusFile>& pos, const std::vector<CorpusFile>& neg) {
  const char* out = std::getenv("CLEF_SCAN_CORPUS_OUT");
  if (!out || !*out) return;
  namespace fs = std::filesystem;
  std::ofstream labels(fs::path(out) / "labels.tsv");
  for (const auto* set : {&pos, &neg}) {
    for (const auto& f : *set) {
      fs::path p = fs::path(out) / "corpus" / f.path;
      fs::create_directories(p.parent_path());
      std::ofstream(p, std::ios::binary) << f.content;
      labels << f.path << "\t" << f.format << "\t";
      for (size_t i = 0; i < f.secret_lines.size(); ++i) labels << (i ? "," : "") << f.secret_lines[i];
      labels << "\n";
    }
  }
}

TEST_F(QualityTest, RecallOnSupportedFormatsIsAtLeast98PercentAndHardNegativesAreSilent) {
  auto positives = testing::PositiveCorpus(20261129);
  auto negatives = testing::HardNegativeCorpus(7);
  MaybeWrite(positives, negatives);

  size_t tp = 0, fn = 0, fp = 0;
  std::map<std::string, std::pair<int, int>> per_format;  // found, total
  for (const auto& f : positives) {
    auto found = detector_->Scan(f.content, f.path);
    std::set<int> lines;
    for (const auto& x : found) lines.insert(x.line);
    bool hit = false;
    for (int l : f.secret_lines) hit = hit || lines.count(l);
    auto& pf = per_format[f.format];
    ++pf.second;
    if (hit) {
      ++tp;
      ++pf.first;
    } else {
      ++fn;
      std::printf("missed: %s in %s\n", f.format.c_str(), f.path.c_str());
    }
    for (const auto& x : found) {
      bool labelled = false;
      for (int l : f.secret_lines) labelled = labelled || x.line == l;
      if (!labelled) {
        ++fp;
        std::printf("false positive: %s at %s:%d\n", x.rule_id.c_str(), f.path.c_str(), x.line);
      }
    }
  }
  size_t negative_findings = 0;
  for (const auto& f : negatives) {
    for (const auto& x : detector_->Scan(f.content, f.path)) {
      ++negative_findings;
      ADD_FAILURE() << "hard negative (" << f.format << ") reported: " << x.rule_id << " at " << f.path << ":"
                    << x.line;
    }
  }
  double recall = static_cast<double>(tp) / static_cast<double>(tp + fn);
  double precision = tp + fp + negative_findings
                         ? static_cast<double>(tp) / static_cast<double>(tp + fp + negative_findings)
                         : 1.0;
  std::printf("corpus: %zu positive files in %zu formats, %zu hard-negative files\n", positives.size(),
              per_format.size(), negatives.size());
  std::printf("clef-scan: TP=%zu FN=%zu FP=%zu (hard-negative findings %zu) precision=%.3f recall=%.3f\n", tp, fn,
              fp, negative_findings, precision, recall);
  EXPECT_GE(recall, 0.98);
  EXPECT_EQ(negative_findings, 0u);
}

TEST_F(QualityTest, RealSopsFilesYieldNoFindings) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const auto& e : fs::directory_iterator(CLEF_TESTDATA_DIR "/sops-3.12.2")) {
    std::string name = e.path().filename().string();
    if (name.find(".enc.") == std::string::npos) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto found = detector_->Scan(content, name);
    for (const auto& x : found) ADD_FAILURE() << name << ":" << x.line << " " << x.rule_id;
    ++files;
  }
  EXPECT_GT(files, 3);
}

}  // namespace
}  // namespace clef::scan

// Document model speed: parse and re-emit a sops-shaped YAML file of 10,000 encrypted keys
// (~1.5 MB, built synthetically in the exact shape sops 3.12.2 writes), next to a plain
// yaml-cpp parse of the same bytes. Counters: bytes processed, peak RSS (KiB) of the process.
//
//   build/bench/doc_parse_bench                      # all
//   /usr/bin/time -v build/bench/doc_parse_bench --benchmark_filter=Parse
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <yaml-cpp/yaml.h>

#include <random>
#include <string>

#include "core/doc/document.h"

namespace {

std::string Base64(std::mt19937_64& rng, size_t n) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  s.reserve(n);
  for (size_t i = 0; i < n; ++i) s += kAlphabet[rng() % 64];
  return s;
}

std::string EncValue(std::mt19937_64& rng, const char* type) {
  return "ENC[AES256_GCM,data:" + Base64(rng, 24) + "=,iv:" + Base64(rng, 43) +
         "=,tag:" + Base64(rng, 22) + "==,type:" + type + "]";
}

// 10,000 keys: 9,000 top-level entries plus 100 nested maps of 10 keys, comments sprinkled
// in, and the sops metadata block, exactly as sops lays them out.
const std::string& SopsFile() {
  static const std::string text = [] {
    std::mt19937_64 rng(42);
    std::string out;
    out.reserve(2 << 20);
    for (int i = 0; i < 9000; ++i) {
      if (i % 500 == 0) out += "#" + EncValue(rng, "comment") + "\n";
      out += "KEY_" + std::to_string(i) + ": " + EncValue(rng, i % 7 ? "str" : "int") + "\n";
    }
    for (int g = 0; g < 100; ++g) {
      out += "group_" + std::to_string(g) + ":\n";
      for (int k = 0; k < 9; ++k)
        out += "    item_" + std::to_string(k) + ": " + EncValue(rng, "str") + "\n";
      out += "    list:\n        - " + EncValue(rng, "str") + "\n";
    }
    out += "sops:\n    age:\n        - recipient: age1turugrjvgdqztgutwpg6x36xchgptlyylx395e4pt2u69ulk3asqamaq6s\n"
           "          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n";
    for (int l = 0; l < 5; ++l) out += "            " + Base64(rng, 64) + "\n";
    out += "            -----END AGE ENCRYPTED FILE-----\n";
    out += "    lastmodified: \"2026-11-28T18:17:51Z\"\n    mac: " + EncValue(rng, "str") +
           "\n    unencrypted_suffix: _unencrypted\n    version: 3.12.2\n";
    return out;
  }();
  return text;
}

void SetCounters(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * SopsFile().size()));
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_kib"] = static_cast<double>(usage.ru_maxrss);
  state.counters["file_bytes"] = static_cast<double>(SopsFile().size());
}

void BM_DocParse(benchmark::State& state) {
  const std::string& text = SopsFile();
  for (auto _ : state) {
    auto doc = clef::doc::ParseDocument(text, clef::doc::Format::kYaml, "bench.enc.yaml");
    if (!doc.ok()) state.SkipWithError(doc.error().Describe().c_str());
    benchmark::DoNotOptimize(doc);
  }
  SetCounters(state);
}
BENCHMARK(BM_DocParse)->Unit(benchmark::kMillisecond);

void BM_DocEmit(benchmark::State& state) {
  auto doc = clef::doc::ParseDocument(SopsFile(), clef::doc::Format::kYaml, "bench.enc.yaml");
  if (!doc.ok()) {
    state.SkipWithError(doc.error().Describe().c_str());
    return;
  }
  for (auto _ : state) {
    std::string out = clef::doc::EmitDocument(*doc);
    if (out.size() != SopsFile().size()) state.SkipWithError("emit differs from the input");
    benchmark::DoNotOptimize(out);
  }
  SetCounters(state);
}
BENCHMARK(BM_DocEmit)->Unit(benchmark::kMillisecond);

void BM_YamlCppParse(benchmark::State& state) {
  const std::string& text = SopsFile();
  for (auto _ : state) {
    YAML::Node node = YAML::Load(text);
    benchmark::DoNotOptimize(node);
  }
  SetCounters(state);
}
BENCHMARK(BM_YamlCppParse)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

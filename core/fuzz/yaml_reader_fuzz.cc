// Fuzz target for the document readers: the input is parsed as YAML, JSON and dotenv; whenever
// it parses, the emitted text must parse again, and emitting that must be stable (a writer
// that produced text its own reader rejects, or that changes on the second pass, aborts).
//
// One exception, inherited from go-yaml v3 on purpose: a string with leading spaces and a line
// break inside a sequence item (`- |4`, or `k: |4` in a mapping that is a sequence item) is
// written with N counted from the dash, which go-yaml (and every YAML reader) reads back
// without the leading spaces. sops 3.12.2 writes exactly that and then refuses its own file
// (MAC mismatch). The writer reproduces sops byte for byte, so a text with an indentation
// indicator only has to reach a fixed point after further passes (each reads back what go-yaml
// would), and every pass must parse.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/doc/document.h"

// A block scalar header with an explicit indentation indicator (`|N`, `>N`, `|-N`, ...) after
// a sequence dash or a mapping key in `text`.
static bool HasIndentedBlockInSequence(std::string_view text) {
  for (size_t at = text.find_first_of("|>"); at != std::string_view::npos;
       at = text.find_first_of("|>", at + 1)) {
    if (at == 0 || text[at - 1] != ' ') continue;
    size_t i = at + 1;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (i < text.size() && text[i] >= '1' && text[i] <= '9') return true;
  }
  return false;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  clef::doc::ParseOptions options;
  options.max_bytes = 1 << 20;
  for (auto format :
       {clef::doc::Format::kYaml, clef::doc::Format::kJson, clef::doc::Format::kDotenv}) {
    auto parsed = clef::doc::ParseDocument(text, format, "fuzz", options);
    if (!parsed.ok()) continue;
    std::string once = clef::doc::EmitDocument(*parsed);
    auto again = clef::doc::ParseDocument(once, format, "fuzz-emitted", options);
    if (!again.ok()) abort();
    std::string twice = clef::doc::EmitDocument(*again);
    if (twice == once) continue;
    if (!HasIndentedBlockInSequence(once)) abort();
    // Each pass loses the leading spaces go-yaml's reader does not see (two per nesting level),
    // so a fixed point is reached within as many passes as there are leading spaces.
    std::string previous = twice;
    bool fixed = false;
    for (int pass = 0; pass < 64 && !fixed; ++pass) {
      auto next = clef::doc::ParseDocument(previous, format, "fuzz-emitted-again", options);
      if (!next.ok()) abort();
      std::string emitted = clef::doc::EmitDocument(*next);
      fixed = emitted == previous;
      previous = std::move(emitted);
    }
    if (!fixed) abort();
  }
  return 0;
}

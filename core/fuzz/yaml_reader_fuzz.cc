// Fuzz target for the document readers: the input is parsed as YAML, JSON and dotenv; whenever
// it parses, the emitted text must parse again, and emitting that must be stable (a writer
// that produced text its own reader rejects, or that changes on the second pass, aborts).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/doc/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  clef::doc::ParseOptions options;
  options.max_bytes = 1 << 20;
  for (auto format : {clef::doc::Format::kYaml, clef::doc::Format::kJson, clef::doc::Format::kDotenv}) {
    auto parsed = clef::doc::ParseDocument(text, format, "fuzz", options);
    if (!parsed.ok()) continue;
    std::string once = clef::doc::EmitDocument(*parsed);
    auto again = clef::doc::ParseDocument(once, format, "fuzz-emitted", options);
    if (!again.ok()) abort();
    std::string twice = clef::doc::EmitDocument(*again);
    if (twice != once) abort();
  }
  return 0;
}

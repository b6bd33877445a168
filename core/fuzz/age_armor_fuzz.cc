// libFuzzer target: the strict age ASCII-armor reader.
// Invariants: no crash or sanitizer report; whatever the reader accepts, the writer's armor of
// the same bytes is accepted again and decodes to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/crypto/age_armor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace clef::crypto;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  clef::Result<std::string> binary = DearmorAge(input);
  if (binary.ok()) {
    clef::Result<std::string> again = DearmorAge(ArmorAge(*binary));
    if (!again.ok() || *again != *binary) std::abort();
  }
  return 0;
}

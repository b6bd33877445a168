// libFuzzer target for the ENC[...] codec: parsing never crashes, whatever parses formats back
// to a string that parses to the same value (the canonical form is a fixed point), and parsing
// into a reused value (whose fields still hold the previous input's bytes) agrees with a fresh
// parse.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/sops/encrypted_value.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  clef::Result<clef::sops::EncryptedValue> value = clef::sops::ParseEncryptedValue(text);
  static clef::sops::EncryptedValue reused;
  clef::Status into = clef::sops::ParseEncryptedValueInto(text, reused);
  if (into.ok() != value.ok() || (into.ok() && !(reused == *value))) std::abort();
  if (!value.ok()) return 0;
  std::string canonical = value->Format();
  clef::Result<clef::sops::EncryptedValue> again = clef::sops::ParseEncryptedValue(canonical);
  if (!again.ok() || !(*again == *value) || again->Format() != canonical) std::abort();
  if (value->iv.size() != clef::sops::kIvSize || value->tag.size() != clef::sops::kTagSize ||
      value->ciphertext.empty()) {
    std::abort();
  }
  return 0;
}

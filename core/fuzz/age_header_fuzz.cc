// libFuzzer target: the age v1 header parser and the whole decrypt path behind it.
// Invariants: no crash or sanitizer report on any input; a header that parses serialises back
// to exactly the bytes it was parsed from; decryption with a fixed identity never succeeds on
// a header it could not parse.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/crypto/age.h"
#include "core/crypto/age_armor.h"
#include "core/crypto/age_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace clef::crypto;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  clef::Result<ParsedAgeHeader> parsed = ParseAgeHeader(input);
  if (parsed.ok()) {
    if (SerializeAgeHeader(parsed->header) != input.substr(0, parsed->size)) std::abort();
  }
  static const X25519Identity* identity = new X25519Identity(*X25519Identity::Parse(
      "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"));
  AgeFailure failure;
  clef::Result<clef::SecureBytes> plain = AgeDecrypt(input, {identity, 1}, &failure);
  if (plain.ok() && !parsed.ok() && !LooksArmored(input)) std::abort();
  return 0;
}

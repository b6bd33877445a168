// The parts of GcmContext both backends share (gcm_context_mbedtls.cc, gcm_context_openssl.cc).
#include "core/crypto/gcm_context.h"

#include <sodium.h>

namespace clef::crypto {

Result<GcmSealed> GcmContext::Seal(std::string_view key, std::string_view aad,
                                   std::string_view plaintext) {
  EnsureSodium();
  std::string iv(kSealIvSize, '\0');
  randombytes_buf(iv.data(), iv.size());
  return SealWithIv(key, iv, aad, plaintext);
}

}  // namespace clef::crypto

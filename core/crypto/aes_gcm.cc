#include "core/crypto/aes_gcm.h"

#include <cstdint>
#include <span>

#include "core/crypto/gcm_context.h"

namespace clef::crypto {
namespace {

// One context per thread: the cipher is set up once and the key schedule kept while the key
// stays the same (a file's values share its data key).
GcmContext& ThreadContext() {
  thread_local GcmContext context;
  return context;
}

}  // namespace

Result<GcmCiphertext> AesGcmSeal(std::string_view key, std::string_view iv, std::string_view aad,
                                 std::string_view plaintext) {
  Result<GcmSealed> sealed = ThreadContext().SealWithIv(key, iv, aad, plaintext);
  if (!sealed.ok()) return sealed.error();
  return GcmCiphertext{std::move(sealed->ciphertext), std::move(sealed->iv),
                       std::move(sealed->tag)};
}

Result<SecureBytes> AesGcmOpen(std::string_view key, std::string_view iv, std::string_view aad,
                               std::string_view data, std::string_view tag) {
  SecureBytes out(data.size() + 1);  // +1: a valid pointer for empty data
  Status opened =
      ThreadContext().Open(key, iv, aad, data, tag, std::span<uint8_t>(out.data(), data.size()));
  if (!opened.ok()) return opened.error();
  out.Truncate(data.size());
  return out;
}

}  // namespace clef::crypto

// GcmContext on mbed TLS's GCM (AES-NI and PCLMUL when the CPU has them): no global state to
// build at start-up, unlike OpenSSL 3, whose first cipher fetch constructs its whole algorithm
// table — a third of a merge driver call's instructions.
#include <mbedtls/gcm.h>
#include <sodium.h>

#include <cstring>

#include "core/crypto/gcm_context.h"

namespace clef::crypto {
namespace {

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

struct GcmContext::State {
  mbedtls_gcm_context gcm;
  // The key `gcm` was set up with. Plain memory like the key schedule inside `gcm`; both are
  // wiped when the cipher goes away.
  unsigned char key[kDataKeySize] = {};
  bool has_key = false;
  State() { mbedtls_gcm_init(&gcm); }
  ~State() {
    mbedtls_gcm_free(&gcm);  // zeroises the key schedule
    sodium_memzero(key, sizeof key);
  }
};

GcmContext::GcmContext(Backend backend)
    : state_(std::make_unique<State>()),
      fast_(backend == Backend::kAuto && AesGcmX86Available()) {}
GcmContext::~GcmContext() = default;
GcmContext::GcmContext(GcmContext&&) noexcept = default;
GcmContext& GcmContext::operator=(GcmContext&&) noexcept = default;

Status GcmContext::Prepare(bool, std::string_view key, std::string_view) {
  State& s = *state_;
  if (s.has_key && SameKey32(s.key, key.data())) return Status::Ok();
  s.has_key = false;
  if (mbedtls_gcm_setkey(&s.gcm, MBEDTLS_CIPHER_ID_AES, U(key), 8 * kDataKeySize) != 0) {
    return MakeError("AES-256-GCM: cannot set the key");
  }
  std::memcpy(s.key, key.data(), kDataKeySize);
  s.has_key = true;
  return Status::Ok();
}

Result<bool> GcmContext::LibraryOpen(std::string_view key, std::string_view iv,
                                     std::string_view aad, std::string_view ciphertext,
                                     std::string_view tag, uint8_t* out) {
  if (Status s = Prepare(false, key, iv); !s.ok()) return s.error();
  return mbedtls_gcm_auth_decrypt(&state_->gcm, ciphertext.size(), U(iv), iv.size(), U(aad),
                                  aad.size(), U(tag), tag.size(), U(ciphertext), out) == 0;
}

Status GcmContext::LibrarySeal(std::string_view key, std::string_view iv, std::string_view aad,
                               std::string_view plaintext, uint8_t* ciphertext_out,
                               uint8_t* tag_out) {
  if (Status s = Prepare(true, key, iv); !s.ok()) return s;
  if (mbedtls_gcm_crypt_and_tag(&state_->gcm, MBEDTLS_GCM_ENCRYPT, plaintext.size(), U(iv),
                                iv.size(), U(aad), aad.size(), U(plaintext), ciphertext_out,
                                kGcmTagSize, tag_out) != 0) {
    return MakeError("AES-256-GCM: encryption failed");
  }
  return Status::Ok();
}

}  // namespace clef::crypto

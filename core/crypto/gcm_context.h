// GcmContext: AES-256-GCM with sops's 32-byte IV and 16-byte tag for many small values on one
// reusable context (sops-format.md §1.7). On x86-64 CPUs with AES-NI and PCLMULQDQ it runs
// aes_gcm_x86.h (a sops value costs a few AES rounds and carry-less multiplies there, against
// several times that in the libraries' per-message set-up). Elsewhere, or when asked for
// Backend::kLibrary: mbed TLS when it is installed (on Debian, libgit2-dev depends on it), which
// needs no start-up work; else OpenSSL EVP, whose first cipher fetch builds its whole algorithm
// table (about 6M instructions, more than the rest of a short tool call). The key schedule is
// redone only when the key changes; plaintext goes straight into caller memory.
//
// Contract: Open authenticates (key, IV, AAD, ciphertext, tag) before reporting success; on
// failure the output bytes are wiped. Errors never hold key, IV or plaintext bytes. The key
// copy and schedule inside are wiped when the context goes away. Move-only; not thread-safe
// (callers keep one per thread).
//
//   GcmContext gcm;
//   std::span<uint8_t> out = arena.Allocate(v.ciphertext.size());
//   Status ok = gcm.Open(key, v.iv, aad, v.ciphertext, v.tag, out);
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/crypto/aes_gcm_x86.h"
#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {

// sops's sizes (sops-format.md §1.7); aes_gcm.h and every GcmContext backend use these.
inline constexpr size_t kDataKeySize = 32;
inline constexpr size_t kSopsIvSize = 32;  // also the size of the IV Seal draws
inline constexpr size_t kGcmTagSize = 16;

struct GcmSealed {
  std::string ciphertext;  // same length as the plaintext
  std::string iv;          // 32 bytes
  std::string tag;         // 16 bytes
};

class GcmContext {
 public:
  enum class Backend { kAuto, kLibrary };  // kLibrary: never the x86 path (tests compare both)
  explicit GcmContext(Backend backend = Backend::kAuto);
  ~GcmContext();
  GcmContext(GcmContext&&) noexcept;
  GcmContext& operator=(GcmContext&&) noexcept;

  // `key` is 32 bytes; `out` has ciphertext.size() bytes.
  Status Open(std::string_view key, std::string_view iv, std::string_view aad,
              std::string_view ciphertext, std::string_view tag, std::span<uint8_t> out);
  // With a fresh random 32-byte IV.
  Result<GcmSealed> Seal(std::string_view key, std::string_view aad, std::string_view plaintext);
  // With the caller's 32-byte IV (sops's stash: an unchanged value keeps its IV).
  Result<GcmSealed> SealWithIv(std::string_view key, std::string_view iv, std::string_view aad,
                               std::string_view plaintext);

 private:
  struct State;  // the library backend's (gcm_context_mbedtls.cc or gcm_context_openssl.cc)
  Status Prepare(bool encrypt, std::string_view key, std::string_view iv);
  // The backend's halves of Open and SealWithIv (arguments already checked). LibraryOpen says
  // whether the value is authentic; both fail only when the library cannot be set up. Wiping
  // and the authentication message are the caller's.
  Result<bool> LibraryOpen(std::string_view key, std::string_view iv, std::string_view aad,
                           std::string_view ciphertext, std::string_view tag, uint8_t* out);
  Status LibrarySeal(std::string_view key, std::string_view iv, std::string_view aad,
                     std::string_view plaintext, uint8_t* ciphertext_out, uint8_t* tag_out);
  // The x86 path's key copy and expanded schedule (aes_gcm_x86.h), set up on first use.
  const AesGcmX86Key* FastKey(std::string_view key);
  std::unique_ptr<State> state_;
  bool fast_ = false;
  SecureBytes fast_key_;  // AesGcmX86Key, then the 32-byte key it was made from and a flag
};

// Constant-time equality of a 32-byte key with the one a context was set up for (both backends
// and the x86 path compare on every call; sodium_memcmp's byte loop was a visible share of it).
bool SameKey32(const uint8_t* a, const char* b);

}  // namespace clef::crypto

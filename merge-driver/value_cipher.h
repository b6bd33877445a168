// ValueCipher: AES-256-GCM with sops's 32-byte IV for the many small values of one merge, on a
// single OpenSSL context. core/crypto/aes_gcm.h sets up a fresh context per value (an
// algorithm fetch from the provider each time, and a SecureBytes per result); here the
// algorithm is fetched once, the key schedule is redone only when the key changes, and
// plaintext goes straight into caller memory (a PlaintextArena).
//
// Contract: Open authenticates (key, IV, AAD, ciphertext, tag) before reporting success; on
// failure the output bytes are wiped. Seal draws a fresh random 32-byte IV. Errors never hold
// key, IV or plaintext bytes. Move-only; not thread-safe (one context).
//
//   ValueCipher cipher;
//   std::span<uint8_t> out = arena.Allocate(v.ciphertext.size());
//   Status ok = cipher.Open(key, v.iv, aad, v.ciphertext, v.tag, out);
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::merge {

struct SealedValue {
  std::string ciphertext;  // same length as the plaintext
  std::string iv;          // 32 bytes
  std::string tag;         // 16 bytes
};

class ValueCipher {
 public:
  ValueCipher();
  ~ValueCipher();
  ValueCipher(ValueCipher&&) noexcept;
  ValueCipher& operator=(ValueCipher&&) noexcept;

  // `key` is 32 bytes; `out` has ciphertext.size() bytes.
  Status Open(std::string_view key, std::string_view iv, std::string_view aad,
              std::string_view ciphertext, std::string_view tag, std::span<uint8_t> out);
  Result<SealedValue> Seal(std::string_view key, std::string_view aad, std::string_view plaintext);

 private:
  struct State;
  Status Prepare(bool encrypt, std::string_view key, std::string_view iv);
  std::unique_ptr<State> state_;
};

}  // namespace clef::merge

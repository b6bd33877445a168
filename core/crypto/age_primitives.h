// The symmetric building blocks of age v1 (sops-format.md §6.3–§6.5, §8), on libsodium 1.0.18:
// HMAC-SHA-256, HKDF-SHA-256 built from it (1.0.18 has no HKDF), and ChaCha20-Poly1305 (IETF,
// 12-byte nonce). Derived keys and plaintexts are returned in SecureBytes. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/secure_bytes.h"

namespace clef::crypto {

inline constexpr size_t kChaChaNonceSize = 12;
inline constexpr size_t kPoly1305TagSize = 16;

// HMAC-SHA-256(key, message); `key` may be empty.
std::array<uint8_t, 32> HmacSha256(std::string_view key, std::string_view message);

// HKDF-SHA-256 (RFC 5869) with a 32-byte output.
SecureBytes HkdfSha256(std::string_view ikm, std::string_view salt, std::string_view info);

// ChaCha20-Poly1305 seal: returns ciphertext || 16-byte tag. `key` is 32 bytes.
std::string ChaChaSeal(std::string_view key, const std::array<uint8_t, 12>& nonce,
                       std::string_view plaintext);

// ChaCha20-Poly1305 open into `out` (which must hold ciphertext.size() - 16 bytes starting at
// `out`); false when the tag does not authenticate (nothing useful is left in `out`).
bool ChaChaOpen(std::string_view key, const std::array<uint8_t, 12>& nonce,
                std::string_view ciphertext, uint8_t* out);

}  // namespace clef::crypto

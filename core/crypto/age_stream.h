// The age v1 payload: STREAM over ChaCha20-Poly1305 in 64 KiB chunks (sops-format.md §6.5).
//
// Nonce of chunk i = 11-byte big-endian i || 0x01 for the last chunk, 0x00 otherwise. The last
// chunk may be short but is empty only when it is the only chunk; after the last chunk the
// input must end. The payload key is HKDF-SHA-256(file key, salt = 16-byte nonce, "payload").
//
// StreamDecrypt hands each authenticated chunk to `sink` as soon as it verifies (so a caller
// that streams can release partial plaintext, as CCTV's payload-failure vectors describe);
// callers wanting all-or-nothing collect and discard on error. Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {

inline constexpr size_t kStreamChunkSize = 64 * 1024;
inline constexpr size_t kPayloadNonceSize = 16;

using PlaintextSink = std::function<void(std::string_view chunk)>;

// Encrypts `plaintext` with the 32-byte payload key.
std::string StreamEncrypt(std::string_view payload_key, std::string_view plaintext);

// Decrypts `ciphertext` (everything after the 16-byte nonce) chunk by chunk into `sink`.
Status StreamDecrypt(std::string_view payload_key, std::string_view ciphertext,
                     const PlaintextSink& sink);

// HKDF-SHA-256(file_key, salt = nonce, info = "payload").
SecureBytes DerivePayloadKey(std::string_view file_key, std::string_view nonce);

}  // namespace clef::crypto

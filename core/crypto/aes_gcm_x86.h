// aes_gcm_x86: AES-256-GCM (NIST SP 800-38D) on the x86-64 AES-NI and PCLMULQDQ instructions,
// for the many short values of a sops file. The general libraries spend most of a sops value's
// time on per-message set-up (a generic cipher layer, table-driven or bit-reflecting GHASH);
// here a value is a handful of AES rounds and carry-less multiplies on a key schedule and hash
// key computed once per data key. GcmContext (gcm_context.h) uses it when Available() and keeps
// mbed TLS / OpenSSL as the path for other CPUs; tests check it against OpenSSL EVP on random
// inputs of every IV, AAD and text length up to a few blocks.
//
// Contract: any IV length > 0 (sops uses 32 bytes; 12 bytes takes the standard shortcut);
// Open checks the tag in constant time BEFORE any plaintext is written, and writes nothing on
// failure. The expanded key holds secret material: keep it in SecureBytes (GcmContext does).
// Pure functions, thread-safe.
//
//   SecureBytes schedule(sizeof(AesGcmX86Key));
//   auto* k = reinterpret_cast<AesGcmX86Key*>(schedule.data());
//   ExpandAesGcmX86Key(key32, k);
//   bool ok = OpenAesGcmX86(*k, iv, aad, ciphertext, tag, out);
#pragma once

#include <cstdint>
#include <string_view>

namespace clef::crypto {

struct AesGcmX86Key {
  uint8_t round_keys[15][16];  // AES-256 encryption schedule
  uint64_t hash_key[2];        // H = AES_K(0^128) as a big-endian integer: {high, low} halves
};

// True when this CPU has AES-NI, PCLMULQDQ, SSSE3 and SSE4.1 (checked once).
bool AesGcmX86Available();

// `key` is 32 bytes. Only call when AesGcmX86Available().
void ExpandAesGcmX86Key(const uint8_t* key, AesGcmX86Key* out);

// `out` has room for ciphertext.size() bytes; `tag` is 16 bytes. False: not authentic.
bool OpenAesGcmX86(const AesGcmX86Key& key, std::string_view iv, std::string_view aad,
                   std::string_view ciphertext, std::string_view tag, uint8_t* out);

// `ciphertext_out` has room for plaintext.size() bytes; `tag_out` for 16.
void SealAesGcmX86(const AesGcmX86Key& key, std::string_view iv, std::string_view aad,
                   std::string_view plaintext, uint8_t* ciphertext_out, uint8_t* tag_out);

}  // namespace clef::crypto

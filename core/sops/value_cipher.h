// AES-256-GCM with sops's 32-byte IV and 16-byte tag (reference/sops-format.md §1.7), on a
// per-thread crypto::GcmContext: the cipher of every encrypted leaf and of the MAC.
//
// Decryption authenticates before anything is returned; plaintext only ever lives in
// SecureBytes. Errors never contain plaintext, key or ciphertext bytes. Thread-safe.
//
//   EncryptedValue v = SealValue(key.view(), plaintext, "app:password:", ValueType::kStr);
//   Result<SecureBytes> back = OpenValue(key.view(), v, "app:password:");
#pragma once

#include <string_view>

#include "core/crypto/secure_bytes.h"
#include "core/result.h"
#include "core/sops/encrypted_value.h"

namespace clef::sops {

inline constexpr size_t kDataKeySize = 32;

// Encrypts with a fresh random 32-byte IV.
EncryptedValue SealValue(std::string_view key, std::string_view plaintext, std::string_view aad,
                         ValueType type);
// Encrypts with the given IV (for the IV reuse of unchanged values, and for test vectors).
// A key that is not kDataKeySize bytes or an IV that is not kIvSize bytes is a programming
// error: std::logic_error (callers pass a data key they unwrapped and an IV that parsed).
EncryptedValue SealValueWithIv(std::string_view key, std::string_view plaintext,
                               std::string_view aad, ValueType type, std::string_view iv);

// Decrypts into `out`, reallocated only when smaller than the ciphertext (so one buffer serves
// a whole file); returns the plaintext length. On error `out` holds nothing useful.
Result<size_t> OpenValueInto(std::string_view key, const EncryptedValue& value,
                             std::string_view aad, SecureBytes& out);

// Error "does not authenticate" when the key, AAD, IV, tag or ciphertext do not match.
Result<SecureBytes> OpenValue(std::string_view key, const EncryptedValue& value,
                              std::string_view aad);

}  // namespace clef::sops

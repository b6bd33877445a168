// AES-256-GCM exactly as sops uses it (sops-format.md §1.7, §8): 32-byte data key, 32-byte
// IV (sops's non-standard nonce size, which libsodium's AES-GCM does not take), 16-byte tag,
// caller-supplied AAD. One-shot calls on a per-thread crypto::GcmContext (gcm_context.h).
//
// Open verifies the tag before anything is returned; the plaintext is handed back in
// SecureBytes. Errors never include key, IV or plaintext. Thread-safe.
//
//   SecureBytes iv = SecureBytes::Random(kSopsIvSize);
//   Result<GcmCiphertext> sealed = AesGcmSeal(data_key.view(), iv.view(), "app:password:", pw);
//   Result<SecureBytes> back = AesGcmOpen(data_key.view(), sealed->iv, "app:password:",
//                                         sealed->data, sealed->tag);
#pragma once

#include <string>
#include <string_view>

#include "core/crypto/gcm_context.h"  // kDataKeySize, kSopsIvSize, kGcmTagSize
#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {


struct GcmCiphertext {
  std::string data;  // ciphertext without the tag (same length as the plaintext)
  std::string iv;    // the IV used
  std::string tag;   // 16 bytes
};

// `key` and `iv` must be 32 bytes.
Result<GcmCiphertext> AesGcmSeal(std::string_view key, std::string_view iv, std::string_view aad,
                                 std::string_view plaintext);

// Error "value does not authenticate" when key, IV, AAD, data or tag do not match.
Result<SecureBytes> AesGcmOpen(std::string_view key, std::string_view iv, std::string_view aad,
                               std::string_view data, std::string_view tag);

}  // namespace clef::crypto

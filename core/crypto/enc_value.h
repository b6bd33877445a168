// The sops encrypted value string (sops-format.md §1.7):
//   ENC[AES256_GCM,data:<b64>,iv:<b64 32 bytes>,tag:<b64 16 bytes>,type:<type>]
//
// Parsing uses sops's own regular expression through RE2 (Go regexp semantics: anchored at
// the start only, greedy groups, text after the closing ']' ignored) and Go's lenient base64
// (padding required, non-zero trailing bits and CR/LF accepted). It then validates what sops
// would reject: a 32-byte IV, a 16-byte tag and a known type tag. Formatting writes canonical
// padded base64, as sops does.
//
// EncryptValue/DecryptValue combine the codec with AES-256-GCM (aes_gcm.h) and the type bytes
// (value_bytes.h is the caller's job: pass ToBytes(...) in, get raw bytes out). Pass the IV of
// the previous ciphertext to EncryptValue to keep an unchanged value byte-identical (sops's
// IV stash); otherwise a fresh random 32-byte IV is used. Thread-safe.
//
//   Result<EncryptedValue> v = ParseEncryptedValue(text);
//   Result<SecureBytes> plain = DecryptValue(data_key.view(), *v, "app:password:");
//   std::string again = FormatEncryptedValue(*EncryptValue(key, plain->view(), aad, v->type,
//                                                          v->iv));
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/secure_bytes.h"
#include "core/crypto/value_bytes.h"
#include "core/result.h"

namespace clef::crypto {

struct EncryptedValue {
  std::string data;  // raw ciphertext bytes (no tag)
  std::string iv;    // raw, 32 bytes
  std::string tag;   // raw, 16 bytes
  ValueType type = ValueType::kStr;
};

// True when `text` starts like an encrypted value ("ENC[AES256_GCM,"); cheap pre-check.
bool LooksEncrypted(std::string_view text);

Result<EncryptedValue> ParseEncryptedValue(std::string_view text);
std::string FormatEncryptedValue(const EncryptedValue& value);

// `iv`: reuse this IV (must be 32 bytes) or, when nullopt, draw a fresh one.
Result<EncryptedValue> EncryptValue(std::string_view key, std::string_view plaintext_bytes,
                                    std::string_view aad, ValueType type,
                                    std::optional<std::string_view> iv = std::nullopt);
Result<SecureBytes> DecryptValue(std::string_view key, const EncryptedValue& value,
                                 std::string_view aad);

}  // namespace clef::crypto

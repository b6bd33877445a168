// age X25519 recipients and identities (sops-format.md §6.3, §6.7).
//
//   X25519Recipient: "age1..." (Bech32, lowercase HRP "age", 32-byte Curve25519 public key).
//   X25519Identity:  "AGE-SECRET-KEY-1..." (Bech32, uppercase HRP, 32-byte scalar), held in
//                    SecureBytes; it knows its recipient. Move-only.
//
// Wrap/unwrap of a file key into/from an "X25519" stanza:
//   * Wrap: fresh ephemeral key, HKDF-SHA-256(salt = E || R, info "age-encryption.org/v1/X25519"),
//     ChaCha20-Poly1305 with a zero nonce.
//   * Unwrap: stanzas of other types are ignored; a malformed X25519 stanza (argument count,
//     non-canonical or wrong-length share, body not 32 bytes) or an all-zero shared secret is a
//     fatal header error; a tag mismatch means "not for this identity".
// Error messages never contain key material. Thread-safe (objects are immutable after creation).
//
//   auto id = X25519Identity::Parse(line);           // Result<X25519Identity>
//   std::string pub = id->Recipient().ToString();   // "age1..."
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/crypto/age_header.h"
#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {

class X25519Recipient {
 public:
  // Parses "age1..." (leading/trailing whitespace not allowed; callers trim like sops does).
  static Result<X25519Recipient> Parse(std::string_view text);
  static X25519Recipient FromPublicKey(const std::array<uint8_t, 32>& key);

  std::string ToString() const;  // canonical "age1..." (62 characters)
  const std::array<uint8_t, 32>& public_key() const { return key_; }
  bool operator==(const X25519Recipient& other) const { return key_ == other.key_; }

  // A new stanza wrapping `file_key` (16 bytes for age files) to this recipient.
  AgeStanza Wrap(std::string_view file_key) const;

 private:
  std::array<uint8_t, 32> key_{};
};

class X25519Identity {
 public:
  static Result<X25519Identity> Parse(std::string_view text);
  static X25519Identity Generate();

  X25519Identity(X25519Identity&&) = default;
  X25519Identity& operator=(X25519Identity&&) = default;

  // The "AGE-SECRET-KEY-1..." text, uppercase, in SecureBytes.
  SecureBytes ToSecretString() const;
  const X25519Recipient& Recipient() const { return recipient_; }

  // Tries this identity on one stanza: the file key, nullopt when the stanza is not an X25519
  // stanza for this identity, or an error when the stanza is malformed (a header failure).
  Result<std::optional<SecureBytes>> Unwrap(const AgeStanza& stanza) const;

 private:
  X25519Identity() = default;
  SecureBytes scalar_;  // 32 bytes
  X25519Recipient recipient_;
};

// Tries every identity on every stanza, in stanza order. Returns the file key, nullopt when no
// identity matches, or an error for a malformed X25519 stanza.
Result<std::optional<SecureBytes>> UnwrapFileKey(std::span<const AgeStanza> stanzas,
                                                 std::span<const X25519Identity> identities);

}  // namespace clef::crypto

// age v1 encryption and decryption for X25519 recipients (sops-format.md §6), binary or
// ASCII-armored, interoperable with Go age and Debian's `age` CLI.
//
// Decryption reports WHY it failed as an AgeFailure class (the CCTV vector outcomes), so
// callers can tell "not for my keys" (kNoMatch) from tampering (kHmac, kPayload) or garbage
// (kArmor, kHeader). Headers with an scrypt stanza next to other stanzas are rejected.
// Plaintext is returned in SecureBytes only when the whole payload authenticated. Error
// messages never contain key material or plaintext. Thread-safe.
//
//   std::string enc = ArmorAge(AgeEncrypt(data_key.view(), {recipient}));
//   AgeFailure why;
//   Result<SecureBytes> key = AgeDecrypt(enc, identities, &why);
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/crypto/age_stream.h"
#include "core/crypto/age_x25519.h"
#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {

enum class AgeFailure {
  kNone,
  kArmor,    // armored input that is not strict PEM
  kHeader,   // malformed header, malformed X25519 stanza, missing payload nonce
  kNoMatch,  // no identity unwraps any stanza
  kHmac,     // the header MAC does not verify
  kPayload,  // the STREAM payload does not authenticate or is truncated
};
const char* AgeFailureName(AgeFailure failure);  // "header failure", "no match", ...

// A binary age file of `plaintext` for `recipients` (at least one), fresh file key.
std::string AgeEncrypt(std::string_view plaintext, std::span<const X25519Recipient> recipients);

// Decrypts a binary or armored (detected by LooksArmored) age file. `failure` (optional) is
// set to the failure class, kNone on success.
Result<SecureBytes> AgeDecrypt(std::string_view file, std::span<const X25519Identity> identities,
                               AgeFailure* failure = nullptr);

// Streaming form: each authenticated chunk goes to `sink` before the next is checked, so on a
// kPayload failure the sink has seen exactly the chunks that authenticated.
Status AgeDecryptTo(std::string_view file, std::span<const X25519Identity> identities,
                    const PlaintextSink& sink, AgeFailure* failure = nullptr);

}  // namespace clef::crypto

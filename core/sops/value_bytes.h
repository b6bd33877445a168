// The bytes sops encrypts and hashes for a value, and the value a decrypted byte string
// stands for (reference/sops-format.md §1.6): Go's strconv formatting for numbers, `True`/
// `False` for booleans, RFC 3339 (Go's RFC3339Nano) for timestamps.
//
// Plaintext goes in and out of SecureBytes only. Errors name the type, never the bytes.
// Pure functions; thread-safe.
//
//   SecureBytes bytes = ScalarBytes(node.scalar);            // what sops hashes for `port: 8080`
//   std::optional<ValueType> tag = TypeTagFor(node.scalar);   // kInt
//   Result<SecureBytes> canonical = CanonicalBytes(ValueType::kFloat, decrypted.view());
#pragma once

#include <optional>
#include <string_view>

#include "core/crypto/secure_bytes.h"
#include "core/doc/document.h"
#include "core/result.h"
#include "core/sops/encrypted_value.h"

namespace clef::sops {

// The `type:` tag a plaintext scalar gets when encrypted; nullopt for null (never encrypted).
std::optional<ValueType> TypeTagFor(const doc::Scalar& scalar);

// sops's ToBytes of a plaintext scalar from a document (for the MAC and for encryption).
Result<SecureBytes> ScalarBytes(const doc::Scalar& scalar);

// Re-formats decrypted bytes of `type` as Go would after converting them to the typed value
// (Atoi/ParseFloat/ParseBool/Time.UnmarshalText, then ToBytes): the bytes that go into the
// MAC on decryption. Error when the bytes are not a valid value of that type (a time must be
// RFC 3339 with a valid date, as core/crypto/rfc3339.h parses it).
Result<SecureBytes> CanonicalBytes(ValueType type, std::string_view plaintext);
// The same into `out`, reallocated only when too small (one buffer serves a whole file);
// returns the length.
Result<size_t> CanonicalBytesInto(ValueType type, std::string_view plaintext, SecureBytes& out);

// The scalar a decrypted value stands for (string, int, float, bool, time); comments have no
// scalar (callers use the text as a comment).
Result<doc::Scalar> ScalarFromPlaintext(ValueType type, std::string_view plaintext);

// Go's Time.MarshalText of a YAML/RFC 3339 timestamp text ("2024-01-02" ->
// "2024-01-02T00:00:00Z"); nullopt when it is not a timestamp.
std::optional<std::string> GoTimeText(std::string_view text);

}  // namespace clef::sops

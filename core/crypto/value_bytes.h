// sops value types and their plaintext bytes (sops-format.md §1.6): what is encrypted and what
// is fed to the MAC for each `type:` tag, and the way back.
//
//   ToBytes(kInt, "+42")      -> "42"     strconv.Itoa(strconv.Atoi(text))
//   ToBytes(kFloat, "1e21")   -> "1000000000000000000000"   FormatFloat(v, 'f', -1, 64)
//   ToBytes(kBool, "true")    -> "True"   (also accepts every strconv.ParseBool spelling)
//   ToBytes(kTime, "2024-01-02T00:00:00.500+00:00") -> "2024-01-02T00:00:00.5Z" (MarshalText)
//   ToBytes(kStr / kComment / kBytes, text) -> text unchanged
//
// ToBytes is used on both sides: on encryption with the document's scalar text, and on
// decryption with the decrypted bytes, because sops hashes ToBytes of the *decoded* value
// (so "+42" decrypted hashes as "42"). YAML spellings of floats (".inf", "-.Inf", ".nan") are
// accepted as well as Go's. ToValueText turns decrypted bytes into the text a document scalar
// holds: bool -> "true"/"false", int -> canonical decimal, others unchanged after validation.
//
// Values are secrets: results are SecureBytes and errors name only the type. Thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {

enum class ValueType { kStr, kInt, kFloat, kBool, kTime, kComment, kBytes };

std::string_view ValueTypeTag(ValueType type);  // "str", "int", "float", "bool", "time", ...
// Case-sensitive, like sops; nullopt for an unknown tag.
std::optional<ValueType> ValueTypeFromTag(std::string_view tag);

Result<SecureBytes> ToBytes(ValueType type, std::string_view text);
Result<SecureBytes> ToValueText(ValueType type, std::string_view bytes);

}  // namespace clef::crypto

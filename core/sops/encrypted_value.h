// EncryptedValue: the `ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]` string sops writes
// for every encrypted leaf and for the MAC (reference/sops-format.md §1.7). Codec only, no
// crypto: parsing checks the shape, the base64 of each field, a 32-byte IV, a 16-byte tag and
// a known type, and the error says which of these is wrong (never the value's bytes).
//
// Parsing follows Go sops where it is lenient (non-canonical base64 trailing bits, CR/LF inside
// base64, text after the closing `]` is ignored) and is stricter where a writer must be: the
// IV must be 32 bytes (sops writes nothing else) and the data must not be empty.
// Format() always writes the canonical form sops writes. Pure functions; thread-safe.
//
//   Result<EncryptedValue> v = ParseEncryptedValue(text);
//   if (!v.ok()) return v.error();          // "the iv is 12 bytes; sops writes 32"
//   std::string again = v->Format();        // == text for everything sops wrote
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace clef::sops {

inline constexpr size_t kIvSize = 32;
inline constexpr size_t kTagSize = 16;

// The `type:` tag: how the decrypted bytes become a value again (§1.6).
enum class ValueType { kStr, kInt, kFloat, kBool, kTime, kComment, kBytes };

const char* ValueTypeName(ValueType type);  // "str", "int", ... exactly as in the file
std::optional<ValueType> ParseValueType(std::string_view name);  // case-sensitive

struct EncryptedValue {
  std::string ciphertext;  // raw bytes, without the tag; never empty
  std::string iv;          // raw bytes, kIvSize
  std::string tag;         // raw bytes, kTagSize
  ValueType type = ValueType::kStr;

  // "ENC[AES256_GCM,data:<b64>,iv:<b64>,tag:<b64>,type:<type>]", padded standard base64.
  std::string Format() const;

  bool operator==(const EncryptedValue&) const = default;
};

// True when `text` starts like a sops encrypted value ("ENC[AES256_GCM,"), whether or not the
// rest is well formed. Used to tell "plaintext where a secret belongs" from "malformed".
bool LooksEncrypted(std::string_view text);

// Parses `text`. Errors name the malformed part ("the tag is not base64", "unknown type
// 'STR'") and never quote the ciphertext.
Result<EncryptedValue> ParseEncryptedValue(std::string_view text);
// The same into `out`, reusing its strings' capacity (for loops over every value of a file).
// On error `out` holds no meaningful fields.
Status ParseEncryptedValueInto(std::string_view text, EncryptedValue& out);

}  // namespace clef::sops

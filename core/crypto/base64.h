// Base64 (RFC 4648 standard alphabet) in the three dialects the sops/age formats use.
//
//   * Strict padded   — age ASCII armor lines: '=' padding required, unused low bits zero,
//                       no whitespace.
//   * Strict unpadded — the age header (stanza arguments, bodies, MAC): no '=', unused low bits
//                       zero, no whitespace.
//   * Go StdEncoding  — sops ENC[...] fields as Go reads them: padding required, non-zero
//                       trailing bits accepted, '\r' and '\n' ignored (sops-format.md §1.7).
//
// Decoders return nullopt on any violation; they never say which byte was wrong, because the
// input may be secret. Encoders always produce canonical output. Pure functions, thread-safe.
//
//   std::string b64 = Base64Encode(bytes, Base64Padding::kPadded);
//   std::optional<std::string> raw = Base64DecodeStrict(b64, Base64Padding::kPadded);
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace clef::crypto {

enum class Base64Padding { kPadded, kUnpadded };

std::string Base64Encode(std::string_view bytes, Base64Padding padding);
std::optional<std::string> Base64DecodeStrict(std::string_view text, Base64Padding padding);
std::optional<std::string> Base64DecodeGo(std::string_view text);
// The same into `out`, reusing its capacity (a loop over a file's values allocates once);
// false on any violation (`out` then holds no meaningful bytes).
bool Base64DecodeGoInto(std::string_view text, std::string& out);

}  // namespace clef::crypto

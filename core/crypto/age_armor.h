// age ASCII armor (sops-format.md §6.6): strict RFC 7468 PEM with the label
// "AGE ENCRYPTED FILE", padded base64 wrapped at 64 columns.
//
// Reader: up to 1024 bytes of whitespace before the header line and after the footer; CRLF or
// LF line ends; every body line non-empty, at most 64 columns and canonical padded base64 on
// its own; a line shorter than 64 columns must be the last; anything else is rejected. A
// missing newline after the footer is accepted. The decoded bytes are the binary age file
// (not secret). Writer: exactly what Go's age (and hence sops) writes. Pure; thread-safe.
//
//   std::string enc = ArmorAge(binary_age_file);     // "-----BEGIN AGE ENCRYPTED FILE-----\n..."
//   Result<std::string> binary = DearmorAge(enc);
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace clef::crypto {

inline constexpr std::string_view kAgeArmorHeader = "-----BEGIN AGE ENCRYPTED FILE-----";
inline constexpr std::string_view kAgeArmorFooter = "-----END AGE ENCRYPTED FILE-----";

std::string ArmorAge(std::string_view binary);
Result<std::string> DearmorAge(std::string_view text);

// False when `text` is empty or starts like a binary age file ("age-encryption.org/"); true
// otherwise, so that anything else (including malformed armor) is judged by the armor reader.
bool LooksArmored(std::string_view text);

}  // namespace clef::crypto

// The age v1 header (sops-format.md §6.1–§6.2, §6.4): parse with every rejection rule of the
// spec, serialise canonically, compute the header MAC.
//
// Parsing is strict and canonical, so serialising a parsed header gives back its exact bytes.
// A header larger than kMaxAgeHeaderSize is rejected before it is fully read: sops data keys
// have ~170-byte headers, and an unbounded header is a denial-of-service vector.
//
// Nothing here is secret (stanza bodies are wrapped keys). Pure functions, thread-safe.
//
//   auto parsed = ParseAgeHeader(file_bytes);
//   if (!parsed.ok()) return parsed.error();           // a "header failure"
//   for (const AgeStanza& s : parsed->header.stanzas) ...
//   std::string_view payload = file_bytes.substr(parsed->size);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace clef::crypto {

inline constexpr size_t kMaxAgeHeaderSize = 64 * 1024;
inline constexpr std::string_view kAgeVersionLine = "age-encryption.org/v1\n";

struct AgeStanza {
  std::string type;               // first argument, e.g. "X25519"
  std::vector<std::string> args;  // the arguments after the type
  std::string body;               // decoded body bytes
};

struct AgeHeader {
  std::vector<AgeStanza> stanzas;
  std::array<uint8_t, 32> mac{};  // the MAC as written in the file
};

struct ParsedAgeHeader {
  AgeHeader header;
  size_t size = 0;  // bytes of the file the header occupies, including the MAC line's '\n'
};

// Parses the header at the start of `file`. Errors describe the violated rule.
Result<ParsedAgeHeader> ParseAgeHeader(std::string_view file);

// The bytes the header MAC covers: version line through the "---" of the MAC line.
std::string SerializeAgeHeaderForMac(const std::vector<AgeStanza>& stanzas);

// The full header including the MAC line and its '\n'.
std::string SerializeAgeHeader(const AgeHeader& header);

// HMAC-SHA-256 keyed with HKDF(file_key, "", "header") over SerializeAgeHeaderForMac.
std::array<uint8_t, 32> ComputeAgeHeaderMac(std::string_view file_key,
                                            const std::vector<AgeStanza>& stanzas);

}  // namespace clef::crypto

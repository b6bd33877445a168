// Bech32 (BIP 173 checksum, constant 1) as age uses it for recipients and identities
// (sops-format.md §6.7): the separator is the LAST '1', there is no 90-character limit,
// mixed case is rejected, the checksum is computed over the lowercased HRP, and the payload is
// converted from 5-bit groups to bytes with no padding allowed.
//
// The HRP is returned in the case of the input so callers can demand `age` (lowercase) or
// `AGE-SECRET-KEY-` (uppercase) exactly. The payload comes back in SecureBytes because for an
// identity it is a private key; the encoder's output is an identity string in that case, so it
// is also returned in SecureBytes. Pure functions, thread-safe.
//
//   auto decoded = Bech32Decode("age1...");
//   if (decoded && decoded->hrp == "age" && decoded->data.size() == 32) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/secure_bytes.h"

namespace clef::crypto {

struct Bech32Data {
  std::string hrp;   // as written (lowercase or uppercase)
  SecureBytes data;  // 8-bit payload
};

// nullopt when the text is not valid Bech32 (any rule above).
std::optional<Bech32Data> Bech32Decode(std::string_view text);

// Encodes `data` under `hrp`; the output is uppercase when the HRP is uppercase.
SecureBytes Bech32Encode(std::string_view hrp, std::string_view data);

}  // namespace clef::crypto

// Shamir secret sharing as sops uses it for several key groups (sops-format.md §4.4; a fork of
// HashiCorp Vault's `shamir`): GF(2^8) with the AES polynomial 0x11B, one random polynomial of
// degree threshold-1 per secret byte, each share = y bytes followed by its x coordinate as the
// LAST byte (so a 32-byte data key gives 33-byte shares), reconstruction by Lagrange
// interpolation at x = 0.
//
// Shares and secrets are SecureBytes. Thread-safe.
//
//   auto shares = ShamirSplit(data_key.view(), /*parts=*/3, /*threshold=*/2);
//   Result<SecureBytes> key = ShamirCombine({&(*shares)[0], 2});   // any 2 of the 3
#pragma once

#include <span>
#include <vector>

#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {

// 2 <= threshold <= parts <= 255; secret non-empty. Share i has x coordinate i+1.
Result<std::vector<SecureBytes>> ShamirSplit(std::string_view secret, int parts, int threshold);

// Needs at least two shares of equal length (>= 2 bytes) with distinct x coordinates. Giving
// fewer shares than the threshold silently yields a wrong secret (the scheme cannot tell); the
// caller checks the result (sops: the values then fail to decrypt).
Result<SecureBytes> ShamirCombine(std::span<const SecureBytes> shares);

}  // namespace clef::crypto

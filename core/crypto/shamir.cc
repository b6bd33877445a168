#include "core/crypto/shamir.h"

#include <set>

namespace clef::crypto {
namespace {

// Constant-time multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
uint8_t Mul(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  for (int i = 0; i < 8; ++i) {
    r ^= static_cast<uint8_t>(-(b & 1) & a);
    uint8_t hi = static_cast<uint8_t>(-(a >> 7));
    a = static_cast<uint8_t>((a << 1) ^ (hi & 0x1b));
    b >>= 1;
  }
  return r;
}

uint8_t Inverse(uint8_t a) {  // a^254; Inverse(0) == 0
  uint8_t result = 1, base = a;
  for (int e = 254; e > 0; e >>= 1) {
    if (e & 1) result = Mul(result, base);
    base = Mul(base, base);
  }
  return result;
}

}  // namespace

Result<std::vector<SecureBytes>> ShamirSplit(std::string_view secret, int parts, int threshold) {
  if (secret.empty()) return MakeError("Shamir split: empty secret");
  if (threshold < 2 || parts < threshold || parts > 255) {
    return MakeError("Shamir split: need 2 <= threshold <= parts <= 255");
  }
  std::vector<SecureBytes> shares;
  for (int i = 0; i < parts; ++i) {
    shares.emplace_back(secret.size() + 1);
    shares.back().data()[secret.size()] = static_cast<uint8_t>(i + 1);
  }
  SecureBytes coefficients;
  for (size_t byte = 0; byte < secret.size(); ++byte) {
    coefficients = SecureBytes::Random(static_cast<size_t>(threshold));
    coefficients.data()[0] = static_cast<uint8_t>(secret[byte]);
    for (int i = 0; i < parts; ++i) {
      uint8_t x = static_cast<uint8_t>(i + 1), y = 0;
      for (int c = threshold - 1; c >= 0; --c) y = Mul(y, x) ^ coefficients.data()[c];
      shares[static_cast<size_t>(i)].data()[byte] = y;
    }
  }
  return shares;
}

Result<SecureBytes> ShamirCombine(std::span<const SecureBytes> shares) {
  if (shares.size() < 2) return MakeError("Shamir combine: at least two shares are needed");
  size_t len = shares[0].size();
  if (len < 2) return MakeError("Shamir combine: shares are too short");
  std::set<uint8_t> xs;
  for (const SecureBytes& s : shares) {
    if (s.size() != len) return MakeError("Shamir combine: shares have different lengths");
    if (!xs.insert(s.data()[len - 1]).second) {
      return MakeError("Shamir combine: two shares have the same x coordinate");
    }
  }
  SecureBytes secret(len - 1);
  for (size_t byte = 0; byte + 1 < len; ++byte) {
    uint8_t acc = 0;
    for (size_t i = 0; i < shares.size(); ++i) {
      uint8_t xi = shares[i].data()[len - 1];
      uint8_t basis = 1;
      for (size_t j = 0; j < shares.size(); ++j) {
        if (i == j) continue;
        uint8_t xj = shares[j].data()[len - 1];
        basis = Mul(basis, Mul(xj, Inverse(xi ^ xj)));
      }
      acc ^= Mul(basis, shares[i].data()[byte]);
    }
    secret.data()[byte] = acc;
  }
  return secret;
}

}  // namespace clef::crypto

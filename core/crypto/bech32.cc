#include "core/crypto/bech32.h"

#include <cstdint>
#include <vector>

namespace clef::crypto {
namespace {

constexpr char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

uint32_t Polymod(const std::vector<uint8_t>& values) {
  static constexpr uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (uint8_t v : values) {
    uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) chk ^= kGen[i];
    }
  }
  return chk;
}

std::vector<uint8_t> HrpExpand(std::string_view hrp) {
  std::vector<uint8_t> out;
  for (char c : hrp) out.push_back(static_cast<uint8_t>(c) >> 5);
  out.push_back(0);
  for (char c : hrp) out.push_back(static_cast<uint8_t>(c) & 31);
  return out;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::optional<Bech32Data> Bech32Decode(std::string_view text) {
  bool lower = false, upper = false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 33 || u > 126) return std::nullopt;
    if (c >= 'a' && c <= 'z') lower = true;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  if (lower && upper) return std::nullopt;
  size_t sep = text.rfind('1');
  if (sep == std::string_view::npos || sep < 1 || sep + 7 > text.size()) return std::nullopt;
  std::string hrp_lower;
  for (char c : text.substr(0, sep)) hrp_lower.push_back(Lower(c));
  std::vector<uint8_t> values = HrpExpand(hrp_lower);
  std::vector<uint8_t> data5;
  for (char c : text.substr(sep + 1)) {
    const char* p = nullptr;
    for (const char* q = kCharset; *q; ++q) {
      if (*q == Lower(c)) p = q;
    }
    if (p == nullptr) return std::nullopt;
    data5.push_back(static_cast<uint8_t>(p - kCharset));
  }
  values.insert(values.end(), data5.begin(), data5.end());
  if (Polymod(values) != 1) return std::nullopt;
  data5.resize(data5.size() - 6);

  // 5 -> 8 bits, no padding: fewer than 5 leftover bits, and those must be zero.
  SecureBytes out(data5.size() * 5 / 8);
  size_t n = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (uint8_t v : data5) {
    acc = ((acc << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.data()[n++] = static_cast<uint8_t>((acc >> bits) & 0xff);
    }
  }
  if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  out.Truncate(n);
  Bech32Data result;
  result.hrp = std::string(text.substr(0, sep));
  result.data = std::move(out);
  return result;
}

SecureBytes Bech32Encode(std::string_view hrp, std::string_view data) {
  bool upper = false;
  std::string hrp_lower;
  for (char c : hrp) {
    if (c >= 'A' && c <= 'Z') upper = true;
    hrp_lower.push_back(Lower(c));
  }
  std::vector<uint8_t> data5;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : data) {
    acc = ((acc << 8) | static_cast<uint8_t>(c)) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data5.push_back((acc >> bits) & 31);
    }
  }
  if (bits > 0) data5.push_back((acc << (5 - bits)) & 31);
  std::vector<uint8_t> values = HrpExpand(hrp_lower);
  values.insert(values.end(), data5.begin(), data5.end());
  values.insert(values.end(), 6, 0);
  uint32_t mod = Polymod(values) ^ 1;
  for (int i = 0; i < 6; ++i) data5.push_back((mod >> (5 * (5 - i))) & 31);

  SecureBytes out(hrp.size() + 1 + data5.size());
  size_t n = 0;
  for (char c : hrp_lower) out.data()[n++] = static_cast<uint8_t>(upper ? Upper(c) : c);
  out.data()[n++] = '1';
  for (uint8_t v : data5)
    out.data()[n++] = static_cast<uint8_t>(upper ? Upper(kCharset[v]) : kCharset[v]);
  Wipe(data5.data(), data5.size());
  Wipe(values.data(), values.size());
  acc = 0;
  return out;
}

}  // namespace clef::crypto

#include "core/crypto/base64.h"

#include <array>
#include <cstdint>

namespace clef::crypto {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> MakeTable() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<uint8_t>(kAlphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr std::array<int8_t, 256> kTable = MakeTable();

// Decodes `text` that holds only alphabet characters (no padding). `canonical` demands that
// the unused low bits of the last character be zero. Length mod 4 must not be 1. Four
// characters at a time into a pre-sized string (this runs for every IV, tag and value of a file).
bool DecodeUnpaddedInto(std::string_view text, bool canonical, std::string& out) {
  if (text.size() % 4 == 1) return false;
  const size_t full = text.size() / 4;
  const size_t rest = text.size() % 4;  // 0, 2 or 3 characters left
  out.resize(full * 3 + (rest == 0 ? 0 : rest - 1));
  const auto* in = reinterpret_cast<const uint8_t*>(text.data());
  char* o = out.data();
  int32_t bad = 0;  // any negative table entry makes it negative
  for (size_t i = 0; i < full; ++i, in += 4, o += 3) {
    const int32_t a = kTable[in[0]], b = kTable[in[1]], c = kTable[in[2]], d = kTable[in[3]];
    bad |= a | b | c | d;
    const uint32_t v = (static_cast<uint32_t>(a & 63) << 18) |
                       (static_cast<uint32_t>(b & 63) << 12) |
                       (static_cast<uint32_t>(c & 63) << 6) | static_cast<uint32_t>(d & 63);
    o[0] = static_cast<char>(v >> 16);
    o[1] = static_cast<char>(v >> 8);
    o[2] = static_cast<char>(v);
  }
  if (rest > 0) {
    const int32_t a = kTable[in[0]], b = kTable[in[1]];
    const int32_t c = rest == 3 ? kTable[in[2]] : 0;
    bad |= a | b | c;
    const uint32_t v = (static_cast<uint32_t>(a & 63) << 18) |
                       (static_cast<uint32_t>(b & 63) << 12) | (static_cast<uint32_t>(c & 63) << 6);
    o[0] = static_cast<char>(v >> 16);
    if (rest == 3) o[1] = static_cast<char>(v >> 8);
    // The bits of the last character that no output byte uses.
    const uint32_t unused = rest == 2 ? (v >> 12) & 0xf : (v >> 6) & 0x3;
    if (bad >= 0 && canonical && unused != 0) return false;
  }
  return bad >= 0;
}

std::optional<std::string> DecodeUnpadded(std::string_view text, bool canonical) {
  std::string out;
  if (!DecodeUnpaddedInto(text, canonical, out)) return std::nullopt;
  return out;
}

// Padded input: length multiple of 4, at most two '=' and only at the very end, and exactly
// as many as the unpadded length needs.
bool DecodePaddedInto(std::string_view text, bool canonical, std::string& out) {
  if (text.size() % 4 != 0) return false;
  size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  std::string_view body = text.substr(0, text.size() - pad);
  if (pad > 0 && body.size() % 4 == 0) return false;  // "AAAA=" shapes are impossible here
  return DecodeUnpaddedInto(body, canonical, out);
}

std::optional<std::string> DecodePadded(std::string_view text, bool canonical) {
  std::string out;
  if (!DecodePaddedInto(text, canonical, out)) return std::nullopt;
  return out;
}

}  // namespace

std::string Base64Encode(std::string_view bytes, Base64Padding padding) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    if (rest == 2) out.push_back(kAlphabet[(v >> 6) & 63]);
    if (padding == Base64Padding::kPadded) out.append(rest == 1 ? "==" : "=");
  }
  return out;
}

std::optional<std::string> Base64DecodeStrict(std::string_view text, Base64Padding padding) {
  if (padding == Base64Padding::kPadded) return DecodePadded(text, /*canonical=*/true);
  return DecodeUnpadded(text, /*canonical=*/true);
}

bool Base64DecodeGoInto(std::string_view text, std::string& out) {
  // '\r' and '\n' are not in the alphabet, so text that decodes as it is holds neither; only a
  // failed decode looks for them (this runs three times for every value of a file).
  if (DecodePaddedInto(text, /*canonical=*/false, out)) return true;
  if (text.find('\n') == std::string_view::npos && text.find('\r') == std::string_view::npos) {
    return false;
  }
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    if (c != '\r' && c != '\n') clean.push_back(c);
  }
  return DecodePaddedInto(clean, /*canonical=*/false, out);
}

std::optional<std::string> Base64DecodeGo(std::string_view text) {
  std::string out;
  if (!Base64DecodeGoInto(text, out)) return std::nullopt;
  return out;
}

}  // namespace clef::crypto

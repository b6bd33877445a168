#include "scan/checksum.h"

#include <array>

namespace clef::scan {
namespace {

constexpr char kBase62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}

int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-' || c == '+') return 62;
  if (c == '_' || c == '/') return 63;
  return -1;
}

}  // namespace

uint32_t Crc32(std::string_view bytes) {
  static const std::array<uint32_t, 256> table = MakeCrcTable();
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string Base62Crc(uint32_t crc) {
  std::string out;
  uint64_t v = crc;
  while (v > 0) {
    out.insert(out.begin(), kBase62[v % 62]);
    v /= 62;
  }
  while (out.size() < 6) out.insert(out.begin(), '0');
  return out;
}

bool ValidGithubStyleChecksum(std::string_view token) {
  size_t underscore = token.find('_');
  if (underscore == std::string_view::npos) return false;
  std::string_view body = token.substr(underscore + 1);
  if (body.size() != 36) return false;
  return Base62Crc(Crc32(body.substr(0, 30))) == body.substr(30);
}

bool ValidJwtHeader(std::string_view token) {
  std::string_view header = token.substr(0, token.find('.'));
  std::string json;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : header) {
    int v = Base64UrlValue(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      json.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  size_t first = json.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || json[first] != '{') return false;
  return json.find("\"alg\"") != std::string::npos || json.find("\"typ\"") != std::string::npos;
}

bool PassesChecksum(Checksum kind, std::string_view secret) {
  switch (kind) {
    case Checksum::kNone: return true;
    case Checksum::kGithubCrc32: return ValidGithubStyleChecksum(secret);
    case Checksum::kJwt: return ValidJwtHeader(secret);
  }
  return true;
}

}  // namespace clef::scan

#include "scan/finding.h"

#include <openssl/sha.h>

namespace clef::scan {
namespace {

std::string Hex(const unsigned char* d, size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[d[i] >> 4]);
    out.push_back(kHex[d[i] & 15]);
  }
  return out;
}

std::string Sha256Hex(const std::string& s) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), d);
  return Hex(d, sizeof(d));
}

}  // namespace

std::string Fingerprint(const std::string& rule_id, const std::string& path, const std::string& secret) {
  return Sha256Hex(rule_id + '\0' + path + '\0' + Sha256Hex(secret)).substr(0, 40);
}

std::string Redact(const std::string& secret) {
  if (secret.size() <= 8) return "********";
  return secret.substr(0, 4) + "********";
}

}  // namespace clef::scan

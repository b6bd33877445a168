#include "scan/entropy.h"

#include <cmath>

namespace clef::scan {

double ShannonEntropy(std::string_view s) {
  if (s.empty()) return 0;
  int counts[256] = {0};
  for (unsigned char c : s) ++counts[c];
  double h = 0;
  double n = static_cast<double>(s.size());
  for (int c : counts) {
    if (c == 0) continue;
    double p = c / n;
    h -= p * std::log2(p);
  }
  return h;
}

Charset ClassifyCharset(std::string_view s) {
  bool hex = true;
  for (unsigned char c : s) {
    bool is_hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    bool is_b64 = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  c == '+' || c == '/' || c == '=' || c == '_' || c == '-';
    if (!is_b64) return Charset::kOther;
    if (!is_hex) hex = false;
  }
  return hex ? Charset::kHex : Charset::kBase64;
}

int CharacterClassCount(std::string_view s) {
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  return lower + upper + digit + other;
}

}  // namespace clef::scan

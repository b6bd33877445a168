#include "core/crypto/age_armor.h"

#include "core/crypto/base64.h"

namespace clef::crypto {
namespace {

constexpr size_t kColumns = 64;
constexpr size_t kMaxWhitespace = 1024;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

Error ArmorError(const std::string& what) { return MakeError("age armor: " + what); }

}  // namespace

std::string ArmorAge(std::string_view binary) {
  std::string b64 = Base64Encode(binary, Base64Padding::kPadded);
  std::string out(kAgeArmorHeader);
  out += '\n';
  for (size_t i = 0; i < b64.size(); i += kColumns) {
    out.append(b64, i, kColumns);
    out += '\n';
  }
  out += kAgeArmorFooter;
  out += '\n';
  return out;
}

bool LooksArmored(std::string_view text) {
  constexpr std::string_view kBinaryMagic = "age-encryption.org/";
  std::string_view start = text.substr(0, kBinaryMagic.size());
  return !text.empty() && kBinaryMagic.substr(0, start.size()) != start;
}

Result<std::string> DearmorAge(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  if (pos > kMaxWhitespace) return ArmorError("too much whitespace before the header");

  // Returns the next line without "\n" or "\r\n"; `ended` tells whether a newline followed.
  auto next_line = [&](bool& ended) -> std::string_view {
    size_t nl = text.find('\n', pos);
    std::string_view line;
    if (nl == std::string_view::npos) {
      line = text.substr(pos);
      pos = text.size();
      ended = false;
    } else {
      line = text.substr(pos, nl - pos);
      pos = nl + 1;
      ended = true;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };

  bool ended = false;
  if (next_line(ended) != kAgeArmorHeader || !ended) {
    return ArmorError("missing or malformed \"" + std::string(kAgeArmorHeader) + "\" line");
  }
  std::string binary;
  bool short_line_seen = false;
  while (true) {
    if (pos >= text.size()) return ArmorError("missing the END line");
    std::string_view line = next_line(ended);
    if (line == kAgeArmorFooter) break;
    if (short_line_seen) return ArmorError("a short line must be the last before the END line");
    if (line.empty()) return ArmorError("empty line inside the armor");
    if (line.size() > kColumns) return ArmorError("line longer than 64 columns");
    auto decoded = Base64DecodeStrict(line, Base64Padding::kPadded);
    if (!decoded) return ArmorError("line is not canonical padded base64");
    binary += *decoded;
    if (decoded->size() < kColumns / 4 * 3) short_line_seen = true;
  }
  std::string_view rest = text.substr(pos);
  if (rest.size() > kMaxWhitespace) return ArmorError("too much data after the END line");
  for (char c : rest) {
    if (!IsSpace(c)) return ArmorError("data after the END line");
  }
  return binary;
}

}  // namespace clef::crypto

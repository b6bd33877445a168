#include "core/crypto/age_header.h"

#include "core/crypto/age_primitives.h"
#include "core/crypto/base64.h"

namespace clef::crypto {
namespace {

constexpr size_t kBodyColumns = 64;
constexpr size_t kBodyLineBytes = 48;

std::vector<std::string_view> SplitSpaces(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t sp = line.find(' ', start);
    if (sp == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, sp - start));
    start = sp + 1;
  }
}

class HeaderReader {
 public:
  explicit HeaderReader(std::string_view file) : file_(file) {}

  // The next line without its '\n'; error when there is no '\n' or the cap is hit.
  Result<std::string_view> NextLine() {
    size_t nl = file_.find('\n', pos_);
    if (nl == std::string_view::npos) {
      if (file_.size() > kMaxAgeHeaderSize) return TooLarge();
      return MakeError("age header: unexpected end of header (missing line end)");
    }
    if (nl + 1 > kMaxAgeHeaderSize) return TooLarge();
    std::string_view line = file_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    return line;
  }
  bool AtMacLine() const { return file_.substr(pos_, 3) == "---"; }
  size_t pos() const { return pos_; }
  void Advance(size_t n) { pos_ += n; }

 private:
  static Error TooLarge() {
    return MakeError("age header: larger than " + std::to_string(kMaxAgeHeaderSize) +
                     " bytes; refusing to parse it");
  }
  std::string_view file_;
  size_t pos_ = 0;
};

Result<AgeStanza> ParseStanza(HeaderReader& reader) {
  Result<std::string_view> line = reader.NextLine();
  if (!line.ok()) return line.error();
  std::vector<std::string_view> fields = SplitSpaces(*line);
  if (fields[0] != "->") return MakeError("age header: stanza line does not start with \"-> \"");
  if (fields.size() < 2) return MakeError("age header: stanza has no arguments");
  for (size_t i = 1; i < fields.size(); ++i) {
    if (fields[i].empty()) return MakeError("age header: stanza has an empty argument");
    for (char c : fields[i]) {
      auto u = static_cast<unsigned char>(c);
      if (u < 33 || u > 126) return MakeError("age header: stanza argument has an invalid byte");
    }
  }
  AgeStanza stanza;
  stanza.type = std::string(fields[1]);
  for (size_t i = 2; i < fields.size(); ++i) stanza.args.emplace_back(fields[i]);
  while (true) {
    Result<std::string_view> body_line = reader.NextLine();
    if (!body_line.ok()) return body_line.error();
    if (body_line->size() > kBodyColumns) {
      return MakeError("age header: stanza body line longer than 64 columns");
    }
    auto decoded = Base64DecodeStrict(*body_line, Base64Padding::kUnpadded);
    if (!decoded) return MakeError("age header: stanza body line is not canonical base64");
    stanza.body += *decoded;
    if (decoded->size() < kBodyLineBytes) break;
  }
  return stanza;
}

Result<std::array<uint8_t, 32>> ParseMacLine(HeaderReader& reader) {
  Result<std::string_view> line = reader.NextLine();
  if (!line.ok()) return line.error();
  std::vector<std::string_view> fields = SplitSpaces(*line);
  if (fields.size() != 2 || fields[0] != "---") {
    return MakeError("age header: malformed MAC line (expected \"--- <mac>\")");
  }
  auto mac = Base64DecodeStrict(fields[1], Base64Padding::kUnpadded);
  if (!mac || mac->size() != 32) {
    return MakeError("age header: the MAC is not canonical base64 of 32 bytes");
  }
  std::array<uint8_t, 32> out;
  std::copy(mac->begin(), mac->end(), out.begin());
  return out;
}

void AppendStanza(std::string& out, const AgeStanza& stanza) {
  out += "-> ";
  out += stanza.type;
  for (const std::string& arg : stanza.args) {
    out += ' ';
    out += arg;
  }
  out += '\n';
  std::string b64 = Base64Encode(stanza.body, Base64Padding::kUnpadded);
  for (size_t i = 0; i < b64.size(); i += kBodyColumns) {
    out.append(b64, i, kBodyColumns);
    out += '\n';
  }
  // The body ends with a short line; a body of 48*k bytes needs an empty one.
  if (b64.size() % kBodyColumns == 0) out += '\n';
}

}  // namespace

Result<ParsedAgeHeader> ParseAgeHeader(std::string_view file) {
  if (file.empty()) return MakeError("age header: empty file");
  if (file.substr(0, kAgeVersionLine.size()) != kAgeVersionLine) {
    return MakeError("age header: not an age v1 file (bad version line)");
  }
  HeaderReader reader(file);
  reader.Advance(kAgeVersionLine.size());
  ParsedAgeHeader parsed;
  while (!reader.AtMacLine()) {
    Result<AgeStanza> stanza = ParseStanza(reader);
    if (!stanza.ok()) return stanza.error();
    parsed.header.stanzas.push_back(std::move(*stanza));
  }
  Result<std::array<uint8_t, 32>> mac = ParseMacLine(reader);
  if (!mac.ok()) return mac.error();
  parsed.header.mac = *mac;
  parsed.size = reader.pos();
  return parsed;
}

std::string SerializeAgeHeaderForMac(const std::vector<AgeStanza>& stanzas) {
  std::string out(kAgeVersionLine);
  for (const AgeStanza& stanza : stanzas) AppendStanza(out, stanza);
  out += "---";
  return out;
}

std::string SerializeAgeHeader(const AgeHeader& header) {
  std::string out = SerializeAgeHeaderForMac(header.stanzas);
  out += ' ';
  out += Base64Encode(
      std::string_view(reinterpret_cast<const char*>(header.mac.data()), header.mac.size()),
      Base64Padding::kUnpadded);
  out += '\n';
  return out;
}

std::array<uint8_t, 32> ComputeAgeHeaderMac(std::string_view file_key,
                                            const std::vector<AgeStanza>& stanzas) {
  SecureBytes hmac_key = HkdfSha256(file_key, "", "header");
  return HmacSha256(hmac_key.view(), SerializeAgeHeaderForMac(stanzas));
}

}  // namespace clef::crypto

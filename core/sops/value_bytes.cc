#include "core/sops/value_bytes.h"

#include <cctype>
#include <cstring>
#include <limits>
#include <string>

#include "core/crypto/rfc3339.h"
#include "core/util/go_format.h"

namespace clef::sops {
namespace {

std::optional<double> ParseYamlFloat(std::string_view text) {
  // YAML spellings of infinity and NaN, then Go's ParseFloat for everything else.
  std::string_view t = text;
  bool negative = false;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
    negative = t[0] == '-';
    t.remove_prefix(1);
  }
  if (t == ".inf" || t == ".Inf" || t == ".INF") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return gofmt::ParseFloat(text);
}

SecureBytes FromString(const std::string& s) { return SecureBytes::CopyOf(s); }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> GoTimeText(std::string_view s) {
  // YYYY-MM-DD
  if (s.size() < 10 || !AllDigits(s.substr(0, 4)) || s[4] != '-' || !AllDigits(s.substr(5, 2)) ||
      s[7] != '-' || !AllDigits(s.substr(8, 2))) {
    return std::nullopt;
  }
  std::string out(s.substr(0, 10));
  if (s.size() == 10) return out + "T00:00:00Z";
  size_t at = 10;
  if (s[at] != 'T' && s[at] != 't' && s[at] != ' ') return std::nullopt;
  ++at;
  // HH:MM:SS (YAML allows a one-digit hour)
  size_t colon = s.find(':', at);
  if (colon == std::string_view::npos || colon - at < 1 || colon - at > 2 ||
      !AllDigits(s.substr(at, colon - at)) || s.size() < colon + 6 ||
      !AllDigits(s.substr(colon + 1, 2)) || s[colon + 3] != ':' ||
      !AllDigits(s.substr(colon + 4, 2))) {
    return std::nullopt;
  }
  std::string hour(s.substr(at, colon - at));
  if (hour.size() == 1) hour = "0" + hour;
  out += "T" + hour + ":" + std::string(s.substr(colon + 1, 2)) + ":" +
         std::string(s.substr(colon + 4, 2));
  at = colon + 6;
  if (at < s.size() && s[at] == '.') {
    size_t end = at + 1;
    while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
    std::string frac(s.substr(at + 1, end - at - 1));
    if (frac.size() > 9) frac.resize(9);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    if (!frac.empty()) out += "." + frac;
    at = end;
  }
  while (at < s.size() && s[at] == ' ') ++at;
  std::string_view zone = s.substr(at);
  if (zone.empty() || zone == "Z" || zone == "z") return out + "Z";
  if ((zone[0] == '+' || zone[0] == '-') && zone.size() >= 2) {
    std::string_view rest = zone.substr(1);
    std::string hh, mm = "00";
    size_t c = rest.find(':');
    if (c == std::string_view::npos) {
      hh = std::string(rest);
    } else {
      hh = std::string(rest.substr(0, c));
      mm = std::string(rest.substr(c + 1));
    }
    if (!AllDigits(hh) || !AllDigits(mm) || hh.size() > 2 || mm.size() != 2) return std::nullopt;
    if (hh.size() == 1) hh = "0" + hh;
    if (hh == "00" && mm == "00") return out + "Z";
    return out + zone[0] + hh + ":" + mm;
  }
  return std::nullopt;
}

std::optional<ValueType> TypeTagFor(const doc::Scalar& scalar) {
  switch (scalar.type) {
    case doc::ScalarType::kString:
      return ValueType::kStr;
    case doc::ScalarType::kInt:
      return ValueType::kInt;
    case doc::ScalarType::kFloat:
      return ValueType::kFloat;
    case doc::ScalarType::kBool:
      return ValueType::kBool;
    case doc::ScalarType::kTime:
      return ValueType::kTime;
    case doc::ScalarType::kNull:
      return std::nullopt;
  }
  return std::nullopt;
}

Result<SecureBytes> ScalarBytes(const doc::Scalar& scalar) {
  switch (scalar.type) {
    case doc::ScalarType::kString:
    case doc::ScalarType::kInt:
      return SecureBytes::CopyOf(scalar.text);
    case doc::ScalarType::kFloat: {
      std::optional<double> v = ParseYamlFloat(scalar.text);
      if (!v) return MakeError("a float value is not a number sops can format");
      return FromString(gofmt::FormatFloatF(*v));
    }
    case doc::ScalarType::kBool:
      return SecureBytes::CopyOf(scalar.text == "true" ? "True" : "False");
    case doc::ScalarType::kTime: {
      std::optional<std::string> t = GoTimeText(scalar.text);
      if (!t) return MakeError("a timestamp value is not a time sops can format");
      return FromString(*t);
    }
    case doc::ScalarType::kNull:
      return SecureBytes();
  }
  return SecureBytes();
}

Result<size_t> CanonicalBytesInto(ValueType type, std::string_view plaintext, SecureBytes& out) {
  // The canonical form of a number, bool or time is short; it passes through `text`, which is
  // wiped before it goes away.
  std::string text;
  std::string_view bytes = plaintext;
  switch (type) {
    case ValueType::kStr:
    case ValueType::kBytes:
    case ValueType::kComment:
      break;
    case ValueType::kInt: {
      std::optional<int64_t> v = gofmt::ParseInt(plaintext);
      if (!v) return MakeError("a value of type int does not decrypt to an integer");
      text = std::to_string(*v);
      bytes = text;
      break;
    }
    case ValueType::kFloat: {
      std::optional<double> v = gofmt::ParseFloat(plaintext);
      if (!v) return MakeError("a value of type float does not decrypt to a number");
      text = gofmt::FormatFloatF(*v);
      bytes = text;
      break;
    }
    case ValueType::kBool: {
      std::string_view t = plaintext;
      if (t == "1" || t == "t" || t == "T" || t == "TRUE" || t == "true" || t == "True") {
        bytes = "True";
      } else if (t == "0" || t == "f" || t == "F" || t == "FALSE" || t == "false" || t == "False") {
        bytes = "False";
      } else {
        return MakeError("a value of type bool does not decrypt to a boolean");
      }
      break;
    }
    case ValueType::kTime: {
      // Time.UnmarshalText reads RFC 3339 only, not the other YAML timestamp forms.
      std::optional<crypto::Rfc3339Time> t = crypto::ParseRfc3339(plaintext);
      if (!t) return MakeError("a value of type time does not decrypt to an RFC 3339 time");
      text = crypto::FormatRfc3339Nano(*t);
      Wipe(t->fraction.data(), t->fraction.size());
      bytes = text;
      break;
    }
  }
  if (out.size() < bytes.size() || out.data() == nullptr) out = SecureBytes(bytes.size() + 64);
  if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
  const size_t n = bytes.size();
  if (!text.empty()) Wipe(text.data(), text.size());
  return n;
}

Result<SecureBytes> CanonicalBytes(ValueType type, std::string_view plaintext) {
  SecureBytes out;
  Result<size_t> n = CanonicalBytesInto(type, plaintext, out);
  if (!n.ok()) return n.error();
  out.Truncate(*n);
  return out;
}

Result<doc::Scalar> ScalarFromPlaintext(ValueType type, std::string_view plaintext) {
  doc::Scalar s;
  switch (type) {
    case ValueType::kStr:
    case ValueType::kBytes:
    case ValueType::kComment:
      s.type = doc::ScalarType::kString;
      s.text = std::string(plaintext);
      return s;
    case ValueType::kInt: {
      std::optional<int64_t> v = gofmt::ParseInt(plaintext);
      if (!v) return MakeError("a value of type int does not decrypt to an integer");
      s.type = doc::ScalarType::kInt;
      s.text = std::to_string(*v);
      return s;
    }
    case ValueType::kFloat: {
      if (!gofmt::ParseFloat(plaintext)) {
        return MakeError("a value of type float does not decrypt to a number");
      }
      s.type = doc::ScalarType::kFloat;
      s.text = std::string(plaintext);
      return s;
    }
    case ValueType::kBool: {
      Result<SecureBytes> b = CanonicalBytes(type, plaintext);
      if (!b.ok()) return b.error();
      s.type = doc::ScalarType::kBool;
      s.text = b->view() == "True" ? "true" : "false";
      return s;
    }
    case ValueType::kTime: {
      Result<SecureBytes> t = CanonicalBytes(type, plaintext);
      if (!t.ok()) return t.error();
      s.type = doc::ScalarType::kTime;
      s.text = std::string(t->view());
      return s;
    }
  }
  return s;
}

}  // namespace clef::sops

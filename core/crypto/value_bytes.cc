#include "core/crypto/value_bytes.h"

#include <cmath>
#include <string>

#include "core/crypto/rfc3339.h"
#include "core/util/go_format.h"

namespace clef::crypto {
namespace {

std::optional<bool> ParseGoBool(std::string_view s) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") return true;
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
    return false;
  }
  return std::nullopt;
}

std::optional<double> ParseFloatText(std::string_view s) {
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "+.Inf" || s == "+.INF") {
    return HUGE_VAL;
  }
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return -HUGE_VAL;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::nan("");
  return gofmt::ParseFloat(s);
}

Error BadValue(ValueType type) {
  return MakeError("value is not a valid " + std::string(ValueTypeTag(type)));
}

// Moves a temporary string into SecureBytes and wipes it.
SecureBytes Secure(std::string&& s) {
  SecureBytes out = SecureBytes::CopyOf(s);
  Wipe(s.data(), s.size());
  return out;
}

}  // namespace

std::string_view ValueTypeTag(ValueType type) {
  switch (type) {
    case ValueType::kStr:
      return "str";
    case ValueType::kInt:
      return "int";
    case ValueType::kFloat:
      return "float";
    case ValueType::kBool:
      return "bool";
    case ValueType::kTime:
      return "time";
    case ValueType::kComment:
      return "comment";
    case ValueType::kBytes:
      return "bytes";
  }
  return "str";
}

std::optional<ValueType> ValueTypeFromTag(std::string_view tag) {
  for (ValueType t : {ValueType::kStr, ValueType::kInt, ValueType::kFloat, ValueType::kBool,
                      ValueType::kTime, ValueType::kComment, ValueType::kBytes}) {
    if (ValueTypeTag(t) == tag) return t;
  }
  return std::nullopt;
}

Result<SecureBytes> ToBytes(ValueType type, std::string_view text) {
  switch (type) {
    case ValueType::kStr:
    case ValueType::kComment:
    case ValueType::kBytes:
      return SecureBytes::CopyOf(text);
    case ValueType::kInt: {
      std::optional<int64_t> v = gofmt::ParseInt(text);
      if (!v) return BadValue(type);
      return Secure(std::to_string(*v));
    }
    case ValueType::kFloat: {
      std::optional<double> v = ParseFloatText(text);
      if (!v) return BadValue(type);
      return Secure(gofmt::FormatFloatF(*v));
    }
    case ValueType::kBool: {
      std::optional<bool> v = ParseGoBool(text);
      if (!v) return BadValue(type);
      return SecureBytes::CopyOf(*v ? "True" : "False");
    }
    case ValueType::kTime: {
      std::optional<Rfc3339Time> t = ParseRfc3339(text);
      if (!t) return BadValue(type);
      return Secure(FormatRfc3339Nano(*t));
    }
  }
  return BadValue(type);
}

Result<SecureBytes> ToValueText(ValueType type, std::string_view bytes) {
  switch (type) {
    case ValueType::kInt:
      return ToBytes(type, bytes);
    case ValueType::kBool: {
      std::optional<bool> v = ParseGoBool(bytes);
      if (!v) return BadValue(type);
      return SecureBytes::CopyOf(*v ? "true" : "false");
    }
    case ValueType::kFloat:
      if (!ParseFloatText(bytes)) return BadValue(type);
      return SecureBytes::CopyOf(bytes);
    case ValueType::kTime:
      if (!ParseRfc3339(bytes)) return BadValue(type);
      return SecureBytes::CopyOf(bytes);
    default:
      return SecureBytes::CopyOf(bytes);
  }
}

}  // namespace clef::crypto

// go-yaml v3 scalar resolution and string style analysis (see yaml_scalar.h).
#include "core/doc/yaml_scalar.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

#include "core/util/go_format.h"

namespace clef::doc::yaml {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// strconv.ParseInt(s, 0, 64) / ParseUint: sign, 0x / 0o / 0b / leading-0 octal prefixes.
// Returns false when `s` is not an integer or does not fit 64 bits; `*decimal` is the value
// in decimal.
bool ParseGoInt(std::string_view s, std::string* decimal) {
  if (s.empty()) return false;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    i = 1;
  }
  std::string_view body = s.substr(i);
  if (body.empty()) return false;
  int base = 10;
  if (body.size() >= 2 && body[0] == '0') {
    char p = body[1];
    if (p == 'x' || p == 'X') base = 16, body.remove_prefix(2);
    else if (p == 'o' || p == 'O') base = 8, body.remove_prefix(2);
    else if (p == 'b' || p == 'B') base = 2, body.remove_prefix(2);
    else base = 8, body.remove_prefix(1);
  }
  if (body.empty()) return false;
  unsigned __int128 v = 0;
  for (char c : body) {
    int d;
    if (IsDigit(c)) d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return false;
    if (d >= base) return false;
    v = v * base + d;
    if (v > (static_cast<unsigned __int128>(1) << 64)) return false;
  }
  if (neg) {
    if (v > (static_cast<unsigned __int128>(1) << 63)) return false;
  } else if (v > UINT64_MAX) {
    return false;
  }
  uint64_t u = static_cast<uint64_t>(v);
  std::string digits = (neg && u == (uint64_t{1} << 63)) ? std::string("9223372036854775808")
                                                         : std::to_string(u);
  *decimal = (neg && u != 0) ? "-" + digits : digits;
  return true;
}

// go-yaml's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool IsYamlStyleFloat(std::string_view s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < n && s[i] == '.') {
    ++i;
    size_t start = i;
    while (i < n && IsDigit(s[i])) ++i;
    if (i == start) return false;
  } else {
    size_t start = i;
    while (i < n && IsDigit(s[i])) ++i;
    if (i == start) return false;
    if (i < n && s[i] == '.') {
      ++i;
      while (i < n && IsDigit(s[i])) ++i;
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t start = i;
    while (i < n && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  return i == n;
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> options) {
  for (auto o : options)
    if (s == o) return true;
  return false;
}

bool IsOldBool(std::string_view s) {
  return OneOf(s, {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO",
                   "off", "Off", "OFF"});
}

// ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
bool IsBase60Float(std::string_view s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  if (i >= n || !IsDigit(s[i])) return false;
  ++i;
  while (i < n && (IsDigit(s[i]) || s[i] == '_')) ++i;
  int groups = 0;
  while (i < n && s[i] == ':') {
    ++i;
    if (i + 1 < n && s[i] >= '0' && s[i] <= '5' && IsDigit(s[i + 1])) i += 2;
    else if (i < n && IsDigit(s[i])) ++i;
    else return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && (IsDigit(s[i]) || s[i] == '_')) ++i;
  }
  return i == n;
}

int ReadNumber(std::string_view s, size_t* i, int min_digits, int max_digits) {
  int v = 0, count = 0;
  while (*i < s.size() && IsDigit(s[*i]) && count < max_digits) {
    v = v * 10 + (s[*i] - '0');
    ++*i;
    ++count;
  }
  return count < min_digits ? -1 : v;
}

int DaysIn(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

bool NormalizeTimestamp(std::string_view s, std::string* out) {
  size_t i = 0;
  int year = ReadNumber(s, &i, 4, 4);
  if (year < 0 || i != 4 || i >= s.size() || s[i] != '-') return false;
  ++i;
  int month = ReadNumber(s, &i, 1, 2);
  if (month < 1 || month > 12 || i >= s.size() || s[i] != '-') return false;
  ++i;
  int day = ReadNumber(s, &i, 1, 2);
  if (day < 1 || day > DaysIn(year, month)) return false;
  int hour = 0, minute = 0, second = 0;
  std::string frac;
  std::string zone = "Z";
  if (i < s.size()) {
    char sep = s[i];
    if (sep != 'T' && sep != 't' && sep != ' ') return false;
    ++i;
    hour = ReadNumber(s, &i, 1, 2);
    if (hour < 0 || hour > 23 || i >= s.size() || s[i] != ':') return false;
    ++i;
    minute = ReadNumber(s, &i, 1, 2);
    if (minute < 0 || minute > 59 || i >= s.size() || s[i] != ':') return false;
    ++i;
    second = ReadNumber(s, &i, 1, 2);
    if (second < 0 || second > 59) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      size_t start = i;
      while (i < s.size() && IsDigit(s[i])) ++i;
      if (i == start) return false;
      frac = std::string(s.substr(start, std::min<size_t>(i - start, 9)));
      while (!frac.empty() && frac.back() == '0') frac.pop_back();
    }
    if (sep == ' ') {
      if (i != s.size()) return false;
    } else {
      if (i >= s.size()) return false;
      if (s[i] == 'Z') {
        ++i;
      } else if (s[i] == '+' || s[i] == '-') {
        if (s.size() - i != 6 || s[i + 3] != ':') return false;
        for (size_t k : {1, 2, 4, 5})
          if (!IsDigit(s[i + k])) return false;
        int zh = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        int zm = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
        if (zh > 23 || zm > 59) return false;  // Go rejects hours >= 24 and minutes >= 60
        if (zh != 0 || zm != 0) zone = std::string(s.substr(i, 6));
        i += 6;
      } else {
        return false;
      }
      if (i != s.size()) return false;
    }
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute,
                second);
  *out = buf;
  if (!frac.empty()) *out += "." + frac;
  *out += zone;
  return true;
}

Scalar ResolvePlain(std::string_view s) { return ResolvePlain(std::string(s)); }

Scalar ResolvePlain(std::string&& text) {
  const std::string_view s = text;
  // Only these first bytes can start a null, bool, number or timestamp; everything else (every
  // ENC[...] value, most keys) is a string, decided without the comparisons below.
  switch (s.empty() ? '~' : s[0]) {
    case '~': case 'n': case 'N': case 't': case 'T': case 'f': case 'F':
    case '.': case '+': case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      break;
    default: {
      Scalar out;  // kString
      out.text = std::move(text);
      return out;
    }
  }
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    return {ScalarType::kNull, ""};
  if (s == "true" || s == "True" || s == "TRUE") return {ScalarType::kBool, "true"};
  if (s == "false" || s == "False" || s == "FALSE") return {ScalarType::kBool, "false"};
  if (OneOf(s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
                ".nan", ".NaN", ".NAN"}))
    return {ScalarType::kFloat, std::move(text)};
  char c = s[0];
  if (!(IsDigit(c) || c == '+' || c == '-' || c == '.')) return {ScalarType::kString, std::move(text)};
  std::string ts;
  if (IsDigit(c) && NormalizeTimestamp(s, &ts)) return {ScalarType::kTime, std::move(text)};
  std::string plain;
  plain.reserve(s.size());
  for (char ch : s)
    if (ch != '_') plain += ch;
  std::string decimal;
  if (ParseGoInt(plain, &decimal)) {
    // go-yaml reads "-0" as int 0, but sops writes float -0 as "-0": keep it a float so that
    // re-emitting and the MAC bytes ("-0") agree with what sops wrote.
    if (decimal == "0" && plain[0] == '-') return {ScalarType::kFloat, std::move(text)};
    return {ScalarType::kInt, decimal};
  }
  if (IsYamlStyleFloat(plain) && gofmt::ParseFloat(plain).has_value())
    return {ScalarType::kFloat, std::move(text)};
  return {ScalarType::kString, std::move(text)};
}

namespace {

// Length of the UTF-8 sequence starting with byte b (input is valid UTF-8).
int Width(unsigned char b) {
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 1;
}

bool IsPrintable(std::string_view s, size_t i) {
  unsigned char b = s[i];
  unsigned char b1 = i + 1 < s.size() ? s[i + 1] : 0;
  unsigned char b2 = i + 2 < s.size() ? s[i + 2] : 0;
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) ||
         (b > 0xC2 && b < 0xED) || (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

bool IsBreakAt(std::string_view s, size_t i) {
  unsigned char b = s[i];
  if (b == '\r' || b == '\n') return true;
  if (b == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) return true;
  if (b == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9))
    return true;
  return false;
}

bool IsSpaceAt(std::string_view s, size_t i) { return s[i] == ' '; }
bool IsBlankzAt(std::string_view s, size_t i) {
  return i >= s.size() || s[i] == ' ' || s[i] == '\t' || IsBreakAt(s, i);
}

struct Analysis {
  bool flow_plain = true, block_plain = true, single = true, block = true, multiline = false;
};

Analysis Analyze(std::string_view v) {
  Analysis a;
  if (v.empty()) {
    a.flow_plain = false;
    a.block = false;
    return a;
  }
  bool block_ind = false, flow_ind = false, line_breaks = false, special = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false, prev_space = false, prev_break = false;
  if (v.substr(0, 3) == "---" || v.substr(0, 3) == "...") block_ind = flow_ind = true;
  bool preceded_ws = true;
  bool followed_ws = IsBlankzAt(v, Width(v[0]));
  for (size_t i = 0; i < v.size();) {
    char c = v[i];
    bool first = i == 0;
    int w = Width(static_cast<unsigned char>(c));
    bool last = i + w >= v.size();
    if (first) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*':
        case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
          flow_ind = block_ind = true;
          break;
        case '?': case ':':
          flow_ind = true;
          if (followed_ws) block_ind = true;
          break;
        case '-':
          if (followed_ws) flow_ind = block_ind = true;
          break;
        default: break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flow_ind = true;
          break;
        case ':':
          flow_ind = true;
          if (followed_ws) block_ind = true;
          break;
        case '#':
          if (preceded_ws) flow_ind = block_ind = true;
          break;
        default: break;
      }
    }
    if (!IsPrintable(v, i)) special = true;
    if (IsBreakAt(v, i)) line_breaks = true;
    if (IsSpaceAt(v, i)) {
      if (first) leading_space = true;
      if (last) trailing_space = true;
      if (prev_break) break_space = true;
      prev_space = true;
      prev_break = false;
    } else if (IsBreakAt(v, i)) {
      if (first) leading_break = true;
      if (last) trailing_break = true;
      if (prev_space) space_break = true;
      prev_break = true;
      prev_space = false;
    } else {
      prev_space = prev_break = false;
    }
    preceded_ws = IsBlankzAt(v, i);
    i += w;
    if (i < v.size()) followed_ws = IsBlankzAt(v, i + Width(static_cast<unsigned char>(v[i])));
  }
  a.multiline = line_breaks;
  if (leading_space || leading_break || trailing_space || trailing_break)
    a.flow_plain = a.block_plain = false;
  if (trailing_space) a.block = false;
  if (break_space) a.flow_plain = a.block_plain = a.single = false;
  if (space_break || special) a.flow_plain = a.block_plain = a.single = a.block = false;
  if (line_breaks) a.flow_plain = a.block_plain = false;
  if (flow_ind) a.flow_plain = false;
  if (block_ind) a.block_plain = false;
  return a;
}

void AppendHex(unsigned v, int digits, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  for (int k = digits - 1; k >= 0; --k) *out += kHex[(v >> (4 * k)) & 0xF];
}

}  // namespace

Style ChooseStringStyle(std::string_view s, bool is_key) {
  Style style;
  Scalar resolved = ResolvePlain(s);
  bool can_plain = resolved.type == ScalarType::kString && !IsBase60Float(s) && !IsOldBool(s);
  if (s.find('\n') != std::string_view::npos) style = Style::kLiteral;
  else if (can_plain) style = Style::kPlain;
  else style = Style::kDouble;
  Analysis a = Analyze(s);
  if (style == Style::kPlain) {
    if (!a.block_plain) style = Style::kSingle;
    if (s.empty() && is_key) style = Style::kSingle;
  }
  if (style == Style::kSingle && !a.single) style = Style::kDouble;
  if (style == Style::kLiteral && (!a.block || is_key)) style = Style::kDouble;
  return style;
}

void AppendSingleQuoted(std::string_view s, std::string* out) {
  *out += '\'';
  for (char c : s) {
    if (c == '\'') *out += '\'';
    *out += c;
  }
  *out += '\'';
}

void AppendDoubleQuoted(std::string_view s, std::string* out) {
  *out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char b = s[i];
    int w = Width(b);
    bool bom = b == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
               static_cast<unsigned char>(s[i + 2]) == 0xBF;
    if (!IsPrintable(s, i) || bom || IsBreakAt(s, i) || b == '"' || b == '\\') {
      unsigned v = b;
      if (w == 2) v = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F);
      if (w == 3) v = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      if (w == 4)
        v = ((b & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
            (s[i + 3] & 0x3F);
      *out += '\\';
      switch (v) {
        case 0x00: *out += '0'; break;
        case 0x07: *out += 'a'; break;
        case 0x08: *out += 'b'; break;
        case 0x09: *out += 't'; break;
        case 0x0A: *out += 'n'; break;
        case 0x0B: *out += 'v'; break;
        case 0x0C: *out += 'f'; break;
        case 0x0D: *out += 'r'; break;
        case 0x1B: *out += 'e'; break;
        case 0x22: *out += '"'; break;
        case 0x5C: *out += '\\'; break;
        case 0x85: *out += 'N'; break;
        case 0xA0: *out += '_'; break;
        case 0x2028: *out += 'L'; break;
        case 0x2029: *out += 'P'; break;
        default:
          if (v <= 0xFF) { *out += 'x'; AppendHex(v, 2, out); }
          else if (v <= 0xFFFF) { *out += 'u'; AppendHex(v, 4, out); }
          else { *out += 'U'; AppendHex(v, 8, out); }
      }
      i += w;
    } else {
      out->append(s.substr(i, w));
      i += w;
    }
  }
  *out += '"';
}

std::string PlainText(const Scalar& scalar) {
  switch (scalar.type) {
    case ScalarType::kNull: return "null";
    case ScalarType::kBool: return scalar.text;
    case ScalarType::kInt: return scalar.text;
    case ScalarType::kFloat: {
      std::string_view t = scalar.text;
      if (!t.empty() && (t[0] == '.' || t[0] == '+' || t[0] == '-') &&
          (t.find("inf") != t.npos || t.find("Inf") != t.npos || t.find("INF") != t.npos))
        return t[0] == '-' ? "-.inf" : ".inf";
      if (t == ".nan" || t == ".NaN" || t == ".NAN") return ".nan";
      std::string plain;
      for (char c : t)
        if (c != '_') plain += c;
      auto v = gofmt::ParseFloat(plain);
      return v ? gofmt::FormatFloatYaml(*v) : scalar.text;
    }
    case ScalarType::kTime: {
      std::string out;
      return NormalizeTimestamp(scalar.text, &out) ? out : scalar.text;
    }
    case ScalarType::kString: return scalar.text;
  }
  return scalar.text;
}

}  // namespace clef::doc::yaml

#include "core/util/go_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace clef::gofmt {
namespace {

// Shortest round-trip decimal digits of |v| and the position of the decimal point:
// |v| = 0.d1d2d3... * 10^point. Returns false for non-finite values.
struct Digits {
  std::string d;  // no leading zeros; "0" for zero
  int point = 0;  // Go's digs.dp
  bool neg = false;
};

Digits ShortestDigits(double v) {
  Digits out;
  out.neg = std::signbit(v);
  double a = std::fabs(v);
  if (a == 0) {
    out.d = "0";
    out.point = 1;
    return out;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific);
  std::string_view s(buf, res.ptr - buf);  // d.ddde+XX
  size_t e = s.find('e');
  std::string_view mant = s.substr(0, e);
  int exp = std::atoi(std::string(s.substr(e + 1)).c_str());
  for (char c : mant)
    if (c != '.') out.d.push_back(c);
  while (out.d.size() > 1 && out.d.back() == '0') out.d.pop_back();
  out.point = exp + 1;
  return out;
}

std::string Special(double v) {
  if (std::isnan(v)) return "NaN";
  return v > 0 ? "+Inf" : "-Inf";
}

std::string FixedFrom(const Digits& g) {
  std::string s = g.neg ? "-" : "";
  if (g.point <= 0) {
    s += "0.";
    s.append(-g.point, '0');
    s += g.d;
  } else if (g.point >= static_cast<int>(g.d.size())) {
    s += g.d;
    s.append(g.point - g.d.size(), '0');
  } else {
    s += g.d.substr(0, g.point);
    s += '.';
    s += g.d.substr(g.point);
  }
  return s;
}

std::string ExpFrom(const Digits& g, char e) {
  std::string s = g.neg ? "-" : "";
  s += g.d[0];
  if (g.d.size() > 1) {
    s += '.';
    s += g.d.substr(1);
  }
  int exp = g.d == "0" ? 0 : g.point - 1;
  s += e;
  s += exp < 0 ? '-' : '+';
  int a = exp < 0 ? -exp : exp;
  if (a < 10) s += '0';
  s += std::to_string(a);
  return s;
}

}  // namespace

std::string FormatFloatF(double v) {
  if (!std::isfinite(v)) return Special(v);
  return FixedFrom(ShortestDigits(v));
}

std::string FormatFloatE(double v) {
  if (!std::isfinite(v)) return Special(v);
  return ExpFrom(ShortestDigits(v), 'e');
}

std::string FormatFloatG(double v) {
  if (!std::isfinite(v)) return Special(v);
  Digits g = ShortestDigits(v);
  int exp = g.point - 1;
  // strconv/ftoa.go: with the shortest precision the %e/%f decision uses precision 6.
  if (exp < -4 || exp >= 6) return ExpFrom(g, 'e');
  return FixedFrom(g);
}

std::string FormatFloatYaml(double v) {
  if (std::isnan(v)) return ".nan";
  if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
  return FormatFloatG(v);
}

std::string FormatFloatJson(double v) {
  double a = std::fabs(v);
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    std::string s = FormatFloatE(v);
    size_t n = s.size();
    if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') {
      s.erase(n - 2, 1);
    }
    return s;
  }
  return FormatFloatF(v);
}

std::string FormatFloatEnv(double v) {
  std::string s;
  if (!std::isfinite(v)) {
    s = Special(v);
  } else {
    s = FormatFloatG(v);
    for (char& c : s)
      if (c == 'e') c = 'E';
  }
  if (s.find('.') == std::string::npos && s.find('E') == std::string::npos) s += ".0";
  return s;
}

std::optional<double> ParseFloat(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string_view body = s;
  bool neg = false;
  if (body[0] == '+' || body[0] == '-') {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  auto lower = [](std::string_view x) {
    std::string r(x);
    for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return r;
  };
  std::string l = lower(body);
  if (l == "inf" || l == "infinity") {
    return neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (l == "nan" && s.size() == body.size()) return std::numeric_limits<double>::quiet_NaN();
  std::string digits;
  for (char c : body)
    if (c != '_') digits.push_back(c);
  if (digits.empty()) return std::nullopt;
  for (char c : digits) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
          c == '+' || c == '-'))
      return std::nullopt;
  }
  double v = 0;
  auto res = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (res.ec != std::errc() || res.ptr != digits.data() + digits.size()) return std::nullopt;
  return neg ? -v : v;
}

std::optional<int64_t> ParseInt(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string_view body = s;
  if (body[0] == '+') body.remove_prefix(1);
  if (body.empty()) return std::nullopt;
  int64_t v = 0;
  auto res = std::from_chars(body.data(), body.data() + body.size(), v);
  if (res.ec != std::errc() || res.ptr != body.data() + body.size()) return std::nullopt;
  return v;
}

}  // namespace clef::gofmt

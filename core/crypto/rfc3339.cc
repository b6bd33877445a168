#include "core/crypto/rfc3339.h"

#include <cstdio>

namespace clef::crypto {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

int DaysIn(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string Base(const Rfc3339Time& t) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day, t.hour,
                t.minute, t.second);
  return buf;
}

std::string Zone(const Rfc3339Time& t) {
  if (t.offset_minutes == 0) return "Z";
  int m = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", t.offset_minutes < 0 ? '-' : '+', m / 60, m % 60);
  return buf;
}

}  // namespace

std::optional<Rfc3339Time> ParseRfc3339(std::string_view s) {
  Rfc3339Time t;
  if (!Digits(s, 0, 4, &t.year) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, &t.month) ||
      s[7] != '-' || !Digits(s, 8, 2, &t.day) || s[10] != 'T' || !Digits(s, 11, 2, &t.hour) ||
      s[13] != ':' || !Digits(s, 14, 2, &t.minute) || s[16] != ':' ||
      !Digits(s, 17, 2, &t.second)) {
    return std::nullopt;
  }
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > DaysIn(t.year, t.month) || t.hour > 23 ||
      t.minute > 59 || t.second > 59) {
    return std::nullopt;
  }
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return std::nullopt;
    t.fraction = std::string(s.substr(start, pos - start));
    while (!t.fraction.empty() && t.fraction.back() == '0') t.fraction.pop_back();
  }
  std::string_view zone = s.substr(pos);
  if (zone == "Z") return t;
  int hh = 0, mm = 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !Digits(zone, 1, 2, &hh) ||
      zone[3] != ':' || !Digits(zone, 4, 2, &mm) || hh > 23 || mm > 59) {
    return std::nullopt;
  }
  t.offset_minutes = (zone[0] == '-' ? -1 : 1) * (hh * 60 + mm);
  return t;
}

std::string FormatRfc3339(const Rfc3339Time& t) { return Base(t) + Zone(t); }

std::string FormatRfc3339Nano(const Rfc3339Time& t) {
  return Base(t) + (t.fraction.empty() ? "" : "." + t.fraction) + Zone(t);
}

}  // namespace clef::crypto

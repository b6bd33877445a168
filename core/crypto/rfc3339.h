// RFC 3339 timestamps the way Go's `time` package parses and prints them, for sops's `time`
// values and the `lastmodified` MAC AAD (sops-format.md §1.6, §2).
//
//   ParseRfc3339("2024-01-02T03:04:05.120+00:00")  -> fields, offset 0, fraction "12"
//   FormatRfc3339Nano(t) == "2024-01-02T03:04:05.12Z"   (Time.MarshalText)
//   FormatRfc3339(t)     == "2024-01-02T03:04:05Z"      (Format(time.RFC3339): no fraction)
//
// Parsing follows Go's RFC3339 layout: 'T' and 'Z' uppercase, 1-9 fractional digits after '.',
// offset "Z" or "±hh:mm", calendar-valid date, hour < 24, minute/second < 60. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace clef::crypto {

struct Rfc3339Time {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::string fraction;    // fractional-second digits as written, trailing zeros removed
  int offset_minutes = 0;  // east of UTC
};

std::optional<Rfc3339Time> ParseRfc3339(std::string_view text);
std::string FormatRfc3339(const Rfc3339Time& t);      // time.RFC3339
std::string FormatRfc3339Nano(const Rfc3339Time& t);  // time.RFC3339Nano / MarshalText

}  // namespace clef::crypto

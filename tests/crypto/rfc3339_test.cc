// RFC 3339 timestamps as Go's time package parses and prints them (core/crypto/rfc3339.h).
#include "core/crypto/rfc3339.h"

#include <gtest/gtest.h>

namespace clef::crypto {
namespace {

TEST(Rfc3339, RejectsWhatGoRejects) {
  for (const char* bad :
       {"2024-02-30T00:00:00Z", "2024-01-02T24:00:00Z", "2024-01-02T00:00:00",
        "2024-01-02T00:00:00.Z", "2024-01-02T00:00:00+0100", "2024-01-02T00:00:00.1234567890Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseRfc3339("2024-02-29T00:00:00Z").has_value());
}

TEST(Rfc3339, FormatsLikeMarshalTextAndRfc3339) {
  std::optional<Rfc3339Time> t = ParseRfc3339("2024-01-02T03:04:05.120+00:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatRfc3339Nano(*t), "2024-01-02T03:04:05.12Z");
  EXPECT_EQ(FormatRfc3339(*t), "2024-01-02T03:04:05Z");
  std::optional<Rfc3339Time> offset = ParseRfc3339("2024-01-02T10:00:00.000-05:30");
  ASSERT_TRUE(offset.has_value());
  EXPECT_EQ(FormatRfc3339Nano(*offset), "2024-01-02T10:00:00-05:30");
}

}  // namespace
}  // namespace clef::crypto

#include "core/util/go_format.h"

#include <gtest/gtest.h>

#include <limits>

namespace clef::gofmt {
namespace {

TEST(GoFormat, FixedMatchesGoForMacBytes) {
  EXPECT_EQ(FormatFloatF(0.5), "0.5");
  EXPECT_EQ(FormatFloatF(1.0), "1");
  EXPECT_EQ(FormatFloatF(1e21), "1000000000000000000000");
  EXPECT_EQ(FormatFloatF(6.02e23), "602000000000000000000000");
  EXPECT_EQ(FormatFloatF(1234568000.0), "1234568000");
  EXPECT_EQ(FormatFloatF(-0.0), "-0");
  EXPECT_EQ(FormatFloatF(0.0001234), "0.0001234");
  EXPECT_EQ(FormatFloatF(std::numeric_limits<double>::infinity()), "+Inf");
}

TEST(GoFormat, YamlUsesShortestGWithPrecisionSixDecision) {
  EXPECT_EQ(FormatFloatYaml(999999), "999999");
  EXPECT_EQ(FormatFloatYaml(1e6), "1e+06");
  EXPECT_EQ(FormatFloatYaml(1234567), "1.234567e+06");
  EXPECT_EQ(FormatFloatYaml(123456789), "1.23456789e+08");
  EXPECT_EQ(FormatFloatYaml(0.0001234), "0.0001234");
  EXPECT_EQ(FormatFloatYaml(0.00001234), "1.234e-05");
  EXPECT_EQ(FormatFloatYaml(1e21), "1e+21");
  EXPECT_EQ(FormatFloatYaml(1.5), "1.5");
  EXPECT_EQ(FormatFloatYaml(-std::numeric_limits<double>::infinity()), "-.inf");
  EXPECT_EQ(FormatFloatYaml(std::numeric_limits<double>::quiet_NaN()), ".nan");
}

TEST(GoFormat, JsonSwitchesToExponentOutsideItsRange) {
  EXPECT_EQ(FormatFloatJson(1234567), "1234567");
  EXPECT_EQ(FormatFloatJson(0.00001), "0.00001");
  EXPECT_EQ(FormatFloatJson(1e20), "100000000000000000000");
  EXPECT_EQ(FormatFloatJson(1e21), "1e+21");
  EXPECT_EQ(FormatFloatJson(1e-7), "1e-7");
  EXPECT_EQ(FormatFloatJson(5432), "5432");
}

TEST(GoFormat, EnvAppendsPointZero) {
  EXPECT_EQ(FormatFloatEnv(5.0), "5.0");
  EXPECT_EQ(FormatFloatEnv(1.5), "1.5");
  EXPECT_EQ(FormatFloatEnv(1e21), "1E+21");
}

TEST(GoFormat, ParsesNumbersLikeStrconv) {
  EXPECT_EQ(ParseFloat("1e21").value(), 1e21);
  EXPECT_FALSE(ParseFloat("abc").has_value());
  EXPECT_FALSE(ParseFloat("").has_value());
  EXPECT_EQ(ParseInt("-42").value(), -42);
  EXPECT_EQ(ParseInt("+7").value(), 7);
  EXPECT_FALSE(ParseInt("9223372036854775808").has_value());
  EXPECT_FALSE(ParseInt("1.0").has_value());
}

}  // namespace
}  // namespace clef::gofmt

#include "core/util/json_writer.h"

#include <gtest/gtest.h>

namespace clef {
namespace {

TEST(JsonWriter, CompactObjectWithCommasBetweenMembers) {
  JsonWriter w;
  w.BeginObject();
  w.Key("a");
  w.Int(1);
  w.Key("b");
  w.BeginArray();
  w.String("x");
  w.Bool(true);
  w.Null();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"a":1,"b":["x",true,null]})");
}

TEST(JsonWriter, PrettyOutputIndentsByTwo) {
  JsonWriter w(true);
  w.BeginObject();
  w.Key("k");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(w.str(), "{\n  \"k\": []\n}");
}

TEST(JsonWriter, EscapesControlCharactersAndQuotes) {
  EXPECT_EQ(JsonQuote("a\"b\\c\n\x01"), R"("a\"b\\c\n\u0001")");
}

TEST(JsonWriter, KeepsUtf8AsIs) { EXPECT_EQ(JsonQuote("héllo"), "\"héllo\""); }

}  // namespace
}  // namespace clef

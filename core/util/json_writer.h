// JsonWriter: builds the `--format json` output of the tools (stable field names, UTF-8,
// RFC 8259 escaping). Streaming and minimal: objects and arrays are opened and closed
// explicitly; commas are placed for you. Output is compact unless `pretty` is set.
//
//   JsonWriter w(/*pretty=*/true);
//   w.BeginObject();
//   w.Key("path"); w.String("secrets/api/dev.enc.yaml");
//   w.Key("line"); w.Int(3);
//   w.EndObject();
//   std::cout << w.str() << "\n";
//
// Not thread-safe. Misuse (a value without a key inside an object) is a programming error and
// asserts in debug builds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clef {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();

  const std::string& str() const { return out_; }

 private:
  void BeforeValue();
  void Newline();

  struct Level {
    bool is_object;
    int count;
  };
  bool pretty_;
  bool after_key_ = false;
  std::vector<Level> stack_;
  std::string out_;
};

// `s` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view s);

}  // namespace clef

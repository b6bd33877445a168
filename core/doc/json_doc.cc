// JSON reader and writer as sops 3.12 uses encoding/json (reference/sops-format.md §9.2):
// ordered objects with duplicate keys kept, every number a float64 (ScalarType::kFloat with its
// source text), output indented with tabs, json.Marshal string escaping, final newline.
#include <string>

#include "core/doc/doc_internal.h"
#include "core/doc/yaml_scalar.h"
#include "core/util/go_format.h"

namespace clef::doc::internal {
namespace {

class JsonReader {
 public:
  JsonReader(std::string_view s, const std::string& path) : s_(s), path_(path) {}

  Result<Document> Run() {
    SkipWs();
    if (p_ >= s_.size()) return Err("the file is empty: sops needs a JSON object at the top level");
    if (s_[p_] != '{')
      return Err("the top level is not a JSON object; sops only supports JSON files with a "
                 "top-level object");
    Document doc;
    doc.format = Format::kJson;
    Node root;
    if (!Value(&root)) return *error_;
    doc.roots.push_back(std::move(root));
    // sops stops at the closing brace: anything after it is ignored.
    return doc;
  }

 private:
  Error Err(std::string message) {
    return Error{std::move(message), path_, line_, static_cast<int>(p_ - line_start_) + 1, {}};
  }
  bool Fail(std::string message) {
    if (!error_) error_ = Err(std::move(message));
    return false;
  }
  void SkipWs() {
    while (p_ < s_.size()) {
      char c = s_[p_];
      if (c == '\n') {
        ++p_;
        ++line_;
        line_start_ = p_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++p_;
      } else {
        break;
      }
    }
  }

  bool Value(Node* out) {
    SkipWs();
    if (p_ >= s_.size()) return Fail("unexpected end of JSON input");
    out->line = line_;
    out->column = static_cast<int>(p_ - line_start_) + 1;
    char c = s_[p_];
    if (c == '{' || c == '[') {
      if (++depth_ > kMaxDepth) return Fail("the document is nested too deeply");
      bool ok = c == '{' ? Object(out) : Array(out);
      --depth_;
      return ok;
    }
    if (c == '"') {
      std::string text;
      if (!String(&text)) return false;
      out->kind = Node::Kind::kScalar;
      out->scalar = {ScalarType::kString, std::move(text)};
      return true;
    }
    if (s_.substr(p_, 4) == "true") return Literal(4, ScalarType::kBool, "true", out);
    if (s_.substr(p_, 5) == "false") return Literal(5, ScalarType::kBool, "false", out);
    if (s_.substr(p_, 4) == "null") return Literal(4, ScalarType::kNull, "", out);
    if (c == '-' || (c >= '0' && c <= '9')) return Number(out);
    return Fail(std::string("invalid character '") + c + "' looking for the beginning of a value");
  }

  bool Literal(size_t n, ScalarType type, const char* text, Node* out) {
    p_ += n;
    out->kind = Node::Kind::kScalar;
    out->scalar = {type, text};
    return true;
  }

  bool Number(Node* out) {
    size_t start = p_;
    auto digit = [&](size_t i) { return i < s_.size() && s_[i] >= '0' && s_[i] <= '9'; };
    if (s_[p_] == '-') ++p_;
    if (!digit(p_)) return Fail("invalid number");
    if (s_[p_] == '0') ++p_;
    else while (digit(p_)) ++p_;
    if (p_ < s_.size() && s_[p_] == '.') {
      ++p_;
      if (!digit(p_)) return Fail("invalid number: digits expected after '.'");
      while (digit(p_)) ++p_;
    }
    if (p_ < s_.size() && (s_[p_] == 'e' || s_[p_] == 'E')) {
      ++p_;
      if (p_ < s_.size() && (s_[p_] == '+' || s_[p_] == '-')) ++p_;
      if (!digit(p_)) return Fail("invalid number: digits expected in the exponent");
      while (digit(p_)) ++p_;
    }
    std::string_view text = s_.substr(start, p_ - start);
    if (!gofmt::ParseFloat(text)) return Fail("number out of range for a 64-bit float");
    out->kind = Node::Kind::kScalar;
    out->scalar = {ScalarType::kFloat, std::string(text)};
    return true;
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      *out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *out += static_cast<char>(0xC0 | (cp >> 6));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *out += static_cast<char>(0xE0 | (cp >> 12));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (cp >> 18));
      *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool Hex4(uint32_t* v) {
    *v = 0;
    for (int k = 0; k < 4; ++k) {
      if (p_ >= s_.size()) return Fail("unterminated \\u escape");
      char h = s_[p_++];
      int d;
      if (h >= '0' && h <= '9') d = h - '0';
      else if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
      else return Fail("invalid character in a \\u escape");
      *v = *v * 16 + d;
    }
    return true;
  }

  bool String(std::string* out) {
    ++p_;
    while (true) {
      if (p_ >= s_.size()) return Fail("unterminated string");
      unsigned char c = s_[p_];
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return Fail("invalid control character in a string");
      if (c == '\\') {
        char e = p_ + 1 < s_.size() ? s_[p_ + 1] : '\0';
        p_ += 2;
        switch (e) {
          case '"': *out += '"'; break;
          case '\\': *out += '\\'; break;
          case '/': *out += '/'; break;
          case 'b': *out += '\b'; break;
          case 'f': *out += '\f'; break;
          case 'n': *out += '\n'; break;
          case 'r': *out += '\r'; break;
          case 't': *out += '\t'; break;
          case 'u': {
            uint32_t cp;
            if (!Hex4(&cp)) return false;
            if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(p_, 2) == "\\u") {
              size_t save = p_;
              p_ += 2;
              uint32_t lo;
              if (!Hex4(&lo)) return false;
              if (lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              } else {
                p_ = save;
                cp = 0xFFFD;
              }
            } else if (cp >= 0xD800 && cp < 0xE000) {
              cp = 0xFFFD;
            }
            AppendUtf8(cp, out);
            break;
          }
          default:
            p_ -= 1;
            return Fail("invalid escape in a string");
        }
        continue;
      }
      if (c < 0x80) {
        *out += static_cast<char>(c);
        ++p_;
        continue;
      }
      // Multi-byte UTF-8; invalid sequences become U+FFFD as in Go.
      size_t bad;
      int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      if (len > 1 && p_ + len <= s_.size() && CheckText(s_.substr(p_, len), &bad, true)) {
        out->append(s_.substr(p_, len));
        p_ += len;
      } else {
        AppendUtf8(0xFFFD, out);
        ++p_;
      }
    }
  }

  bool Object(Node* out) {
    *out = Node::MakeMap();
    out->line = line_;
    out->column = static_cast<int>(p_ - line_start_) + 1;
    ++p_;
    SkipWs();
    if (p_ < s_.size() && s_[p_] == '}') {
      ++p_;
      return true;
    }
    while (true) {
      SkipWs();
      if (p_ >= s_.size() || s_[p_] != '"') return Fail("expected a string key in an object");
      int line = line_;
      std::string key;
      if (!String(&key)) return false;
      SkipWs();
      if (p_ >= s_.size() || s_[p_] != ':') return Fail("expected ':' after an object key");
      ++p_;
      Node value;
      if (!Value(&value)) return false;
      out->items.push_back(Item::Entry(std::move(key), std::move(value)));
      out->items.back().line = line;
      SkipWs();
      if (p_ < s_.size() && s_[p_] == ',') {
        ++p_;
        continue;
      }
      if (p_ < s_.size() && s_[p_] == '}') {
        ++p_;
        return true;
      }
      return Fail("expected ',' or '}' after an object value");
    }
  }

  bool Array(Node* out) {
    *out = Node::MakeSeq();
    out->line = line_;
    out->column = static_cast<int>(p_ - line_start_) + 1;
    ++p_;
    SkipWs();
    if (p_ < s_.size() && s_[p_] == ']') {
      ++p_;
      return true;
    }
    while (true) {
      int line = line_;
      Node value;
      if (!Value(&value)) return false;
      out->items.push_back(Item::Element(std::move(value)));
      out->items.back().line = line;
      SkipWs();
      if (p_ < s_.size() && s_[p_] == ',') {
        ++p_;
        continue;
      }
      if (p_ < s_.size() && s_[p_] == ']') {
        ++p_;
        return true;
      }
      return Fail("expected ',' or ']' after an array element");
    }
  }

  std::string_view s_;
  const std::string& path_;
  size_t p_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
  int depth_ = 0;
  std::optional<Error> error_;
};

void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  *out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c < 0x80) {
      switch (c) {
        case '"': *out += "\\\""; break;
        case '\\': *out += "\\\\"; break;
        case '\n': *out += "\\n"; break;
        case '\r': *out += "\\r"; break;
        case '\t': *out += "\\t"; break;
        case '\b': *out += "\\b"; break;
        case '\f': *out += "\\f"; break;
        case '<': case '>': case '&':
          *out += "\\u00";
          *out += kHex[c >> 4];
          *out += kHex[c & 0xF];
          break;
        default:
          if (c < 0x20) {
            *out += "\\u00";
            *out += kHex[c >> 4];
            *out += kHex[c & 0xF];
          } else {
            *out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    size_t bad;
    if (len == 1 || i + len > s.size() || !CheckText(s.substr(i, len), &bad, true)) {
      *out += "\\ufffd";
      ++i;
      continue;
    }
    if (len == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      *out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
    } else {
      out->append(s.substr(i, len));
    }
    i += len;
  }
  *out += '"';
}

void WriteJson(const Node& n, int depth, std::string* out) {
  if (n.is_scalar()) {
    const Scalar& s = n.scalar;
    switch (s.type) {
      case ScalarType::kString: AppendJsonString(s.text, out); return;
      case ScalarType::kNull: *out += "null"; return;
      case ScalarType::kBool: *out += s.text; return;
      case ScalarType::kInt: *out += s.text; return;
      case ScalarType::kFloat: {
        auto v = gofmt::ParseFloat(s.text);
        *out += v ? gofmt::FormatFloatJson(*v) : s.text;
        return;
      }
      case ScalarType::kTime: AppendJsonString(yaml::PlainText(s), out); return;
    }
    return;
  }
  size_t count = 0;
  for (const Item& item : n.items)
    if (!item.is_comment()) ++count;
  char open = n.is_map() ? '{' : '[', close = n.is_map() ? '}' : ']';
  *out += open;
  if (count == 0) {
    *out += close;
    return;
  }
  *out += '\n';
  size_t written = 0;
  for (const Item& item : n.items) {
    if (item.is_comment()) continue;
    out->append(depth + 1, '\t');
    if (n.is_map()) {
      AppendJsonString(item.key, out);
      *out += ": ";
    }
    WriteJson(item.value, depth + 1, out);
    if (++written < count) *out += ',';
    *out += '\n';
  }
  out->append(depth, '\t');
  *out += close;
}

}  // namespace

Result<Document> ParseJson(std::string_view text, const std::string& path) {
  JsonReader reader(text, path);
  return reader.Run();
}

std::string EmitJson(const Document& doc) {
  std::string out;
  out.reserve(4096);
  for (const Node& root : doc.roots) {
    WriteJson(root, 0, &out);
    out += '\n';
  }
  return out;
}

}  // namespace clef::doc::internal

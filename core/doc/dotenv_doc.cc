// dotenv reader and writer exactly as sops's dotenv store (reference/sops-format.md §5.1):
// lines split on '\n', empty lines skipped, '#' at the first byte starts a comment,
// KEY=VALUE split at the first '=', no trimming or quoting, "\n" escapes in values.
#include <string>

#include "core/doc/doc_internal.h"
#include "core/doc/yaml_scalar.h"
#include "core/util/go_format.h"

namespace clef::doc::internal {

Result<Document> ParseDotenv(std::string_view text, const std::string& path) {
  Document doc;
  doc.format = Format::kDotenv;
  Node root = Node::MakeMap();
  root.line = 1;
  root.column = 1;
  int line = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    ++line;
    pos = nl + 1;
    if (l.empty()) {
      if (nl == text.size()) break;
      continue;
    }
    if (l[0] == '#') {
      root.items.push_back(Item::MakeComment(std::string(l.substr(1))));
      root.items.back().line = line;
    } else {
      size_t eq = l.find('=');
      if (eq == std::string_view::npos)
        return Error{"invalid dotenv input line: a line needs KEY=VALUE (or # for a comment)", path,
                     line, 1, {}};
      std::string value;
      std::string_view raw = l.substr(eq + 1);
      value.reserve(raw.size());
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == 'n') {
          value += '\n';
          ++i;
        } else {
          value += raw[i];
        }
      }
      Node v = Node::MakeString(std::move(value));
      v.line = line;
      v.column = static_cast<int>(eq) + 2;
      root.items.push_back(Item::Entry(std::string(l.substr(0, eq)), std::move(v)));
      root.items.back().line = line;
    }
    if (nl == text.size()) break;
  }
  doc.roots.push_back(std::move(root));
  return doc;
}

std::string EmitDotenv(const Document& doc) {
  std::string out;
  for (const Node& root : doc.roots) {
    for (const Item& item : root.items) {
      if (item.is_comment()) {
        out += '#';
        out += item.comment.text;
        out += '\n';
        continue;
      }
      if (!item.value.is_scalar()) continue;  // sops refuses nested values in dotenv
      out += item.key;
      out += '=';
      const Scalar& s = item.value.scalar;
      std::string text;
      switch (s.type) {
        case ScalarType::kFloat: {
          auto v = gofmt::ParseFloat(s.text);
          text = v ? gofmt::FormatFloatEnv(*v) : s.text;
          break;
        }
        case ScalarType::kTime: text = yaml::PlainText(s); break;
        default: text = s.text;
      }
      for (char c : text) {
        if (c == '\n') out += "\\n";
        else out += c;
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace clef::doc::internal

// The YAML writer: go-yaml v3's emitter as sops 3.12 configures it (4-space indentation,
// unlimited width, unicode on), reproduced from the tree alone (reference/sops-format.md §9.1).
//
// Indentation follows go-yaml v3: a node inside a sequence item sits 2 columns after the dash;
// anything else goes to the next multiple of 4 after its parent's indentation. Comments are
// written on their own line (sops 3.12 keeps no inline comments); leading comments of a mapping
// or sequence that is itself a sequence item go before the item's dash.
#include <string>

#include "core/doc/doc_internal.h"
#include "core/doc/yaml_scalar.h"

namespace clef::doc::internal {
namespace {

int NextIndent(int indent) { return 4 * ((indent + 4) / 4); }

class YamlWriter {
 public:
  explicit YamlWriter(std::string* out) : out_(*out) {}

  void Document(const Node& root) {
    if (!root.is_map() || !HasValues(root)) {
      for (const Item& item : root.items)
        if (item.is_comment()) Comment(item.comment, 0);
      out_ += "{}\n";
      return;
    }
    Map(root.items, 0, 0, false);
  }

 private:
  static bool HasValues(const Node& node) {
    for (const Item& item : node.items)
      if (!item.is_comment()) return true;
    return false;
  }

  void Spaces(int n) { out_.append(static_cast<size_t>(n), ' '); }

  void Comment(const Comment& c, int indent) {
    Spaces(indent);
    out_ += '#';
    out_ += c.text;
    out_ += '\n';
  }

  // Writes a mapping whose keys sit at `indent`. When `compact`, the first line is already
  // positioned (after "- ") and leading comments were written by the caller (from `start`).
  void Map(const std::vector<Item>& items, size_t start, int indent, bool compact) {
    bool first = true;
    for (size_t i = start; i < items.size(); ++i) {
      const Item& item = items[i];
      if (item.is_comment()) {
        Comment(item.comment, indent);
        continue;
      }
      if (!(first && compact)) Spaces(indent);
      first = false;
      Key(item.key);
      out_ += ':';
      Value(item.value, indent, NextIndent(indent));
    }
  }

  // Writes a sequence whose dashes sit at `indent` (see Map for `compact`).
  void Seq(const std::vector<Item>& items, size_t start, int indent, bool compact) {
    bool first = true;
    for (size_t i = start; i < items.size(); ++i) {
      const Item& item = items[i];
      if (item.is_comment()) {
        Comment(item.comment, indent);
        continue;
      }
      const Node& v = item.value;
      size_t inner_start = 0;
      if (!v.is_scalar() && HasValues(v)) {
        while (inner_start < v.items.size() && v.items[inner_start].is_comment()) ++inner_start;
      }
      // The first element of a compact sequence had its comments written by its parent.
      if (!(first && compact)) HoistComments(v, indent);
      if (!(first && compact)) Spaces(indent);
      first = false;
      out_ += '-';
      if (!v.is_scalar() && HasValues(v)) {
        out_ += ' ';
        if (v.is_map()) Map(v.items, inner_start, indent + 2, true);
        else Seq(v.items, inner_start, indent + 2, true);
      } else {
        Value(v, indent, indent + 2);
      }
    }
  }

  // Writes the leading comments of a sequence item, and of the first elements of nested
  // sequences that share its line (`- - x`), before the item's dash.
  void HoistComments(const Node& v, int indent) {
    if (v.is_scalar() || !HasValues(v)) return;
    size_t k = 0;
    for (; k < v.items.size() && v.items[k].is_comment(); ++k) Comment(v.items[k].comment, indent);
    if (v.is_seq() && k < v.items.size()) HoistComments(v.items[k].value, indent);
  }

  // Writes " value\n" (or a nested block) after a "key:" or "-"; `parent` is the indentation
  // of the mapping or sequence holding the value, `child` the indentation of nested content.
  void Value(const Node& v, int parent, int child) {
    (void)parent;
    if (v.is_map()) {
      if (!HasValues(v)) {
        out_ += " {}\n";
        return;
      }
      out_ += '\n';
      Map(v.items, 0, child, false);
      return;
    }
    if (v.is_seq()) {
      if (!HasValues(v)) {
        out_ += " []\n";
        return;
      }
      out_ += '\n';
      Seq(v.items, 0, child, false);
      return;
    }
    out_ += ' ';
    if (v.scalar.type != ScalarType::kString) {
      out_ += yaml::PlainText(v.scalar);
      out_ += '\n';
      return;
    }
    const std::string& s = v.scalar.text;
    switch (yaml::ChooseStringStyle(s, false)) {
      case yaml::Style::kPlain: out_ += s; break;
      case yaml::Style::kSingle: yaml::AppendSingleQuoted(s, &out_); break;
      case yaml::Style::kDouble: yaml::AppendDoubleQuoted(s, &out_); break;
      case yaml::Style::kLiteral: Literal(s, child); return;
    }
    out_ += '\n';
  }

  void Literal(const std::string& s, int indent) {
    out_ += '|';
    if (s[0] == ' ' || s[0] == '\n') out_ += '4';
    if (s.back() != '\n') out_ += '-';
    else if (s.size() == 1 || s[s.size() - 2] == '\n') out_ += '+';
    out_ += '\n';
    bool breaks = true;
    for (char c : s) {
      if (c == '\n') {
        out_ += '\n';
        breaks = true;
      } else {
        if (breaks) Spaces(indent);
        out_ += c;
        breaks = false;
      }
    }
    if (!breaks) out_ += '\n';
  }

  void Key(const std::string& key) {
    if (key == "<<") {
      out_ += "!!merge <<";
      return;
    }
    switch (yaml::ChooseStringStyle(key, true)) {
      case yaml::Style::kPlain: out_ += key; break;
      case yaml::Style::kSingle: yaml::AppendSingleQuoted(key, &out_); break;
      default: yaml::AppendDoubleQuoted(key, &out_); break;
    }
  }

  std::string& out_;
};

}  // namespace

std::string EmitYaml(const Document& doc) {
  std::string out;
  out.reserve(4096);
  YamlWriter writer(&out);
  for (size_t i = 0; i < doc.roots.size(); ++i) {
    if (i > 0) out += "---\n";
    writer.Document(doc.roots[i]);
  }
  return out;
}

}  // namespace clef::doc::internal

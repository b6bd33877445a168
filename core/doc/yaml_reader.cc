// The YAML reader: one pass over the text, block and flow styles, comments attributed the way
// go-yaml v3 + sops 3.12 attribute them (reference/sops-format.md §1.9), scalars resolved as
// go-yaml v3 resolves them (§9.1). Anchors are expanded at their aliases; tags other than the
// core `!!` ones are dropped. Errors carry the file, line and column.
//
// Comment attribution: comment lines are collected as "pending" while skipping to the next
// token. Before a mapping entry or sequence element they go into that block, in order; when a
// block ends, the leading pending comments indented at least as deep as the block stay in it
// (foot comments) and the rest go to the enclosing block. A comment after a value on the same
// line becomes an inline comment item placed just before that entry or element.
#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/doc/doc_internal.h"
#include "core/doc/yaml_scalar.h"

namespace clef::doc::internal {
namespace {

constexpr size_t kMaxAliasNodes = 1000000;

size_t CountNodes(const Node& n) {
  size_t count = 1;
  for (const Item& item : n.items) count += item.is_comment() ? 1 : CountNodes(item.value);
  return count;
}

// Bytes ScanPlainLine must look at one by one: line end, ':', '#', blanks, and in flow context
// the flow indicators.
constexpr std::array<bool, 256> StopTable(std::string_view bytes) {
  std::array<bool, 256> stop{};
  for (unsigned char c : bytes) stop[c] = true;
  return stop;
}
constexpr auto kFlowPlainStop = StopTable("\n:# \t,[]{}");
constexpr auto kBlockPlainStop = StopTable("\n:# \t");

// The keys of one mapping seen so far, for the duplicate-key check, without copying them: a
// 64-bit hash per key (scanned while there are few, an open-addressing table after that), and
// a matching hash is confirmed against the entries already parsed.
class SeenKeys {
 public:
  // False when `key` is the key of an entry in `items`; otherwise records it.
  bool Add(std::string_view key, const std::vector<Item>& items) {
    const uint64_t h = std::hash<std::string_view>{}(key) | 1;  // 0 marks an empty slot
    if (Contains(h)) {
      for (const Item& item : items) {
        if (!item.is_comment() && item.key == key) return false;
      }
    }
    hashes_.push_back(h);
    if (hashes_.size() >= kLinear) {
      if (hashes_.size() * 2 > table_.size()) Rebuild();
      else Place(h);
    }
    return true;
  }

 private:
  static constexpr size_t kLinear = 16;

  bool Contains(uint64_t h) const {
    if (table_.empty()) {
      for (uint64_t x : hashes_) {
        if (x == h) return true;
      }
      return false;
    }
    const size_t mask = table_.size() - 1;
    for (size_t i = h & mask; table_[i] != 0; i = (i + 1) & mask) {
      if (table_[i] == h) return true;
    }
    return false;
  }
  void Place(uint64_t h) {
    const size_t mask = table_.size() - 1;
    size_t i = h & mask;
    while (table_[i] != 0) i = (i + 1) & mask;
    table_[i] = h;
  }
  void Rebuild() {
    table_.assign(std::max<size_t>(64, table_.size() * 4), 0);
    for (uint64_t x : hashes_) Place(x);
  }

  std::vector<uint64_t> hashes_;
  std::vector<uint64_t> table_;
};

class YamlReader {
 public:
  YamlReader(std::string_view text, const std::string& path) : s_(text), path_(path) {}

  Result<Document> Run() {
    Document doc;
    doc.format = Format::kYaml;
    if (!SkipToContent()) return *error_;
    bool any_content = p_ < s_.size() || !pending_.empty();
    if (!any_content) return Fail("the file is empty: sops needs a YAML mapping at the top level");
    while (true) {
      bool explicit_start = false;
      // Directives and the document start marker.
      while (p_ < s_.size() && Col() == 0 && s_[p_] == '%') {
        SkipLine();
        if (!SkipToContent()) return *error_;
      }
      if (AtMarker("---")) {
        explicit_start = true;
        p_ += 3;
        SkipSpaces();
        if (p_ < s_.size() && s_[p_] != '\n' && s_[p_] != '#') {
          // Content on the marker line: `--- {a: 1}` or `--- a: 1` is not supported as a map.
          if (s_[p_] != '{') return FailHere("content after `---` on the same line is not supported");
        } else if (!SkipToContent()) {
          return *error_;
        }
      }
      Node root = Node::MakeMap();
      if (p_ >= s_.size() || AtMarker("---") || AtMarker("...")) {
        if (!explicit_start && doc.roots.empty() && pending_.empty())
          return Fail("the file is empty: sops needs a YAML mapping at the top level");
        root.line = line_;
        root.column = 1;
        for (auto& c : pending_) root.items.push_back(Item::MakeComment(std::move(c.text)));
        pending_.clear();
        doc.roots.push_back(std::move(root));
      } else {
        int line = line_, col = Col() + 1;
        if (!ParseBlockNode(-1, true, &root, nullptr)) return *error_;
        if (!root.is_map())
          return Error{"the top level of the document is not a mapping; sops needs `key: value` "
                       "entries at the top level",
                       path_, line, col, {}};
        for (auto& c : pending_) root.items.push_back(Item::MakeComment(std::move(c.text)));
        pending_.clear();
        doc.roots.push_back(std::move(root));
      }
      if (AtMarker("...")) {
        p_ += 3;
        if (!SkipToContent()) return *error_;
        for (auto& c : pending_) doc.roots.back().items.push_back(Item::MakeComment(std::move(c.text)));
        pending_.clear();
      }
      if (p_ >= s_.size()) break;
      if (!AtMarker("---") && !(Col() == 0 && s_[p_] == '%'))
        return FailHere("unexpected content at the top level (a block ended with the wrong indentation?)");
    }
    return doc;
  }

 private:
  struct Pending {
    std::string text;
    int col;
  };

  // ---- errors ----
  Error MakeErr(std::string message, int line, int col) {
    return Error{std::move(message), path_, line, col, {}};
  }
  Error Fail(std::string message) { return MakeErr(std::move(message), line_, Col() + 1); }
  Error FailHere(std::string message) { return Fail(std::move(message)); }
  bool SetError(std::string message) {
    if (!error_) error_ = Fail(std::move(message));
    return false;
  }
  bool SetErrorAt(std::string message, int line, int col) {
    if (!error_) error_ = MakeErr(std::move(message), line, col);
    return false;
  }

  // ---- position helpers ----
  int Col() const { return static_cast<int>(p_ - line_start_); }
  char At(size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  char Cur() const { return At(p_); }
  bool IsBlankOrEnd(size_t i) const {
    return i >= s_.size() || s_[i] == ' ' || s_[i] == '\t' || s_[i] == '\n';
  }
  void NewLine() {  // p_ is at '\n'
    ++p_;
    ++line_;
    line_start_ = p_;
  }
  void SkipSpaces() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t')) ++p_;
  }
  void SkipLine() {
    while (p_ < s_.size() && s_[p_] != '\n') ++p_;
    if (p_ < s_.size()) NewLine();
  }
  bool AtMarker(std::string_view m) const {
    return Col() == 0 && s_.substr(p_, 3) == m && IsBlankOrEnd(p_ + 3);
  }
  bool AtLineEnd() const { return p_ >= s_.size() || s_[p_] == '\n' || s_[p_] == '#'; }
  bool IsSeqIndicator() const { return Cur() == '-' && IsBlankOrEnd(p_ + 1); }

  // From anywhere after content on a line: skips to the first content character of the next
  // line that has some, collecting comment lines into pending_. Stops at end of input.
  bool SkipToContent() {
    while (p_ < s_.size()) {
      char c = s_[p_];
      if (c == ' ') {
        ++p_;
      } else if (c == '\t') {
        // Tabs may separate tokens but not indent content.
        size_t q = p_;
        while (q < s_.size() && (s_[q] == ' ' || s_[q] == '\t')) ++q;
        if (q < s_.size() && s_[q] != '\n' && s_[q] != '#' && OnlySpaceBefore(p_))
          return SetError("a tab character is used for indentation; YAML allows spaces only");
        p_ = q;
      } else if (c == '\n') {
        NewLine();
      } else if (c == '#') {
        if (p_ != line_start_ && s_[p_ - 1] != ' ' && s_[p_ - 1] != '\t') return true;
        int col = Col();
        size_t start = ++p_;
        while (p_ < s_.size() && s_[p_] != '\n') ++p_;
        if (p_ > start || true) pending_.push_back({std::string(s_.substr(start, p_ - start)), col});
      } else {
        return true;
      }
    }
    return true;
  }
  bool OnlySpaceBefore(size_t pos) const {
    for (size_t q = line_start_; q < pos; ++q)
      if (s_[q] != ' ' && s_[q] != '\t') return false;
    return true;
  }

  void FlushPending(std::vector<Item>* items) {
    for (auto& c : pending_) items->push_back(Item::MakeComment(std::move(c.text)));
    pending_.clear();
  }
  // Keeps the leading pending comments indented at least `indent` in `items` (foot comments).
  void FlushFoot(std::vector<Item>* items, int indent) {
    size_t k = 0;
    while (k < pending_.size() && pending_[k].col >= indent) {
      items->push_back(Item::MakeComment(std::move(pending_[k].text)));
      ++k;
    }
    pending_.erase(pending_.begin(), pending_.begin() + k);
  }

  // After a value on a line: an optional comment (returned as inline comment), then the end of
  // the line. Anything else is an error.
  bool EndOfValueLine(std::vector<Item>* inline_comments) {
    SkipSpaces();
    if (Cur() == '#') {
      if (p_ > line_start_ && s_[p_ - 1] != ' ' && s_[p_ - 1] != '\t')
        return SetError("a comment must be separated from the value by a space");
      size_t start = ++p_;
      while (p_ < s_.size() && s_[p_] != '\n') ++p_;
      if (inline_comments)
        inline_comments->push_back(Item::MakeComment(std::string(s_.substr(start, p_ - start)), true));
      else
        pending_.push_back({std::string(s_.substr(start, p_ - start)), Col()});
    }
    if (p_ < s_.size() && s_[p_] != '\n') {
      if (Cur() == ':') return SetError("mapping values are not allowed in this context");
      return SetError("unexpected content after a value");
    }
    return SkipToContent();
  }

  // ---- properties ----
  bool ParseProperties(std::string* anchor, std::string* tag) {
    while (true) {
      char c = Cur();
      if (c == '&' || c == '!') {
        size_t start = p_;
        ++p_;
        if (c == '!' && Cur() == '<') {
          while (p_ < s_.size() && s_[p_] != '>' && s_[p_] != '\n') ++p_;
          if (Cur() != '>') return SetError("unterminated verbatim tag");
          ++p_;
        } else {
          while (p_ < s_.size() && !IsBlankOrEnd(p_) && s_[p_] != ',' && s_[p_] != '[' &&
                 s_[p_] != ']' && s_[p_] != '{' && s_[p_] != '}')
            ++p_;
        }
        std::string_view tok = s_.substr(start + 1, p_ - start - 1);
        if (c == '&') {
          if (tok.empty()) return SetError("an anchor needs a name");
          *anchor = std::string(tok);
        } else {
          *tag = std::string(s_.substr(start, p_ - start));
        }
        SkipSpaces();
        continue;
      }
      return true;
    }
  }

  // Applies a tag to a parsed scalar (quoted = not plain).
  bool ApplyTag(const std::string& tag, bool plain, const std::string& raw, Node* node, int line,
                int col) {
    if (tag.empty()) return true;
    if (!node->is_scalar()) return true;
    std::string t = tag;
    if (t.rfind("!<tag:yaml.org,2002:", 0) == 0) t = "!!" + t.substr(20, t.size() - 21);
    if (t == "!!str" || t == "!") {
      node->scalar = {ScalarType::kString, raw};
      return true;
    }
    if (t == "!!binary") {
      std::string decoded;
      if (!DecodeBase64(raw, &decoded))
        return SetErrorAt("!!binary value is not valid base64", line, col);
      node->scalar = {ScalarType::kString, std::move(decoded)};
      return true;
    }
    if (t == "!!int" || t == "!!float" || t == "!!bool" || t == "!!null" || t == "!!timestamp") {
      Scalar r = yaml::ResolvePlain(raw);
      ScalarType want = t == "!!int"     ? ScalarType::kInt
                        : t == "!!float" ? ScalarType::kFloat
                        : t == "!!bool"  ? ScalarType::kBool
                        : t == "!!null"  ? ScalarType::kNull
                                         : ScalarType::kTime;
      if (want == ScalarType::kFloat && r.type == ScalarType::kInt) r = {ScalarType::kFloat, raw};
      if (r.type != want)
        return SetErrorAt("cannot decode `" + t + "` value (the value does not match the tag)",
                          line, col);
      node->scalar = std::move(r);
      return true;
    }
    // Custom tags are dropped: the value is kept as a string (as sops does).
    if (plain) node->scalar = {ScalarType::kString, raw};
    return true;
  }

  static bool DecodeBase64(std::string_view in, std::string* out) {
    unsigned buf = 0;
    int bits = 0;
    for (char c : in) {
      int v;
      if (c >= 'A' && c <= 'Z') v = c - 'A';
      else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
      else if (c >= '0' && c <= '9') v = c - '0' + 52;
      else if (c == '+') v = 62;
      else if (c == '/') v = 63;
      else if (c == '=' || c == ' ' || c == '\n') continue;
      else return false;
      buf = (buf << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        *out += static_cast<char>((buf >> bits) & 0xFF);
      }
    }
    return true;
  }

  // ---- block structure ----

  // Parses the block node starting at p_ (a content character). `parent` is the indentation
  // of the enclosing block (-1 at the top). `compact` allows a mapping or sequence to start on
  // this line (top level and sequence items). Returns positioned at the next content (or end).
  // The inline comment of a scalar value is appended to `inline_comments`.
  bool ParseBlockNode(int parent, bool compact, Node* out, std::vector<Item>* inline_comments) {
    if (++depth_ > kMaxDepth) return SetError("the document is nested too deeply");
    bool ok = ParseBlockNodeInner(parent, compact, out, inline_comments);
    --depth_;
    return ok;
  }

  bool ParseBlockNodeInner(int parent, bool compact, Node* out, std::vector<Item>* inline_comments) {
    int c = Col();
    int line = line_;
    out->line = line_;
    out->column = c + 1;
    if (IsSeqIndicator()) {
      if (!compact) return SetError("block sequence entries are not allowed in this context");
      return ParseBlockSeq(c, out);
    }
    std::string anchor, tag;
    if (!ParseProperties(&anchor, &tag)) return false;
    if (AtLineEnd()) {
      // Properties alone on the line: the node follows on the next lines.
      if (!EndOfValueLine(nullptr)) return false;
      if (p_ < s_.size() && !AtMarker("---") && !AtMarker("...") &&
          (Col() > parent || (Col() == parent && IsSeqIndicator()))) {
        if (!ParseBlockNode(parent, true, out, inline_comments)) return false;
      } else {
        *out = Node::MakeScalar(ScalarType::kNull, "");
        out->line = line;
        out->column = c + 1;
        if (!ApplyTag(tag, true, "", out, line, c + 1)) return false;
      }
      return Anchor(anchor, *out);
    }
    if (IsSeqIndicator()) return SetError("block sequence entries are not allowed after properties");
    char ch = Cur();
    if (ch == '|' || ch == '>') {
      if (!ParseBlockScalar(parent, out)) return false;
      if (!ApplyTag(tag, false, out->scalar.text, out, line, c + 1)) return false;
      return Anchor(anchor, *out);
    }
    if (ch == '?' && IsBlankOrEnd(p_ + 1))
      return SetError("complex mapping keys (`? key`) are not supported");
    // An inline node: a scalar, a flow collection or an alias; it may be the first key of a
    // block mapping at this column.
    int key_col = Col();
    Node first;
    bool plain = false;
    std::string raw;
    if (!ParseInlineNode(&first, &plain, tag.empty() ? nullptr : &raw, parent)) return false;
    SkipSpaces();
    if (Cur() == ':' && IsBlankOrEnd(p_ + 1)) {
      if (!compact) return SetError("mapping values are not allowed in this context");
      if (!ApplyTag(tag, plain, raw, &first, line, key_col + 1)) return false;
      *out = Node::MakeMap();
      out->line = line;
      out->column = key_col + 1;
      // The mapping's indentation is where its first line starts (before any `!!tag`/`&anchor`
      // of the first key, as in `!!merge <<: x`).
      if (!ParseBlockMap(c, std::move(first), line, key_col + 1, out)) return false;
      return Anchor(anchor, *out);
    }
    if (!ApplyTag(tag, plain, raw, &first, line, c + 1)) return false;
    *out = std::move(first);
    out->line = line;
    out->column = c + 1;
    if (!Anchor(anchor, *out)) return false;
    return EndOfValueLine(inline_comments);
  }

  bool Anchor(const std::string& name, const Node& node) {
    if (!name.empty()) anchors_[name] = node;
    return true;
  }

  bool CheckKey(const Node& key, int line, int col, std::string* out) {
    if (!key.is_scalar() || key.scalar.type != ScalarType::kString)
      return SetErrorAt("non-string key: sops needs every key to be a string (quote it, e.g. \"1\":)",
                        line, col);
    *out = key.scalar.text;
    return true;
  }

  // Parses a block mapping at column `indent`; p_ is at the ':' after its first key.
  bool ParseBlockMap(int indent, Node first_key, int key_line, int key_col, Node* out) {
    SeenKeys seen;
    Node key = std::move(first_key);
    while (true) {
      std::string k;
      if (!CheckKey(key, key_line, key_col, &k)) return false;
      if (!seen.Add(k, out->items))
        return SetErrorAt("duplicate key \"" + k + "\" in a mapping", key_line, key_col);
      FlushPending(&out->items);
      ++p_;  // ':'
      Item entry = Item::Entry(std::move(k), Node());
      entry.line = key_line;
      if (!ParseMapValue(indent, &entry.value, &out->items)) return false;
      out->items.push_back(std::move(entry));
      if (p_ >= s_.size() || AtMarker("---") || AtMarker("...")) break;
      int nc = Col();
      if (nc < indent) break;
      if (nc > indent) return SetError("bad indentation of a mapping entry");
      if (IsSeqIndicator()) return SetError("a sequence item where a mapping key was expected");
      key_line = line_;
      key_col = nc + 1;
      std::string anchor, tag;
      if (!ParseProperties(&anchor, &tag)) return false;
      if (Cur() == '?' && IsBlankOrEnd(p_ + 1))
        return SetError("complex mapping keys (`? key`) are not supported");
      bool plain = false;
      std::string raw;
      key = Node();
      if (!ParseInlineNode(&key, &plain, tag.empty() ? nullptr : &raw, indent)) return false;
      if (!ApplyTag(tag, plain, raw, &key, key_line, key_col)) return false;
      SkipSpaces();
      if (!(Cur() == ':' && IsBlankOrEnd(p_ + 1)))
        return SetError("could not find the expected ':' after a mapping key");
    }
    FlushFoot(&out->items, indent);
    return true;
  }

  // The value after "key:" of a mapping at `indent`.
  bool ParseMapValue(int indent, Node* value, std::vector<Item>* map_items) {
    SkipSpaces();
    int line = line_, col = Col() + 1;
    if (AtLineEnd()) {
      if (!EndOfValueLine(map_items)) return false;
      if (p_ < s_.size() && !AtMarker("---") && !AtMarker("...")) {
        if (Col() > indent) {
          FlushPendingInto(nullptr);
          return ParseBlockNode(indent, true, value, map_items);
        }
        if (Col() == indent && IsSeqIndicator()) return ParseBlockNode(indent - 1, true, value, map_items);
      }
      *value = Node::MakeScalar(ScalarType::kNull, "");
      value->line = line;
      value->column = col;
      return true;
    }
    return ParseBlockNode(indent, false, value, map_items);
  }
  void FlushPendingInto(std::vector<Item>*) {}  // pending comments flow into the nested block

  // Parses a block sequence whose dashes are at column `indent`.
  bool ParseBlockSeq(int indent, Node* out) {
    *out = Node::MakeSeq();
    out->line = line_;
    out->column = indent + 1;
    while (true) {
      FlushPending(&out->items);
      int line = line_;
      ++p_;  // '-'
      SkipSpaces();
      Node elem;
      std::vector<Item> comments;
      if (AtLineEnd()) {
        if (!EndOfValueLine(&comments)) return false;
        if (p_ < s_.size() && !AtMarker("---") && !AtMarker("...") && Col() > indent) {
          if (!ParseBlockNode(indent, true, &elem, &comments)) return false;
        } else {
          elem = Node::MakeScalar(ScalarType::kNull, "");
          elem.line = line;
          elem.column = indent + 1;
        }
      } else {
        if (!ParseBlockNode(indent, true, &elem, &comments)) return false;
      }
      for (auto& c : comments) out->items.push_back(std::move(c));
      out->items.push_back(Item::Element(std::move(elem)));
      out->items.back().line = line;
      if (p_ >= s_.size() || AtMarker("---") || AtMarker("...")) break;
      int nc = Col();
      if (nc < indent) break;
      if (nc == indent && IsSeqIndicator()) continue;
      if (nc == indent) break;  // the next key of a mapping holding an indentless sequence
      return SetError("bad indentation of a sequence entry");
    }
    FlushFoot(&out->items, indent);
    return true;
  }

  // ---- block scalars ----
  bool ParseBlockScalar(int parent, Node* out) {
    bool folded = Cur() == '>';
    int line = line_, col = Col() + 1;
    ++p_;
    int chomp = 0;  // -1 strip, 0 clip, +1 keep
    int explicit_indent = 0;
    for (int k = 0; k < 2; ++k) {
      char c = Cur();
      if (c == '-' || c == '+') {
        if (chomp != 0) return SetError("repeated chomping indicator in a block scalar header");
        chomp = c == '-' ? -1 : 1;
        ++p_;
      } else if (c >= '1' && c <= '9') {
        if (explicit_indent) return SetError("repeated indentation indicator in a block scalar header");
        explicit_indent = c - '0';
        ++p_;
      }
    }
    SkipSpaces();
    if (Cur() == '#') {
      size_t start = ++p_;
      while (p_ < s_.size() && s_[p_] != '\n') ++p_;
      pending_.push_back({std::string(s_.substr(start, p_ - start)), Col()});
    }
    if (p_ < s_.size() && s_[p_] != '\n') return SetError("unexpected content after a block scalar header");
    if (p_ < s_.size()) NewLine();
    int base = parent < 0 ? 0 : parent;
    int indent = explicit_indent ? base + explicit_indent : -1;
    if (explicit_indent && parent >= 0) {
      // go-yaml v3 (so sops) always writes the indicator as 4 but indents the content by 2
      // inside sequence items (`- |4-` with the text at dash + 2): a first line indented less
      // than the indicator says, but at least parent + 2, is read with that indentation. Every
      // line of the block counts (the first may start with spaces that belong to the text).
      size_t q = p_;
      while (q < s_.size()) {
        size_t ls = q;
        while (q < s_.size() && s_[q] == ' ') ++q;
        if (q < s_.size() && s_[q] == '\n') {
          ++q;
          continue;
        }
        int sp = static_cast<int>(q - ls);
        if (q >= s_.size() || sp < parent + 2) break;
        if (sp < indent) {
          indent = parent + 2;
          break;
        }
        while (q < s_.size() && s_[q] != '\n') ++q;
        if (q < s_.size()) ++q;
      }
    }
    // Auto-detect: the indentation of the first non-empty line.
    if (indent < 0) {
      size_t q = p_;
      int max_blank = 0;
      while (q < s_.size()) {
        size_t ls = q;
        while (q < s_.size() && s_[q] == ' ') ++q;
        int sp = static_cast<int>(q - ls);
        if (q < s_.size() && s_[q] == '\n') {
          max_blank = std::max(max_blank, sp);
          ++q;
          continue;
        }
        indent = q >= s_.size() ? max_blank : sp;
        break;
      }
      if (indent < 0) indent = max_blank;
      if (indent <= parent) indent = parent + 1;
      if (indent < 1) indent = 1;
    }
    std::string text;
    std::string breaks;  // pending line breaks
    bool first = true;
    bool prev_more_indented = false;
    while (p_ < s_.size()) {
      size_t ls = p_;
      size_t q = p_;
      while (q < s_.size() && s_[q] == ' ' && static_cast<int>(q - ls) < indent) ++q;
      int sp = static_cast<int>(q - ls);
      bool blank_line = true;
      for (size_t r = q; r < s_.size() && s_[r] != '\n'; ++r)
        if (s_[r] != ' ') { blank_line = false; break; }
      if (sp < indent && !blank_line) break;  // dedent ends the scalar
      if (sp < indent && blank_line) {
        // An empty (or short all-space) line inside or after the scalar.
        p_ = q;
        while (p_ < s_.size() && s_[p_] != '\n') ++p_;
        if (p_ >= s_.size()) break;
        breaks += '\n';
        NewLine();
        continue;
      }
      if (Col() == 0 && (AtMarkerAt(ls, "---") || AtMarkerAt(ls, "..."))) break;
      p_ = q;
      size_t cs = p_;
      while (p_ < s_.size() && s_[p_] != '\n') ++p_;
      std::string_view content = s_.substr(cs, p_ - cs);
      bool more_indented = !content.empty() && (content[0] == ' ' || content[0] == '\t');
      if (!first) {
        if (folded && !more_indented && !prev_more_indented && breaks.size() == 1 && !content.empty()) {
          text += ' ';
        } else if (folded && !more_indented && !prev_more_indented && breaks.size() > 1) {
          text.append(breaks.size() - 1, '\n');
        } else {
          text += breaks;
        }
      } else {
        text += breaks;
      }
      breaks.clear();
      text.append(content);
      first = false;
      prev_more_indented = more_indented;
      if (p_ < s_.size()) {
        breaks += '\n';
        NewLine();
      }
    }
    // Chomping.
    if (chomp == -1) {
      // strip: nothing
    } else if (chomp == 0) {
      if (!first) text += '\n';
    } else {
      if (!first || !breaks.empty()) text += breaks.empty() && !first ? "\n" : breaks;
    }
    *out = Node::MakeString(std::move(text));
    out->line = line;
    out->column = col;
    // Positioned at the start of the next non-scalar line: skip to content.
    return SkipToContent();
  }
  bool AtMarkerAt(size_t pos, std::string_view m) const {
    return s_.substr(pos, 3) == m && IsBlankOrEnd(pos + 3);
  }

  // ---- inline nodes (scalars, flow collections, aliases) ----

  // Parses a node that starts on the current line. For plain scalars `plain` is set and `raw`
  // (when not null: only a tag needs it) holds the unresolved text; `parent` limits multi-line
  // plain scalars (block context).
  bool ParseInlineNode(Node* out, bool* plain, std::string* raw, int parent) {
    int line = line_, col = Col() + 1;
    char c = Cur();
    *plain = false;
    if (c == '[' || c == '{') {
      if (!ParseFlow(out)) return false;
    } else if (c == '"') {
      std::string text;
      if (!ParseDoubleQuoted(&text)) return false;
      if (raw) *raw = text;
      *out = Node::MakeString(std::move(text));
    } else if (c == '\'') {
      std::string text;
      if (!ParseSingleQuoted(&text)) return false;
      if (raw) *raw = text;
      *out = Node::MakeString(std::move(text));
    } else if (c == '*') {
      if (!ParseAlias(out)) return false;
    } else {
      if (c == '@' || c == '`') return SetError("a plain scalar cannot start with '@' or '`'");
      if (c == ']' || c == '}' || c == ',' || c == '%')
        return SetError(std::string("unexpected '") + c + "'");
      std::string text;
      if (!ParsePlain(false, parent, &text)) return false;
      *plain = true;
      if (raw) *raw = text;
      out->kind = Node::Kind::kScalar;
      out->scalar = yaml::ResolvePlain(std::move(text));
    }
    out->line = line;
    out->column = col;
    return true;
  }

  bool ParseAlias(Node* out) {
    ++p_;
    size_t start = p_;
    while (p_ < s_.size() && !IsBlankOrEnd(p_) && s_[p_] != ',' && s_[p_] != ']' && s_[p_] != '}' &&
           s_[p_] != '[' && s_[p_] != '{')
      ++p_;
    std::string name(s_.substr(start, p_ - start));
    auto it = anchors_.find(name);
    if (it == anchors_.end()) return SetError("unknown anchor \"" + name + "\" referenced");
    alias_nodes_ += CountNodes(it->second);
    if (alias_nodes_ > kMaxAliasNodes) return SetError("document contains excessive aliasing");
    int line = out->line, col = out->column;
    *out = it->second;
    out->line = line;
    out->column = col;
    return true;
  }

  // Plain scalar. In block context (`flow` false) it may continue on following lines that are
  // indented more than `parent`.
  bool ParsePlain(bool flow, int parent, std::string* out) {
    size_t start = p_;
    size_t end = ScanPlainLine(flow);
    if (end == start) return SetError("expected a value");
    out->assign(s_.substr(start, end - start));
    p_ = end;
    // Multi-line continuation.
    while (true) {
      size_t save_p = p_, save_ls = line_start_;
      int save_line = line_;
      size_t q = p_;
      while (q < s_.size() && (s_[q] == ' ' || s_[q] == '\t')) ++q;
      if (q >= s_.size() || s_[q] != '\n') break;
      p_ = q;
      int newlines = 0;
      bool ok = false;
      while (p_ < s_.size() && s_[p_] == '\n') {
        NewLine();
        ++newlines;
        while (p_ < s_.size() && (s_[p_] == ' ' || (s_[p_] == '\t' && Col() > parent))) ++p_;
        if (p_ < s_.size() && s_[p_] != '\n') {
          ok = true;
          break;
        }
      }
      if (!ok || s_[p_] == '#' || (!flow && Col() <= parent) ||
          (Col() == 0 && (AtMarkerAt(line_start_, "---") || AtMarkerAt(line_start_, "..."))) ||
          (flow && (s_[p_] == ']' || s_[p_] == '}' || s_[p_] == ',')) ||
          (!flow && IsSeqIndicator() && Col() <= parent + 1)) {
        p_ = save_p;
        line_start_ = save_ls;
        line_ = save_line;
        break;
      }
      size_t ls = p_;
      size_t le = ScanPlainLine(flow);
      if (le == ls) {
        p_ = save_p;
        line_start_ = save_ls;
        line_ = save_line;
        break;
      }
      if (newlines == 1) *out += ' ';
      else out->append(newlines - 1, '\n');
      out->append(s_.substr(ls, le - ls));
      p_ = le;
    }
    return true;
  }

  // The first byte at or after `q` that is in the stop table of the context. Block context
  // (every sops value) looks at 16 bytes at a time: a value's base64 runs have no stop byte.
  size_t SkipPlainRun(size_t q, bool flow) const {
#if defined(__SSE2__)
    if (!flow) {
      const __m128i nl = _mm_set1_epi8('\n'), colon = _mm_set1_epi8(':');
      const __m128i hash = _mm_set1_epi8('#'), space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
      for (; q + 16 <= s_.size(); q += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + q));
        const __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, colon)),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, hash), _mm_cmpeq_epi8(v, space)),
                         _mm_cmpeq_epi8(v, tab)));
        const int bits = _mm_movemask_epi8(hit);
        if (bits != 0) return q + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
      }
    }
#endif
    const std::array<bool, 256>& stop = flow ? kFlowPlainStop : kBlockPlainStop;
    while (q < s_.size() && !stop[static_cast<unsigned char>(s_[q])]) ++q;
    return q;
  }

  // End of the plain scalar text on this line from p_ (trailing spaces excluded).
  size_t ScanPlainLine(bool flow) const {
    size_t q = p_;
    size_t last = p_;
    while (q < s_.size()) {
      // A run of bytes that can neither end the scalar nor be trailing blanks (most of every
      // value) is taken at once; the stop bytes go through the rules below.
      size_t run = SkipPlainRun(q, flow);
      if (run > q) {
        q = last = run;
        if (q >= s_.size()) break;
      }
      char c = s_[q];
      if (c == '\n') break;
      if (c == ':' && (IsBlankOrEnd(q + 1) || (flow && (At(q + 1) == ',' || At(q + 1) == ']' ||
                                                          At(q + 1) == '}' || At(q + 1) == '[' ||
                                                          At(q + 1) == '{'))))
        break;
      if (c == '#' && q > p_ && (s_[q - 1] == ' ' || s_[q - 1] == '\t')) break;
      if (flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) break;
      ++q;
      if (c != ' ' && c != '\t') last = q;
    }
    return last;
  }

  bool ParseSingleQuoted(std::string* out) {
    ++p_;
    std::string ws;
    while (true) {
      if (p_ >= s_.size()) return SetError("unterminated single-quoted string");
      char c = s_[p_];
      if (c == '\'') {
        if (At(p_ + 1) == '\'') {
          *out += ws;
          ws.clear();
          *out += '\'';
          p_ += 2;
          continue;
        }
        *out += ws;
        ++p_;
        return true;
      }
      if (c == ' ' || c == '\t') {
        ws += c;
        ++p_;
        continue;
      }
      if (c == '\n') {
        if (!FoldQuotedBreak(out)) return false;
        ws.clear();
        continue;
      }
      *out += ws;
      ws.clear();
      *out += c;
      ++p_;
    }
  }

  // At a line break inside a quoted scalar: trailing spaces are dropped, one break becomes a
  // space, n breaks become n-1 newlines, the next line's leading spaces are dropped.
  bool FoldQuotedBreak(std::string* out) {
    int breaks = 0;
    while (p_ < s_.size() && s_[p_] == '\n') {
      NewLine();
      ++breaks;
      while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t')) ++p_;
    }
    if (p_ < s_.size() && Col() == 0 && (AtMarker("---") || AtMarker("...")))
      return SetError("unterminated quoted string (document marker inside)");
    if (breaks == 1) *out += ' ';
    else out->append(breaks - 1, '\n');
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

  bool ParseDoubleQuoted(std::string* out) {
    ++p_;
    std::string ws;
    while (true) {
      if (p_ >= s_.size()) return SetError("unterminated double-quoted string");
      char c = s_[p_];
      if (c == '"') {
        *out += ws;
        ++p_;
        return true;
      }
      if (c == ' ' || c == '\t') {
        ws += c;
        ++p_;
        continue;
      }
      if (c == '\n') {
        ws.clear();
        if (!FoldQuotedBreak(out)) return false;
        continue;
      }
      *out += ws;
      ws.clear();
      if (c != '\\') {
        *out += c;
        ++p_;
        continue;
      }
      char e = At(p_ + 1);
      p_ += 2;
      switch (e) {
        case '0': *out += '\0'; break;
        case 'a': *out += '\a'; break;
        case 'b': *out += '\b'; break;
        case 't': case '\t': *out += '\t'; break;
        case 'n': *out += '\n'; break;
        case 'v': *out += '\v'; break;
        case 'f': *out += '\f'; break;
        case 'r': *out += '\r'; break;
        case 'e': *out += '\x1b'; break;
        case ' ': *out += ' '; break;
        case '"': *out += '"'; break;
        case '/': *out += '/'; break;
        case '\\': *out += '\\'; break;
        case 'N': AppendUtf8(0x85, out); break;
        case '_': AppendUtf8(0xA0, out); break;
        case 'L': AppendUtf8(0x2028, out); break;
        case 'P': AppendUtf8(0x2029, out); break;
        case 'x': case 'u': case 'U': {
          int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          uint32_t cp = 0;
          for (int k = 0; k < n; ++k) {
            char h = At(p_ + k);
            int d;
            if (h >= '0' && h <= '9') d = h - '0';
            else if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
            else return SetError("invalid hexadecimal escape in a double-quoted string");
            cp = cp * 16 + d;
          }
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return SetError("invalid Unicode escape in a double-quoted string");
          p_ += n;
          AppendUtf8(cp, out);
          break;
        }
        case '\n': {
          // Escaped line break: joins the lines without a space.
          --p_;
          NewLine();
          while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t')) ++p_;
          break;
        }
        default:
          p_ -= 1;
          return SetError("invalid escape sequence in a double-quoted string");
      }
    }
  }

  // ---- flow collections ----
  bool SkipFlowSpace() {
    while (p_ < s_.size()) {
      char c = s_[p_];
      if (c == ' ' || c == '\t') ++p_;
      else if (c == '\n') NewLine();
      else if (c == '#') {
        if (p_ > line_start_ && s_[p_ - 1] != ' ' && s_[p_ - 1] != '\t') return true;
        int col = Col();
        size_t start = ++p_;
        while (p_ < s_.size() && s_[p_] != '\n') ++p_;
        pending_.push_back({std::string(s_.substr(start, p_ - start)), col});
      } else {
        if (Col() == 0 && (AtMarker("---") || AtMarker("...")))
          return SetError("document marker inside a flow collection");
        return true;
      }
    }
    return true;
  }

  bool ParseFlowNode(Node* out) {
    if (!SkipFlowSpace()) return false;
    int line = line_, col = Col() + 1;
    std::string anchor, tag;
    if (!ParseProperties(&anchor, &tag)) return false;
    if (!SkipFlowSpace()) return false;
    if (p_ >= s_.size()) return SetError("unexpected end of input in a flow collection");
    char c = Cur();
    bool plain = false;
    std::string raw;
    if (c == ',' || c == ']' || c == '}' || (c == ':' && IsFlowEndAfterColon())) {
      *out = Node::MakeScalar(ScalarType::kNull, "");
      plain = true;
    } else if (c == '[' || c == '{') {
      if (!ParseFlow(out)) return false;
    } else if (c == '"' || c == '\'' || c == '*') {
      if (!ParseInlineNode(out, &plain, tag.empty() ? nullptr : &raw, -1)) return false;
    } else {
      std::string text;
      if (!ParsePlain(true, -1, &text)) return false;
      plain = true;
      if (!tag.empty()) raw = text;
      *out = Node::MakeScalar(ScalarType::kString, "");
      out->scalar = yaml::ResolvePlain(std::move(text));
    }
    out->line = line;
    out->column = col;
    if (!ApplyTag(tag, plain, raw, out, line, col)) return false;
    return Anchor(anchor, *out);
  }
  bool IsFlowEndAfterColon() const { return true; }

  bool ParseFlow(Node* out) {
    if (++depth_ > kMaxDepth) return SetError("the document is nested too deeply");
    bool is_map = Cur() == '{';
    char close = is_map ? '}' : ']';
    int line = line_, col = Col() + 1;
    *out = is_map ? Node::MakeMap() : Node::MakeSeq();
    out->line = line;
    out->column = col;
    ++p_;
    SeenKeys seen;
    while (true) {
      if (!SkipFlowSpace()) return false;
      if (p_ >= s_.size()) return SetErrorAt(std::string("unterminated flow collection (missing '") + close + "')", line, col);
      if (Cur() == close) {
        ++p_;
        break;
      }
      int item_line = line_, item_col = Col() + 1;
      if (Cur() == '?' && IsBlankOrEnd(p_ + 1)) ++p_;
      Node first;
      if (!ParseFlowNode(&first)) return false;
      if (!SkipFlowSpace()) return false;
      bool has_value = Cur() == ':';
      Node value = Node::MakeScalar(ScalarType::kNull, "");
      value.line = line_;
      value.column = Col() + 1;
      if (has_value) {
        ++p_;
        if (!SkipFlowSpace()) return false;
        if (Cur() != ',' && Cur() != close) {
          if (!ParseFlowNode(&value)) return false;
        }
      }
      if (is_map || has_value) {
        std::string k;
        if (!CheckKey(first, item_line, item_col, &k)) return false;
        if (is_map) {
          if (!seen.Add(k, out->items))
            return SetErrorAt("duplicate key \"" + k + "\" in a mapping", item_line, item_col);
          FlushPending(&out->items);
          out->items.push_back(Item::Entry(std::move(k), std::move(value)));
          out->items.back().line = item_line;
        } else {
          Node pair = Node::MakeMap();
          pair.line = item_line;
          pair.column = item_col;
          pair.items.push_back(Item::Entry(std::move(k), std::move(value)));
          FlushPending(&out->items);
          out->items.push_back(Item::Element(std::move(pair)));
        }
      } else {
        FlushPending(&out->items);
        out->items.push_back(Item::Element(std::move(first)));
        out->items.back().line = item_line;
      }
      if (!SkipFlowSpace()) return false;
      if (Cur() == ',') {
        ++p_;
        continue;
      }
      if (Cur() == close) {
        ++p_;
        break;
      }
      if (p_ >= s_.size())
        return SetErrorAt(std::string("unterminated flow collection (missing '") + close + "')", line, col);
      return SetError(std::string("expected ',' or '") + close + "' in a flow collection");
    }
    --depth_;
    return true;
  }

  std::string_view s_;
  const std::string& path_;
  size_t p_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
  int depth_ = 0;
  size_t alias_nodes_ = 0;
  std::vector<Pending> pending_;
  std::unordered_map<std::string, Node> anchors_;
  std::optional<Error> error_;
};

}  // namespace

Result<Document> ParseYaml(std::string_view text, const std::string& path) {
  size_t bad = 0;
  if (!CheckText(text, &bad, false)) {
    int line, col;
    LineColumn(text, bad, &line, &col);
    return Error{"invalid UTF-8 or a control character; YAML files must be UTF-8 text", path, line,
                 col, {}};
  }
  std::string normalized;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.find('\r') != std::string_view::npos) {
    normalized.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r') {
        if (i + 1 < text.size() && text[i + 1] == '\n') continue;
        normalized += '\n';
      } else {
        normalized += text[i];
      }
    }
    text = normalized;
  }
  YamlReader reader(text, path);
  return reader.Run();
}

}  // namespace clef::doc::internal

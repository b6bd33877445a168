// Documents as sops sees them: YAML, JSON and dotenv files read into one ordered tree that
// keeps comments, and written back the way sops 3.12 writes them.
//
// The tree mirrors sops's own model (reference/sops-format.md §1.1): a mapping is an ordered
// list of items, each either a key/value entry or a comment; a sequence is an ordered list of
// elements, each either a value or a comment. Comments live in the tree where sops puts them
// (§1.9), so walking the tree in order gives exactly sops's walk order, AAD paths and MAC order.
//
// Contract:
//   * Emit(Parse(bytes)) == bytes for every file the real sops 3.12.2 writes (YAML, JSON,
//     dotenv). For YAML written by other tools (2-space indentation, flow style, quoted keys)
//     Parse keeps the meaning and Emit writes it as sops would (4-space, block style).
//   * Emit decides every presentation detail (indentation, quoting, block scalars, key quoting)
//     from the tree alone, like go-yaml v3 as configured by sops; so a tree built or changed in
//     memory is written exactly as sops would write the same tree.
//   * Parse never throws on bad input: malformed text, duplicate keys, invalid UTF-8, non-string
//     keys or a top level that is not a mapping give an Error with file, line and column.
//   * Nodes carry their source line and column (1-based; 0 for nodes built in memory) so tools
//     can point at the line of a key.
//
// Plain value types; copyable and movable; not thread-safe for concurrent mutation.
//
//   Result<Document> doc = ParseDocument(bytes, Format::kYaml, "secrets/api/dev.enc.yaml");
//   if (!doc.ok()) return doc.error();
//   const Node* host = doc->root().Find("DB_HOST");
//   std::string out = EmitDocument(*doc);   // == bytes when nothing was changed
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace clef::doc {

enum class Format { kYaml, kJson, kDotenv };

// The store sops would use for a path: *.json -> JSON, *.env -> dotenv, everything else
// (including *.yaml, *.yml and unknown endings) -> YAML. A trailing ".enc" before the
// extension does not matter ("dev.enc.json" is JSON).
Format FormatForPath(std::string_view path);
const char* FormatName(Format format);  // "yaml", "json", "dotenv"

// A scalar's type as sops resolves it (reference/sops-format.md §1.6, §9.1): it decides the
// `type:` tag when the value is encrypted and the bytes that go into the MAC.
enum class ScalarType { kString, kInt, kFloat, kBool, kTime, kNull };

struct Scalar {
  ScalarType type = ScalarType::kString;
  // kString: the decoded string (escapes resolved, block scalars folded as YAML says).
  // kInt:    decimal digits with optional '-' (as Go's strconv.Itoa; "0x1F" is read as "31").
  // kFloat:  the source text of the number ("1.5", "1e21", ".inf"); see core/util/go_format.h
  //          for the formatting rules of each output.
  // kBool:   "true" or "false".
  // kTime:   the timestamp text as written.
  // kNull:   empty.
  std::string text;
};

struct Comment {
  std::string text;     // the bytes after '#', leading space kept ("# note" -> " note")
  bool inline_ = false;  // written after a value on the same line (sops 3.13+ keeps these)
};

struct Item;

struct Node {
  enum class Kind { kScalar, kMap, kSeq };
  Kind kind = Kind::kScalar;
  Scalar scalar;            // kind == kScalar
  std::vector<Item> items;  // kind == kMap (entries and comments) or kSeq (elements and comments)
  int line = 0;             // source position of the node's first token, 1-based; 0 if built
  int column = 0;

  static Node MakeScalar(ScalarType type, std::string text);
  static Node MakeString(std::string text);  // a kString scalar
  static Node MakeMap();
  static Node MakeSeq();

  bool is_map() const { return kind == Kind::kMap; }
  bool is_seq() const { return kind == Kind::kSeq; }
  bool is_scalar() const { return kind == Kind::kScalar; }

  // Map lookups by key (first match); nullptr when absent or when this is not a map.
  const Node* Find(std::string_view key) const;
  Node* Find(std::string_view key);
  // Index of the entry with this key in `items`, or -1.
  int IndexOf(std::string_view key) const;
};

struct Item {
  enum class Kind { kEntry, kComment };
  Kind kind = Kind::kEntry;
  std::string key;  // map entries only
  Node value;       // map entry value or sequence element (unused for comments)
  Comment comment;  // kind == kComment
  int line = 0;     // source line of the key (entries) or comment; 0 if built in memory

  static Item Entry(std::string key, Node value);
  static Item Element(Node value);
  static Item MakeComment(std::string text, bool inline_ = false);
  bool is_comment() const { return kind == Kind::kComment; }
};

inline Node Node::MakeString(std::string text) {
  return MakeScalar(ScalarType::kString, std::move(text));
}

struct Document {
  Format format = Format::kYaml;
  // One root per YAML document ("---" separated); JSON and dotenv always have exactly one.
  // Every root is a mapping. For sops files the `sops` metadata is an ordinary entry of the
  // root (YAML/JSON), or flattened `sops_*` entries (dotenv); core/sops interprets it.
  std::vector<Node> roots;

  Node& root() { return roots.front(); }
  const Node& root() const { return roots.front(); }
};

struct ParseOptions {
  // Refuse input larger than this many bytes before parsing (bounded memory).
  size_t max_bytes = size_t{256} << 20;
};

// Parses `text` as `format`. `path` is only used in error messages.
Result<Document> ParseDocument(std::string_view text, Format format, const std::string& path,
                               const ParseOptions& options = {});

// Writes `doc` exactly as sops 3.12.2 would write the same tree.
std::string EmitDocument(const Document& doc);

}  // namespace clef::doc

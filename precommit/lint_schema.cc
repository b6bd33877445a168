#include "precommit/lint_schema.h"

#include <re2/re2.h>

#include "core/doc/document.h"

namespace clef::lint {
namespace {

bool IsInteger(std::string_view v) {
  // Clef: Number(v) is an integer and v is not blank. Decimal digits with an optional sign
  // cover what people write; "1e3" or "0x10" are refused here (stricter than JavaScript).
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (!v.empty() && (v.front() == '-' || v.front() == '+')) v.remove_prefix(1);
  if (v.empty()) return false;
  for (char c : v)
    if (c < '0' || c > '9') return false;
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

}  // namespace

const SchemaKey* Schema::Find(std::string_view name) const {
  for (const SchemaKey& k : keys)
    if (k.name == name) return &k;
  return nullptr;
}

Result<Schema> ParseSchema(std::string_view text, const std::string& path) {
  auto parsed = doc::ParseDocument(text, doc::Format::kYaml, path);
  if (!parsed.ok()) return parsed.error();
  Schema schema;
  schema.path = path;
  const doc::Node& root = parsed->root();
  const doc::Node* keys = root.Find("keys");
  if (keys == nullptr || !keys->is_map()) {
    return MakeError("the schema has no `keys` mapping", path, root.line);
  }
  for (const doc::Item& item : keys->items) {
    if (item.is_comment()) continue;
    SchemaKey key;
    key.name = item.key;
    key.line = item.line;
    const doc::Node& spec = item.value;
    if (spec.is_scalar() && spec.scalar.type == doc::ScalarType::kNull) {
      schema.keys.push_back(std::move(key));
      continue;
    }
    if (!spec.is_map()) {
      return MakeError("schema entry `" + key.name + "` must be a mapping", path, item.line);
    }
    for (const doc::Item& field : spec.items) {
      if (field.is_comment()) continue;
      const doc::Node& v = field.value;
      if (field.key == "type") {
        if (v.is_scalar() && v.scalar.text == "string") {
          key.type = SchemaType::kString;
        } else if (v.is_scalar() && v.scalar.text == "integer") {
          key.type = SchemaType::kInteger;
        } else if (v.is_scalar() && v.scalar.text == "boolean") {
          key.type = SchemaType::kBoolean;
        } else {
          return MakeError(
              "schema entry `" + key.name + "`: type must be string, integer or boolean", path,
              field.line);
        }
      } else if (field.key == "required") {
        if (!v.is_scalar() || v.scalar.type != doc::ScalarType::kBool) {
          return MakeError("schema entry `" + key.name + "`: required must be true or false", path,
                           field.line);
        }
        key.required = v.scalar.text == "true";
      } else if (field.key == "pattern") {
        if (!v.is_scalar()) {
          return MakeError("schema entry `" + key.name + "`: pattern must be a string", path,
                           field.line);
        }
        key.pattern = v.scalar.text;
        RE2::Options options;
        options.set_log_errors(false);
        key.regex = std::make_shared<RE2>(key.pattern, options);
        if (!key.regex->ok()) {
          return MakeError("schema entry `" + key.name + "`: pattern does not compile (" +
                               key.regex->error() + ")",
                           path, field.line);
        }
      }
    }
    schema.keys.push_back(std::move(key));
  }
  return schema;
}

std::string CheckSchemaValue(const SchemaKey& key, sops::ValueType type, std::string_view value) {
  // The value as Clef's JavaScript sees it: sops writes booleans as True/False.
  std::string_view text = value;
  if (type == sops::ValueType::kBool) text = EqualsIgnoreCase(value, "true") ? "true" : "false";
  switch (key.type) {
    case SchemaType::kInteger:
      if (type != sops::ValueType::kInt && !IsInteger(text)) return "is not an integer";
      break;
    case SchemaType::kBoolean:
      if (type != sops::ValueType::kBool && !EqualsIgnoreCase(text, "true") &&
          !EqualsIgnoreCase(text, "false")) {
        return "is not a boolean (true or false)";
      }
      break;
    case SchemaType::kString:
      break;
  }
  if (key.regex && !RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *key.regex)) {
    return "does not match the pattern " + key.pattern;
  }
  return {};
}

}  // namespace clef::lint

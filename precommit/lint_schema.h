// A namespace's key schema (clef.yaml `namespaces[].schema`, clef-behaviour.md §5.1):
//
//   keys:
//     DB_PORT: {type: integer, required: true}
//     DB_HOST: {type: string, required: true, pattern: "^[a-z0-9.-]+$"}
//     DEBUG:   {type: boolean}
//
// `type` is string (default), integer or boolean; `required` defaults to false; `pattern` is a
// regular expression a string value must contain a match of (as Clef's JavaScript `test`).
// Key names are plaintext in sops files, so required and undeclared keys are checked without a
// key; types and patterns need the decrypted value (clef lint --verify). Unlike Clef, a failed
// value check never quotes the value.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/sops/encrypted_value.h"

namespace re2 {
class RE2;
}

namespace clef::lint {

enum class SchemaType { kString, kInteger, kBoolean };

struct SchemaKey {
  std::string name;
  SchemaType type = SchemaType::kString;
  bool required = false;
  std::string pattern;              // empty: none
  std::shared_ptr<re2::RE2> regex;  // compiled `pattern`
  int line = 0;                     // of the key in the schema file
};

struct Schema {
  std::string path;
  std::vector<SchemaKey> keys;
  const SchemaKey* Find(std::string_view name) const;
};

// Errors name the schema file and line: not YAML, no `keys` map, an unknown type, a
// non-boolean `required`, a pattern that does not compile.
Result<Schema> ParseSchema(std::string_view text, const std::string& path);

// `value`: the decrypted bytes of a leaf of sops type `type`. Empty when the value satisfies
// `key`; otherwise what is wrong, without the value.
std::string CheckSchemaValue(const SchemaKey& key, sops::ValueType type, std::string_view value);

}  // namespace clef::lint

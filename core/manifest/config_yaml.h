// Reading small YAML configuration files (clef.yaml, .sops.yaml, .clef-meta.yaml,
// .clef/policy.yaml) with yaml-cpp, with the typing rules of YAML 1.2's core schema as Clef's
// TypeScript parser (the `yaml` npm package) applies them, so a value is a number, a string or
// a boolean exactly when Clef thinks so ("1" quoted is a string, 1 is a number).
//
// Contract:
//   * LoadConfigYaml never throws. Malformed YAML, more than one document, duplicate mapping
//     keys (which yaml-cpp would silently accept and Clef's parser rejects) and input nested or
//     aliased beyond sane limits give an Error naming the file, line and column.
//   * Lines and columns reported by LineOf/ColumnOf are 1-based; 0 when unknown.
//   * Config files hold no secret values, so messages may quote scalars from them.
//
// Not a document model for sops files: comments and formatting are not kept (core/doc does that).
//
//   Result<YAML::Node> root = LoadConfigYaml(text, "clef.yaml", "Manifest file contains invalid YAML.");
//   if (!root.ok()) return root.error();
//   if (TypeOf(*root) != YamlType::kMap) ...
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "core/result.h"

namespace clef::manifest {

// The JavaScript-visible type of a YAML node after core-schema resolution.
enum class YamlType { kNull, kBool, kNumber, kString, kMap, kSeq };

const char* YamlTypeName(YamlType type);  // "null", "boolean", "number", "string", "mapping", "list"

// Parses `text` (the whole content of `file`). On a syntax problem the error message is
// `syntax_message` followed by the parser's own detail.
Result<YAML::Node> LoadConfigYaml(std::string_view text, const std::string& file,
                                  const std::string& syntax_message);

YamlType TypeOf(const YAML::Node& node);

// JavaScript truthiness of the parsed value: null, false, 0, NaN and "" are falsy.
bool IsFalsy(const YAML::Node& node);

// The numeric value of a node whose TypeOf is kNumber (decimal, 0x.., 0o.., .inf, .nan).
double NumberValue(const YAML::Node& node);

// The scalar text (a string's decoded content); empty for non-scalars.
std::string ScalarText(const YAML::Node& node);

int LineOf(const YAML::Node& node);    // 1-based, 0 if unknown
int ColumnOf(const YAML::Node& node);  // 1-based, 0 if unknown

// Looks up `key` in a mapping without creating it; an undefined node when absent or when
// `map` is not a mapping (test with `IsDefined`).
YAML::Node Child(const YAML::Node& map, const std::string& key);
inline bool IsDefined(const YAML::Node& node) { return node.IsDefined(); }

}  // namespace clef::manifest

#include "core/manifest/policy.h"

#include <cmath>

#include "core/manifest/config_yaml.h"
#include "core/manifest/repo_files.h"

namespace clef::manifest {

namespace {

Error PolicyError(const std::string& file, const std::string& message, const std::string& field,
                  const YAML::Node& at, const YAML::Node& fallback) {
  Error e = MakeError(message, file, LineOf(at), ColumnOf(at));
  if (e.line == 0) {
    e.line = LineOf(fallback);
    e.column = ColumnOf(fallback);
  }
  e.hint = "Check the '" + field + "' field in .clef/policy.yaml";
  return e;
}

// JSON.stringify of a scalar, as Clef prints it in the version message.
std::string JsonOf(const YAML::Node& node) {
  switch (TypeOf(node)) {
    case YamlType::kNull: return IsDefined(node) ? "null" : "undefined";
    case YamlType::kString: return "\"" + ScalarText(node) + "\"";
    case YamlType::kMap: return "{...}";
    case YamlType::kSeq: return "[...]";
    default: return ScalarText(node);
  }
}

bool IsPositiveNumber(const YAML::Node& node) {
  if (TypeOf(node) != YamlType::kNumber) return false;
  double v = NumberValue(node);
  return std::isfinite(v) && v > 0;
}

}  // namespace

double Policy::MaxAgeDays(std::string_view environment) const {
  auto it = environment_max_age_days.find(environment);
  if (it != environment_max_age_days.end()) return it->second;
  return has_rotation ? max_age_days : kDefaultMaxAgeDays;
}

Result<Policy> ParsePolicy(std::string_view text, const std::string& file) {
  Result<YAML::Node> loaded =
      LoadConfigYaml(text, file, "Policy file contains invalid YAML. Check for syntax errors.");
  if (!loaded.ok()) return loaded.error();
  const YAML::Node& root = *loaded;
  if (TypeOf(root) != YamlType::kMap) {
    return PolicyError(file, "Policy file must be a YAML object.", "root", root, root);
  }
  Policy policy;
  policy.from_file = true;
  YAML::Node version = Child(root, "version");
  if (TypeOf(version) != YamlType::kNumber || NumberValue(version) != 1) {
    return PolicyError(file, "Policy file must declare 'version: 1', got: " + JsonOf(version) + ".",
                       "version", version, root);
  }
  YAML::Node rotation = Child(root, "rotation");
  if (!IsDefined(rotation)) return policy;
  if (TypeOf(rotation) != YamlType::kMap) {
    return PolicyError(file, "Policy 'rotation' must be an object.", "rotation", rotation, root);
  }
  YAML::Node max_age = Child(rotation, "max_age_days");
  if (!IsPositiveNumber(max_age)) {
    return PolicyError(file, "Policy 'rotation.max_age_days' must be a positive number.",
                       "rotation.max_age_days", max_age, rotation);
  }
  policy.has_rotation = true;
  policy.max_age_days = NumberValue(max_age);
  YAML::Node envs = Child(rotation, "environments");
  if (!IsDefined(envs)) return policy;
  if (TypeOf(envs) != YamlType::kMap) {
    return PolicyError(file, "Policy 'rotation.environments' must be an object.",
                       "rotation.environments", envs, rotation);
  }
  for (const auto& entry : envs) {
    std::string name = ScalarText(entry.first);
    std::string field = "rotation.environments." + name;
    if (TypeOf(entry.second) != YamlType::kMap) {
      return PolicyError(file, "Policy '" + field + "' must be an object.", field, entry.second,
                         entry.first);
    }
    YAML::Node days = Child(entry.second, "max_age_days");
    if (!IsPositiveNumber(days)) {
      return PolicyError(file, "Policy '" + field + ".max_age_days' must be a positive number.",
                         field + ".max_age_days", days, entry.first);
    }
    policy.environment_max_age_days[name] = NumberValue(days);
  }
  return policy;
}

Result<Policy> LoadPolicy(const RepoFiles& files) {
  Result<std::optional<std::string>> text = files.Read(kPolicyFileName);
  if (!text.ok()) return text.error();
  if (!*text) return Policy{};
  return ParsePolicy(**text, kPolicyFileName);
}

}  // namespace clef::manifest

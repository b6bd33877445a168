#include "core/manifest/clef_meta.h"

#include "core/manifest/config_yaml.h"
#include "core/manifest/repo_files.h"

namespace clef::manifest {

namespace {

bool IsString(const YAML::Node& n) { return TypeOf(n) == YamlType::kString; }

}  // namespace

bool ClefMeta::IsPending(std::string_view key) const {
  for (const PendingEntry& p : pending) {
    if (p.key == key) return true;
  }
  return false;
}

const RotationRecord* ClefMeta::RotationFor(std::string_view key) const {
  for (const RotationRecord& r : rotations) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

Result<ClefMeta> ParseClefMeta(std::string_view text, const std::string& file) {
  Result<YAML::Node> root = LoadConfigYaml(text, file, "The .clef-meta.yaml file is invalid YAML.");
  if (!root.ok()) return root.error();
  ClefMeta meta;
  meta.present = true;
  if (TypeOf(*root) != YamlType::kMap) {
    Error e = MakeError("The .clef-meta.yaml file must be a mapping with 'pending' and "
                        "'rotations' lists.",
                        file, LineOf(*root), ColumnOf(*root));
    e.hint = "restore the sidecar from git history, or delete it and re-run 'clef set'";
    return e;
  }
  YAML::Node version = Child(*root, "version");
  if (TypeOf(version) == YamlType::kNumber) meta.version = static_cast<int>(NumberValue(version));
  YAML::Node pending = Child(*root, "pending");
  if (TypeOf(pending) == YamlType::kSeq) {
    for (const YAML::Node& p : pending) {
      YAML::Node key = Child(p, "key"), since = Child(p, "since"), by = Child(p, "setBy");
      if (!IsString(key) || !IsString(since) || !IsString(by)) {
        ++meta.dropped_entries;
        continue;
      }
      meta.pending.push_back({ScalarText(key), ScalarText(since), ScalarText(by), LineOf(p)});
    }
  }
  YAML::Node rotations = Child(*root, "rotations");
  if (TypeOf(rotations) == YamlType::kSeq) {
    for (const YAML::Node& r : rotations) {
      YAML::Node key = Child(r, "key"), at = Child(r, "last_rotated_at"),
                 by = Child(r, "rotated_by"), count = Child(r, "rotation_count");
      if (!IsString(key) || !IsString(at) || !IsString(by) ||
          TypeOf(count) != YamlType::kNumber) {
        ++meta.dropped_entries;
        continue;
      }
      meta.rotations.push_back({ScalarText(key), ScalarText(at), ScalarText(by),
                                static_cast<long long>(NumberValue(count)), LineOf(r)});
    }
  }
  return meta;
}

Result<ClefMeta> LoadClefMeta(const RepoFiles& files, const std::string& path) {
  Result<std::optional<std::string>> text = files.Read(path);
  if (!text.ok()) return text.error();
  if (!*text) return ClefMeta{};
  return ParseClefMeta(**text, path);
}

}  // namespace clef::manifest

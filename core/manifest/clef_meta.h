// .clef-meta.yaml sidecars (clef-behaviour.md §1.7, §7.1): per cell, which keys hold random
// placeholders (`pending`) and when each key's value last changed (`rotations`). The sidecar
// never holds a secret value.
//
// Contract:
//   * ParseClefMeta reports invalid YAML and a root that is not a mapping as errors (file,
//     line); Clef itself silently treats such a file as empty — callers that want Clef's
//     behaviour use an empty ClefMeta on error.
//   * Like Clef, malformed entries are dropped: a pending entry needs string `key`, `since`,
//     `setBy`; a rotation needs string `key`, `last_rotated_at`, `rotated_by` and a number
//     `rotation_count`. `dropped_entries` counts them so lint can say so.
//   * Timestamps are kept as the ISO-8601 text written.
//
//   Result<ClefMeta> meta = LoadClefMeta(files, cell.sidecar_path);   // empty when absent
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace clef::manifest {

class RepoFiles;

struct PendingEntry {
  std::string key;
  std::string since;   // ISO-8601
  std::string set_by;  // git identity
  int line = 0;
};

struct RotationRecord {
  std::string key;
  std::string last_rotated_at;  // ISO-8601
  std::string rotated_by;
  long long rotation_count = 0;
  int line = 0;
};

struct ClefMeta {
  int version = 1;
  std::vector<PendingEntry> pending;
  std::vector<RotationRecord> rotations;
  int dropped_entries = 0;
  bool present = false;  // false when the file does not exist

  bool IsPending(std::string_view key) const;
  const RotationRecord* RotationFor(std::string_view key) const;
};

Result<ClefMeta> ParseClefMeta(std::string_view text, const std::string& file);

// The sidecar at `path`, or an empty ClefMeta (present == false) when there is none.
Result<ClefMeta> LoadClefMeta(const RepoFiles& files, const std::string& path);

}  // namespace clef::manifest

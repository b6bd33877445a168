// The whole merge of one sops-encrypted file: open the three sides (MAC first), merge the
// metadata (metadata_merge.h) and the values (tree_merge.h), and write the result the way
// sops would — with minimal change against ours (issue 4, requirement 3):
//   * ours' data key is kept (unless theirs rotated it: then theirs' key, everything
//     re-encrypted); every value unchanged from ours keeps its exact ciphertext; a value taken
//     from theirs keeps theirs' ciphertext when both sides share the data key, and is
//     re-encrypted under the result's key otherwise;
//   * the data key is wrapped to exactly the merged recipients (existing wrapped keys reused);
//   * a new MAC and lastmodified; the sops version of the block is kept.
// A conflict (values or metadata) yields no bytes: the caller leaves ours untouched.
// Plaintexts stay in wiping memory; nothing is written here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "merge-driver/identities.h"
#include "merge-driver/tree_merge.h"

namespace clef::merge {

struct SopsMergeOutcome {
  std::string merged;               // the result file, when clean
  std::vector<Conflict> conflicts;  // value conflicts (key paths only)
  std::vector<std::string> metadata_conflicts;
  bool clean() const { return conflicts.empty() && metadata_conflicts.empty(); }
};

struct SopsMergeOptions {
  std::vector<ForcedChoice> forced;  // per-key resolutions (`clef merge`)
  std::string now;                   // lastmodified to write; empty: the current time
  // New string values (`clef merge --set`): the path resolves to this value, encrypted under
  // the result's key by Seal. The plaintext is only held in memory and wiped after sealing.
  std::vector<std::pair<KeyPath, std::string>> set_values;
};

// `base` may be empty (add/add: git passes an empty %O). `path` is the real path (%P), which
// decides the format and is named in every message.
Result<SopsMergeOutcome> MergeSopsTexts(std::string_view base, std::string_view ours,
                                        std::string_view theirs, const std::string& path,
                                        const MergeIdentities& identities,
                                        const SopsMergeOptions& options = {});

}  // namespace clef::merge

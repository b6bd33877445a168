// Whether a sops file is encrypted as its own rules demand, without any key: every leaf the
// file's encryption rule (reference/sops-format.md §1.4) selects must hold an ENC[...] value.
// Used by lint, the clean-side filter and guard to name the key paths left in plaintext.
//
//   Result<std::vector<PlaintextLeaf>> open = CheckEncryptedAsRequired(file);
//   for (const PlaintextLeaf& p : *open) Report(file.path, p.line, p.key_path);
#pragma once

#include <vector>

#include "core/result.h"
#include "core/sops/sops_file.h"
#include "core/sops/tree_walk.h"

namespace clef::sops {

// The leaves in plaintext that should be encrypted (empty when the file is as it should be).
// Error only when the file's rule itself is invalid (two rules, a bad regex).
Result<std::vector<PlaintextLeaf>> CheckEncryptedAsRequired(const SopsFile& file);

}  // namespace clef::sops

#include "core/sops/encryption_check.h"

namespace clef::sops {

Result<std::vector<PlaintextLeaf>> CheckEncryptedAsRequired(const SopsFile& file) {
  Result<RuleMatcher> rules = RuleMatcher::Compile(file.metadata.rules);
  if (!rules.ok()) return rules.error().InFile(file.path);
  return FindPlaintextLeaves(file.document, *rules);
}

}  // namespace clef::sops

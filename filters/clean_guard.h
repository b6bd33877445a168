// The clean-side guard: decides whether content git is about to store is a sops file
// encrypted as its own rules demand (reference/sops-format.md §1.4, §1.5). Nothing is
// decrypted and the content is never changed: passing content goes into the blob
// byte-identical, so `git status` never sees a difference the filter made.
//
// Refused: content that does not parse in its format; content without sops metadata ("not
// encrypted"); content with leaves the rules select for encryption still in plaintext. The
// error names the file, the key paths (never values) and the fix.
//
// Empty content passes (an empty file holds no secret). Files whose rule is a comment regex
// are checked for metadata only (comments do not survive this reader's YAML parse well enough
// to apply those rules).
//
// Thread-safe (no shared state).
//
//   Status s = GuardClean(bytes, "secrets/api/dev.enc.yaml");
//   if (!s.ok()) std::cerr << s.error().Describe() << "\n";
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "filters/sops_content.h"

namespace clef::filter {

// The key paths (display form) of leaves that should be encrypted but are not.
// Error when the file's rule cannot be compiled (two rules, bad regex).
Result<std::vector<std::string>> PlaintextKeyPaths(const SopsContent& content);

Status GuardClean(std::string_view bytes, const std::string& path);

}  // namespace clef::filter

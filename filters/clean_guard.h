// The clean-side guard: decides whether content git is about to store is a sops file
// encrypted as its own rules demand (reference/sops-format.md §1.4, §1.5). Nothing is
// decrypted and the content is never changed: passing content goes into the blob
// byte-identical, so `git status` never sees a difference the filter made.
//
// Refused: content that does not parse in its format; content without sops metadata ("not
// encrypted"); content with leaves (values or comments) the rules select for encryption still
// in plaintext, including the comment-regex rules; a sops block without an ENC[...] MAC (sops
// always writes one; the MAC itself cannot be checked without the key). The error names the
// file, the key paths (never values) and the fix.
//
// The reading and the decision are core's (sops::ReadSopsFile, sops::CheckEncryptedAsRequired),
// the same code lint and the pre-commit guard use, so the three never disagree.
//
// Empty content passes (an empty file holds no secret). Thread-safe (no shared state).
//
//   Status s = GuardClean(bytes, "secrets/api/dev.enc.yaml");
//   if (!s.ok()) std::cerr << s.error().Describe() << "\n";
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace clef::filter {

Status GuardClean(std::string_view bytes, const std::string& path);

}  // namespace clef::filter

// The data key of a sops file: unwrapped from the file's age recipients with local
// identities, and wrapped for new recipients (reference/sops-format.md §4).
//
// Only a single key group is supported (what `sops encrypt --age ...` and Clef write); files
// with several groups (Shamir) get a clear error. KMS, GCP, Azure, Vault and HuaweiCloud
// recipients need cloud services: a file with only those gets "no usable key here" naming
// them. PGP recipients are not unwrapped natively (yet): they are listed in the error.
//
//   Result<UnwrappedKey> key = UnwrapDataKey(file.metadata, identities);
//   if (!key.ok()) std::cerr << key.error().InFile(file.path).Describe();
#pragma once

#include <span>
#include <string>

#include "core/crypto/age_x25519.h"
#include "core/crypto/secure_bytes.h"
#include "core/result.h"
#include "core/sops/identity_set.h"
#include "core/sops/metadata.h"

namespace clef::sops {

struct UnwrappedKey {
  SecureBytes data_key;  // 32 bytes
  Recipient opened_by;   // the recipient whose `enc` the local identity opened
};

// Errors (messages list the file's recipients by type and id and the local identities by
// public key, never key material): no identities; none matches; only cloud recipients;
// an `enc` that is damaged; several key groups.
Result<UnwrappedKey> UnwrapDataKey(const Metadata& metadata, const IdentitySet& identities);

// The armored age file that sops stores as `enc` for `recipient`.
std::string WrapDataKey(std::string_view data_key, const crypto::X25519Recipient& recipient);

// The recipients of `metadata` that one of `identities` can open (by public key; no
// decryption), e.g. for `clef verify`.
std::vector<Recipient> MatchingRecipients(const Metadata& metadata, const IdentitySet& identities);

}  // namespace clef::sops

// The data key of a sops file: unwrapped from the file's age recipients with local
// identities, and wrapped for new recipients (reference/sops-format.md §4).
//
// Entries are tried as sops does by default: age natively, then PGP through the `gpg` binary
// (crypto::UnwrapPgpDataKey; GNUPGHOME and the agent as the user configured them). Files with
// several key groups (Shamir) are opened when the local keys open `shamir_threshold` groups
// (every group when unset). KMS, GCP, Azure, Vault and HuaweiCloud recipients need cloud
// services: a file with only those gets "no usable key here" naming them.
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
// an `enc` that is damaged; too few key groups opened.
Result<UnwrappedKey> UnwrapDataKey(const Metadata& metadata, const IdentitySet& identities);

// The armored age file that sops stores as `enc` for `recipient`.
std::string WrapDataKey(std::string_view data_key, const crypto::X25519Recipient& recipient);

// The recipients of `metadata` that one of `identities` can open (by public key; no
// decryption), e.g. for `clef verify`.
std::vector<Recipient> MatchingRecipients(const Metadata& metadata, const IdentitySet& identities);

}  // namespace clef::sops

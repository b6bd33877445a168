// Recipients: who can decrypt a sops file. One vocabulary shared by the manifest (what
// clef.yaml and .sops.yaml declare), the matrix, `clef status`, lint and guard (what files carry).
//
// A Recipient is a kind plus a canonical id string, so declared and actual recipients compare
// with ==:
//   kAge      the age recipient string ("age1...", "ssh-ed25519 ...")
//   kPgp      the fingerprint, upper-case hex without spaces
//   kAwsKms   the key ARN (role and context are not part of the identity)
//   kGcpKms   the resource id
//   kAzureKv  "<vault_url>/keys/<name>[/<version>]" (what .sops.yaml's azure_keyvault holds)
//   kHcVault  "<vault_address>/v1/<engine_path>/keys/<key_name>" (hc_vault_transit_uri)
//   kHcKms    the HuaweiCloud key id
//   kPkcs11   a pkcs11: URI (Clef's hsm backend)
// `label` is display-only (Clef's `{key, label}` entries) and never part of equality.
//
// ValidateAgePublicKey mirrors Clef's validator (clef-behaviour.md §6.1): trims, requires the
// "age1" prefix, at least 10 characters and bech32 characters only; it does NOT verify the
// checksum or the length, exactly like Clef.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace clef::manifest {

enum class RecipientKind { kAge, kPgp, kAwsKms, kGcpKms, kAzureKv, kHcVault, kHcKms, kPkcs11 };

// The name sops uses for the kind in its metadata block ("age", "pgp", "kms", "gcp_kms",
// "azure_kv", "hc_vault", "hckms"); "pkcs11" for kPkcs11.
const char* RecipientKindName(RecipientKind kind);
constexpr int kRecipientKindCount = 8;

struct Recipient {
  RecipientKind kind = RecipientKind::kAge;
  std::string id;     // canonical, see above
  std::string label;  // display only

  bool operator==(const Recipient& other) const { return kind == other.kind && id == other.id; }
  bool operator<(const Recipient& other) const {
    return kind != other.kind ? kind < other.kind : id < other.id;
  }
};

// Builds a recipient, canonicalising the id (trim; PGP fingerprints upper-cased, spaces removed).
Recipient MakeRecipient(RecipientKind kind, std::string_view id, std::string label = {});

// A key group: every recipient in it can decrypt the group's share of the data key.
using KeyGroup = std::vector<Recipient>;

// Recipients by type for reports: counts[static_cast<int>(kind)].
struct RecipientCounts {
  int counts[kRecipientKindCount] = {};
  int total() const;
};
RecipientCounts CountByKind(const std::vector<Recipient>& recipients);

// The distinct recipients of all groups, in first-seen order.
std::vector<Recipient> Flatten(const std::vector<KeyGroup>& groups);

// Clef's validateAgePublicKey: the trimmed key, or the validator's message as the error.
Result<std::string> ValidateAgePublicKey(std::string_view input);

// "age1" + U+2026 + last 8 characters (Clef's keyPreview).
std::string KeyPreview(std::string_view key);

}  // namespace clef::manifest

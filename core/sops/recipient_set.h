// Recipients: who can decrypt a sops file, as (key type, id) pairs that need no key to read.
// lint, guard and merge compare RecipientSets between files and revisions.
//
// Ids: age -> the `age1...` recipient; pgp -> the fingerprint (upper-cased for comparison);
// kms -> the ARN; gcp_kms -> resource_id; azure_kv -> "<vault_url>/keys/<name>/<version>";
// hc_vault -> "<vault_address>/v1/<engine_path>/keys/<key_name>"; hckms -> key_id.
// Plain values; thread-compatible.
//
//   RecipientSet before = old_file.metadata.Recipients();
//   RecipientSet after = new_file.metadata.Recipients();
//   for (const Recipient& r : after.Minus(before).recipients) Report("added", r);
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clef::sops {

enum class KeyType { kAge, kPgp, kKms, kGcpKms, kAzureKv, kHcVault, kHckms };

// The metadata field name: "age", "pgp", "kms", "gcp_kms", "azure_kv", "hc_vault", "hckms".
const char* KeyTypeName(KeyType type);
std::optional<KeyType> ParseKeyType(std::string_view name);
// True for key types this toolkit can unwrap without a cloud service (age, pgp via gpg).
bool IsLocalKeyType(KeyType type);

struct Recipient {
  KeyType type = KeyType::kAge;
  std::string id;

  std::string Describe() const;  // "age age1...", "kms arn:aws:kms:..."
  auto operator<=>(const Recipient&) const = default;
};

// A sorted set without duplicates.
class RecipientSet {
 public:
  RecipientSet() = default;
  explicit RecipientSet(std::vector<Recipient> recipients);

  void Add(Recipient recipient);
  bool Contains(const Recipient& recipient) const;
  // The recipients of this set that are not in `other`.
  RecipientSet Minus(const RecipientSet& other) const;
  bool empty() const { return recipients_.empty(); }
  size_t size() const { return recipients_.size(); }
  const std::vector<Recipient>& recipients() const { return recipients_; }
  bool operator==(const RecipientSet&) const = default;

 private:
  std::vector<Recipient> recipients_;
};

}  // namespace clef::sops

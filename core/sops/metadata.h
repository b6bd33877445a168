// Metadata: the `sops` block of an encrypted file (reference/sops-format.md §3, §5.1), read
// without any key, and written back the way the file's sops version writes it.
//
// Reading is lenient where sops is (unknown fields are ignored by sops; here they are KEPT so
// a rewrite does not drop them; `shamir_threshold: "2"` and `mac_only_encrypted: "true"` are
// weakly typed; null key lists are empty) and strict where sops fails (`lastmodified` must be
// an RFC 3339 string; at most one encryption rule). Each master key keeps all its fields as
// written (including `enc`, the wrapped data key, and fields this code does not know).
//
// Writing keeps the file's field order; a field that was not there is placed where the file's
// version puts it (§3.3: struct order for 3.10–3.12, alphabetical for 3.13+). So an unchanged
// block written back is identical, and a sops 3.12.2 block round-trips byte for byte.
//
// Plain values; copyable; thread-compatible.
//
//   Result<Metadata> m = ParseMetadata(*root.Find("sops"));
//   for (const Recipient& r : m->Recipients().recipients) std::cout << r.Describe() << "\n";
//   doc::Node block = MetadataToNode(*m);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/doc/document.h"
#include "core/result.h"
#include "core/sops/encryption_rules.h"
#include "core/sops/recipient_set.h"

namespace clef::sops {

// A field of the block or of a master key, as written (name and value node).
struct MetadataField {
  std::string name;
  doc::Node value;
};

// One master key entry (e.g. one `age:` list element): all its fields in file order.
struct MasterKey {
  KeyType type = KeyType::kAge;
  std::vector<MetadataField> fields;

  // The identifying text (age recipient, pgp fingerprint, kms arn, ...; see recipient_set.h).
  std::string Id() const;
  // The wrapped data key (`enc`), empty when absent.
  std::string Enc() const;
  void SetEnc(std::string enc);
  // A scalar field's text, empty when absent or not a scalar.
  std::string Get(std::string_view name) const;
  Recipient AsRecipient() const { return Recipient{type, Id()}; }
};

// The keys of one type in one group, e.g. the `age:` list.
struct KeyList {
  KeyType type = KeyType::kAge;
  std::vector<MasterKey> keys;
};

struct KeyGroup {
  std::vector<KeyList> lists;  // in file order; empty lists are kept (`hc_vault: []`)
  std::vector<MetadataField> unknown_fields;
  std::vector<std::string> field_order;
};

struct Metadata {
  std::vector<KeyList> key_lists;    // the flat top-level lists (`age:`, `pgp:`, ...)
  std::vector<KeyGroup> key_groups;  // `key_groups:` (used only when every flat list is empty)
  std::optional<int64_t> shamir_threshold;
  std::string lastmodified;  // as written, e.g. "2026-11-28T18:17:51Z"
  std::string mac;           // the ENC[...] string, or "" for a file without MAC
  std::string version;       // e.g. "3.12.2"
  EncryptionRules rules;     // as written (all empty = the default `_unencrypted` suffix)
  bool mac_only_encrypted = false;
  std::vector<MetadataField> unknown_fields;  // kept in place on rewrite
  std::vector<std::string> field_order;       // names as read, in file order

  // The key groups sops uses: the flat lists as one group when any is non-empty, otherwise
  // `key_groups`.
  std::vector<KeyGroup> EffectiveGroups() const;
  // Every master key of every effective group, as (type, id).
  RecipientSet Recipients() const;
  // True when the file's version is 3.13.0 or later (alphabetical field order).
  bool WritesAlphabetically() const;
  // The flat list of `type`, created (empty) in the right place when absent.
  KeyList& ListOf(KeyType type);
};

// Parses the `sops` mapping. Errors carry the line of the offending field when known and
// name the field; `file` is left for the caller to fill (Error::InFile).
Result<Metadata> ParseMetadata(const doc::Node& block);

// The block as a mapping node, ordered as described above.
doc::Node MetadataToNode(const Metadata& metadata);

// dotenv files carry the block flattened into top-level `sops_*` keys (§5.1): `sops_version`,
// `sops_age__list_0__map_enc`, ... These convert between that form and the mapping.
inline constexpr std::string_view kDotenvPrefix = "sops_";
bool IsDotenvMetadataKey(std::string_view key);
Result<doc::Node> UnflattenDotenvMetadata(const std::vector<const doc::Item*>& entries);
// The flattened entries (all string scalars), ordered like the file's version writes them.
std::vector<doc::Item> FlattenDotenvMetadata(const Metadata& metadata);

// Go's time.Parse(RFC3339, text).Format(RFC3339): fractional seconds dropped, a zero offset
// written "Z". This is the AAD of the MAC (§2). Error when `text` is not RFC 3339.
Result<std::string> NormalizeRfc3339(std::string_view text);

}  // namespace clef::sops

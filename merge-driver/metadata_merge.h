// Three-way merge of the parts of the `sops` block that carry meaning: who can decrypt
// (recipients), which data key encrypts the values, and which encryption rule is in force
// (clef-behaviour.md §1.5 describes Clef throwing all of this away; this keeps it).
//
// Contract:
//   * Recipients merge as a set, three-way, per (type, id): a recipient in base stays only if
//     both sides kept it (a removal on either side wins: it revokes access); a recipient not in
//     base is in the result if either side added it. Never a conflict by itself.
//   * Data key: a side "rotated" when its data key differs from base's. A merge never undoes a
//     rotation: if only theirs rotated, the result uses theirs' key and every value is
//     re-encrypted under it; otherwise the result keeps ours' key, and theirs' values are
//     re-encrypted only when theirs' key differs from ours'. With no base (add/add) ours' key
//     is used. The caller compares data keys (in constant time) and passes the facts.
//   * The data key must be wrapped to exactly the merged recipients. A wrapped key (`enc`)
//     already present in the file whose data key is used is reused byte for byte; any other
//     recipient needs a fresh wrap. age needs only the public recipient; other types need
//     access the merge may not have — `can_wrap` decides, and a recipient that cannot be
//     wrapped is a conflict naming it and the fix.
//   * Encryption rules: taken from the side that changed them (then applied to every value);
//     changed differently on both sides: conflict.
//
// Pure function; thread-compatible.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/sops/encryption_rules.h"
#include "core/sops/recipient_set.h"

namespace clef::merge {

// What is known about one side's `sops` block.
struct MetadataSide {
  bool present = true;  // false for an empty %O (add/add)
  sops::RecipientSet recipients;
  sops::EncryptionRules rules;
};

// Data-key comparisons, made by the caller on the unwrapped keys.
struct DataKeyFacts {
  bool ours_equals_base = true;
  bool theirs_equals_base = true;
  bool ours_equals_theirs = true;
};

enum class KeySource { kOurs, kTheirs };

struct MetadataPlan {
  sops::RecipientSet recipients;  // exactly who can decrypt the result
  KeySource data_key = KeySource::kOurs;
  // Recipients of the result whose wrapped key is copied from the side that gives the data key.
  sops::RecipientSet reuse_wrapped;
  // Recipients of the result that need the data key freshly wrapped.
  sops::RecipientSet wrap;
  sops::EncryptionRules rules;
  bool rules_changed = false;     // relative to ours: every value must be re-encrypted/decrypted
  bool reencrypt_ours = false;    // ours' values need re-encryption (theirs' key is used)
  bool reencrypt_theirs = false;  // values taken from theirs need re-encryption
  std::vector<std::string> conflicts;  // one sentence each, naming the recipient or rule
  bool clean() const { return conflicts.empty(); }
};

// The three-way recipient set alone.
sops::RecipientSet MergeRecipients(const MetadataSide& base, const sops::RecipientSet& ours,
                                   const sops::RecipientSet& theirs);

// `can_wrap` says whether this machine can wrap a data key to a recipient (age: always).
MetadataPlan PlanMetadata(const MetadataSide& base, const MetadataSide& ours,
                          const MetadataSide& theirs, const DataKeyFacts& keys,
                          const std::function<bool(const sops::Recipient&)>& can_wrap);

}  // namespace clef::merge

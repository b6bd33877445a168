#include "core/sops/data_key.h"

#include <algorithm>
#include <optional>

#include "core/crypto/age.h"
#include "core/crypto/age_armor.h"
#include "core/crypto/data_key.h"
#include "core/crypto/shamir.h"
#include "core/sops/value_cipher.h"

namespace clef::sops {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += "\n  " + s;
  return out;
}

std::string RecipientList(const Metadata& metadata) {
  std::vector<std::string> lines;
  RecipientSet recipients = metadata.Recipients();
  for (const Recipient& r : recipients.recipients()) lines.push_back(r.Describe());
  return lines.empty() ? std::string("\n  (none)") : Join(lines);
}

std::string IdentityList(const IdentitySet& identities) {
  std::vector<std::string> lines = identities.Describe();
  return lines.empty() ? std::string("\n  (none found)") : Join(lines);
}

const char* kIdentityHint =
    "set SOPS_AGE_KEY_FILE (or SOPS_AGE_KEY, CLEF_AGE_KEY_FILE) to an identity of one of "
    "the recipients, or ask someone who can decrypt to add yours";

}  // namespace

std::string WrapDataKey(std::string_view data_key, const crypto::X25519Recipient& recipient) {
  const crypto::X25519Recipient recipients[] = {recipient};
  return crypto::ArmorAge(crypto::AgeEncrypt(data_key, recipients));
}

std::vector<Recipient> MatchingRecipients(const Metadata& metadata, const IdentitySet& identities) {
  std::vector<std::string> mine = identities.AgeRecipients();
  std::vector<Recipient> out;
  RecipientSet recipients = metadata.Recipients();
  for (const Recipient& r : recipients.recipients()) {
    if (r.type == KeyType::kAge && std::find(mine.begin(), mine.end(), r.id) != mine.end()) {
      out.push_back(r);
    }
  }
  return out;
}

namespace {

// What one key group yields: the first entry a local key opens (age natively, then pgp
// through gpg, sops's default decryption order), or nothing, with the damaged entries noted.
struct GroupKey {
  std::optional<UnwrappedKey> key;
  bool has_local = false;
};

GroupKey UnwrapGroup(const KeyGroup& group, const IdentitySet& identities, size_t want_size,
                     std::vector<std::string>* damaged) {
  GroupKey out;
  for (KeyType type : {KeyType::kAge, KeyType::kPgp}) {
    for (const KeyList& list : group.lists) {
      if (IsLocalKeyType(list.type) && !list.keys.empty()) out.has_local = true;
      if (list.type != type) continue;
      for (const MasterKey& key : list.keys) {
        std::optional<SecureBytes> opened;
        if (type == KeyType::kAge) {
          if (identities.empty()) continue;
          crypto::AgeFailure why = crypto::AgeFailure::kNone;
          Result<SecureBytes> bytes = crypto::AgeDecrypt(key.Enc(), identities.age(), &why);
          if (bytes.ok()) {
            opened = std::move(*bytes);
          } else if (why != crypto::AgeFailure::kNoMatch) {
            damaged->push_back(key.AsRecipient().Describe() + ": its enc is damaged (" +
                               crypto::AgeFailureName(why) + ")");
          }
        } else {
          Result<std::optional<SecureBytes>> bytes = crypto::UnwrapPgpDataKey(key.Enc());
          if (!bytes.ok()) {
            damaged->push_back(key.AsRecipient().Describe() + ": " + bytes.error().message);
          } else if (bytes->has_value()) {
            opened = std::move(**bytes);
          }
        }
        if (!opened) continue;
        if (opened->size() != want_size) {
          damaged->push_back(key.AsRecipient().Describe() + ": holds a " +
                             std::to_string(opened->size()) + "-byte key, not " +
                             std::to_string(want_size));
          continue;
        }
        out.key = UnwrappedKey{std::move(*opened), key.AsRecipient()};
        return out;
      }
    }
  }
  return out;
}

}  // namespace

Result<UnwrappedKey> UnwrapDataKey(const Metadata& metadata, const IdentitySet& identities) {
  std::vector<KeyGroup> groups = metadata.EffectiveGroups();
  if (groups.empty()) {
    Error e = MakeError("the sops metadata lists no recipients, so no one can decrypt the file");
    return e;
  }
  // One group: its entry holds the data key. Several: each holds a Shamir share (the key plus
  // its x coordinate), and `shamir_threshold` of them (all groups when unset) rebuild the key.
  const bool shamir = groups.size() > 1;
  const size_t threshold =
      shamir ? static_cast<size_t>(metadata.shamir_threshold.value_or(groups.size())) : 1;
  bool has_local = false;
  std::vector<std::string> damaged;
  std::vector<SecureBytes> shares;
  Recipient opened_by;
  for (const KeyGroup& group : groups) {
    GroupKey got = UnwrapGroup(group, identities, kDataKeySize + (shamir ? 1 : 0), &damaged);
    has_local = has_local || got.has_local;
    if (!got.key) continue;
    if (!shamir) return std::move(*got.key);
    if (shares.empty()) opened_by = got.key->opened_by;
    shares.push_back(std::move(got.key->data_key));
    if (shares.size() >= threshold) break;
  }
  if (shamir && shares.size() >= threshold && threshold >= 2) {
    Result<SecureBytes> key = crypto::ShamirCombine(shares);
    if (!key.ok())
      return MakeError("cannot combine the key groups' shares: " + key.error().message);
    return UnwrappedKey{std::move(*key), opened_by};
  }
  if (!has_local) {
    Error e = MakeError(
        "no usable key here: the file is encrypted only to cloud key services, which clef "
        "does not call; recipients:" +
        RecipientList(metadata));
    e.hint = "decrypt it with sops where those services are reachable";
    return e;
  }
  std::string message;
  if (shamir) {
    message = "the file needs " + std::to_string(threshold) + " of its " +
              std::to_string(groups.size()) + " key groups (Shamir) and the local keys open " +
              std::to_string(shares.size());
  } else {
    message = identities.empty() ? "no age identity found on this machine to decrypt the file"
                                 : "none of the local age identities can decrypt the file";
  }
  if (!damaged.empty()) message += "; damaged or unusable entries:" + Join(damaged);
  message += "; the file's recipients:" + RecipientList(metadata) +
             "\nlocal identities:" + IdentityList(identities);
  Error e = MakeError(message);
  e.hint = kIdentityHint;
  return e;
}

}  // namespace clef::sops

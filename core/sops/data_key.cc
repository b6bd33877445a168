#include "core/sops/data_key.h"

#include <algorithm>

#include "core/crypto/age.h"
#include "core/crypto/age_armor.h"
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

Result<UnwrappedKey> UnwrapDataKey(const Metadata& metadata, const IdentitySet& identities) {
  std::vector<KeyGroup> groups = metadata.EffectiveGroups();
  if (groups.empty()) {
    Error e = MakeError("the sops metadata lists no recipients, so no one can decrypt the file");
    return e;
  }
  if (groups.size() > 1) {
    Error e = MakeError("the file uses " + std::to_string(groups.size()) +
                        " key groups (Shamir secret sharing), which clef does not open natively; "
                        "recipients:" +
                        RecipientList(metadata));
    e.hint = "use `sops decrypt` for this file";
    return e;
  }
  bool has_local = false;
  std::vector<std::string> damaged;
  for (const KeyList& list : groups.front().lists) {
    if (IsLocalKeyType(list.type) && !list.keys.empty()) has_local = true;
    if (list.type != KeyType::kAge) continue;
    for (const MasterKey& key : list.keys) {
      crypto::AgeFailure why = crypto::AgeFailure::kNone;
      Result<SecureBytes> opened = crypto::AgeDecrypt(key.Enc(), identities.age(), &why);
      if (opened.ok()) {
        if (opened->size() != kDataKeySize) {
          damaged.push_back(key.AsRecipient().Describe() + ": holds a " +
                            std::to_string(opened->size()) + "-byte key, not 32");
          continue;
        }
        return UnwrappedKey{std::move(*opened), key.AsRecipient()};
      }
      if (why != crypto::AgeFailure::kNoMatch) {
        damaged.push_back(key.AsRecipient().Describe() + ": its enc is damaged (" +
                          crypto::AgeFailureName(why) + ")");
      }
    }
  }
  if (!has_local) {
    Error e = MakeError(
        "no usable key here: the file is encrypted only to cloud key services, which clef "
        "does not call; recipients:" +
        RecipientList(metadata));
    e.hint = "decrypt it with sops where those services are reachable";
    return e;
  }
  std::string message = identities.empty()
                            ? "no age identity found on this machine to decrypt the file"
                            : "none of the local age identities can decrypt the file";
  if (!damaged.empty()) message += "; damaged entries:" + Join(damaged);
  message += "; the file's recipients:" + RecipientList(metadata) +
             "\nlocal identities:" + IdentityList(identities);
  Error e = MakeError(message);
  e.hint = kIdentityHint;
  return e;
}

}  // namespace clef::sops

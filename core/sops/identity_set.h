// IdentitySet: the age identities available on this machine, found by core/keys where sops and
// Clef look (reference/sops-format.md §4.3): SOPS_AGE_KEY (the keys themselves),
// SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, Clef's CLEF_AGE_KEY / CLEF_AGE_KEY_FILE, and the
// default $XDG_CONFIG_HOME/sops/age/keys.txt (~/.config/sops/age/keys.txt).
//
// Key files are read into SecureBytes; identities live in crypto::X25519Identity (wiped).
// Descriptions and errors name only public keys and where they came from. Move-only.
//
//   Result<IdentitySet> ids = IdentitySet::FromEnvironment();
//   for (const std::string& who : ids->Describe()) std::cerr << who << "\n";
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/age_x25519.h"
#include "core/result.h"

namespace clef::sops {

class IdentitySet {
 public:
  IdentitySet() = default;
  IdentitySet(IdentitySet&&) = default;
  IdentitySet& operator=(IdentitySet&&) = default;

  // Every identity of the standard places that exist. Error when a place that is set (an
  // environment variable, a file it names) cannot be read or holds a malformed identity; the
  // error names the place, never the key. No identities at all is not an error.
  static Result<IdentitySet> FromEnvironment();

  // Adds the identities of a key file's text ("AGE-SECRET-KEY-1..." lines; '#' comments and
  // blank lines skipped). `source` names where it came from, for messages.
  Status AddKeyText(std::string_view text, const std::string& source);

  const std::vector<crypto::X25519Identity>& age() const { return age_; }
  bool empty() const { return age_.empty(); }
  // "age1... (from SOPS_AGE_KEY_FILE=/path)" for each identity.
  std::vector<std::string> Describe() const;
  // The public recipient strings ("age1...").
  std::vector<std::string> AgeRecipients() const;

 private:
  std::vector<crypto::X25519Identity> age_;
  std::vector<std::string> sources_;
};

}  // namespace clef::sops

// The age identities this machine has, from the places sops and Clef look (sops-format.md
// §4.3, clef-behaviour.md §9.5): SOPS_AGE_KEY (inline), SOPS_AGE_KEY_FILE, CLEF_AGE_KEY,
// CLEF_AGE_KEY_FILE, then $XDG_CONFIG_HOME/sops/age/keys.txt (default ~/.config/...).
// Key text is read into SecureBytes and wiped; `searched` names every place looked at, for the
// "no identity opens this file" message. A malformed identity line is an error naming the
// source (never the line).
#pragma once

#include <string>
#include <vector>

#include "core/crypto/age_x25519.h"
#include "core/result.h"

namespace clef::merge {

struct AgeIdentities {
  std::vector<crypto::X25519Identity> identities;
  std::vector<std::string> searched;
};

Result<AgeIdentities> LoadAgeIdentities();

}  // namespace clef::merge

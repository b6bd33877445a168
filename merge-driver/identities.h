// The local age identities a merge may use, loaded by the shared loader
// (core/keys/identity_set.h: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, the default
// $XDG_CONFIG_HOME/sops/age/keys.txt or ~/.config/sops/age/keys.txt, CLEF_AGE_KEY,
// CLEF_AGE_KEY_FILE), plus a description of every place looked at, for the "no local identity
// opens this file" message. Places name variables, paths and commands, never key text.
//
// Errors are the loader's (a place that is set but unusable: unreadable file, malformed
// identity, failing command), naming the place. Move-only.
//
//   Result<MergeIdentities> ids = LoadMergeIdentities();
//   if (!ids.ok()) return Fail(ids.error());
#pragma once

#include <string>
#include <vector>

#include "core/keys/identity_set.h"
#include "core/result.h"

namespace clef::merge {

struct MergeIdentities {
  keys::IdentitySet set;
  std::vector<std::string> places;  // "SOPS_AGE_KEY_FILE=/k.txt", "SOPS_AGE_KEY (not set)", ...
};

// Each place IdentitySet::FromEnvironment reads, in its order, with its value or state.
std::vector<std::string> IdentityPlaces(const keys::EnvLookup& env);

Result<MergeIdentities> LoadMergeIdentities(
    const keys::EnvLookup& env = keys::ProcessEnvironment());

}  // namespace clef::merge

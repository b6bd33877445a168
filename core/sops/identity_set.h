// sops::IdentitySet is keys::IdentitySet (core/keys/identity_set.h): one loader and one set of
// age identities for every tool, found where sops and Clef look (reference/sops-format.md §4.3).
// The name stays so the document API (OpenSopsFile, UnwrapDataKey, verify) reads in sops terms.
//
//   Result<sops::IdentitySet> ids = sops::IdentitySet::FromEnvironment();
//   for (const std::string& who : ids->Describe()) std::cerr << who << "\n";
#pragma once

#include "core/keys/identity_set.h"

namespace clef::sops {

using IdentitySet = keys::IdentitySet;

}  // namespace clef::sops

// Converting between the two recipient vocabularies: what clef.yaml/.sops.yaml declare
// (manifest::Recipient) and what a sops block carries (sops::Recipient). Ids are canonical in
// both, so a converted recipient compares with == against a declared one.
#pragma once

#include <optional>

#include "core/manifest/recipient.h"
#include "core/sops/recipient_set.h"

namespace clef::manifest {

Recipient FromSopsRecipient(const sops::Recipient& r);

// nullopt for kPkcs11 (Clef's hsm backend has no sops key type of its own).
std::optional<sops::Recipient> ToSopsRecipient(const Recipient& r);

}  // namespace clef::manifest

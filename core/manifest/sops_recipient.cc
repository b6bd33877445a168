#include "core/manifest/sops_recipient.h"

namespace clef::manifest {

Recipient FromSopsRecipient(const sops::Recipient& r) {
  RecipientKind kind = RecipientKind::kAge;
  switch (r.type) {
    case sops::KeyType::kAge: kind = RecipientKind::kAge; break;
    case sops::KeyType::kPgp: kind = RecipientKind::kPgp; break;
    case sops::KeyType::kKms: kind = RecipientKind::kAwsKms; break;
    case sops::KeyType::kGcpKms: kind = RecipientKind::kGcpKms; break;
    case sops::KeyType::kAzureKv: kind = RecipientKind::kAzureKv; break;
    case sops::KeyType::kHcVault: kind = RecipientKind::kHcVault; break;
    case sops::KeyType::kHckms: kind = RecipientKind::kHcKms; break;
  }
  return MakeRecipient(kind, r.id);
}

std::optional<sops::Recipient> ToSopsRecipient(const Recipient& r) {
  switch (r.kind) {
    case RecipientKind::kAge: return sops::Recipient{sops::KeyType::kAge, r.id};
    case RecipientKind::kPgp: return sops::Recipient{sops::KeyType::kPgp, r.id};
    case RecipientKind::kAwsKms: return sops::Recipient{sops::KeyType::kKms, r.id};
    case RecipientKind::kGcpKms: return sops::Recipient{sops::KeyType::kGcpKms, r.id};
    case RecipientKind::kAzureKv: return sops::Recipient{sops::KeyType::kAzureKv, r.id};
    case RecipientKind::kHcVault: return sops::Recipient{sops::KeyType::kHcVault, r.id};
    case RecipientKind::kHcKms: return sops::Recipient{sops::KeyType::kHckms, r.id};
    case RecipientKind::kPkcs11: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace clef::manifest

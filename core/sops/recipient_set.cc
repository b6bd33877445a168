#include "core/sops/recipient_set.h"

#include <algorithm>

namespace clef::sops {
namespace {

struct KeyTypeInfo {
  KeyType type;
  const char* name;
};
constexpr KeyTypeInfo kKeyTypes[] = {
    {KeyType::kAge, "age"},        {KeyType::kPgp, "pgp"},          {KeyType::kKms, "kms"},
    {KeyType::kGcpKms, "gcp_kms"}, {KeyType::kAzureKv, "azure_kv"}, {KeyType::kHcVault, "hc_vault"},
    {KeyType::kHckms, "hckms"}};

}  // namespace

const char* KeyTypeName(KeyType type) {
  for (const auto& k : kKeyTypes) {
    if (k.type == type) return k.name;
  }
  return "age";
}

std::optional<KeyType> ParseKeyType(std::string_view name) {
  for (const auto& k : kKeyTypes) {
    if (name == k.name) return k.type;
  }
  return std::nullopt;
}

bool IsLocalKeyType(KeyType type) { return type == KeyType::kAge || type == KeyType::kPgp; }

std::string Recipient::Describe() const { return std::string(KeyTypeName(type)) + " " + id; }

RecipientSet::RecipientSet(std::vector<Recipient> recipients) {
  for (Recipient& r : recipients) Add(std::move(r));
}

void RecipientSet::Add(Recipient recipient) {
  auto at = std::lower_bound(recipients_.begin(), recipients_.end(), recipient);
  if (at != recipients_.end() && *at == recipient) return;
  recipients_.insert(at, std::move(recipient));
}

bool RecipientSet::Contains(const Recipient& recipient) const {
  return std::binary_search(recipients_.begin(), recipients_.end(), recipient);
}

RecipientSet RecipientSet::Minus(const RecipientSet& other) const {
  RecipientSet out;
  for (const Recipient& r : recipients_) {
    if (!other.Contains(r)) out.recipients_.push_back(r);
  }
  return out;
}

}  // namespace clef::sops

#include "core/manifest/recipient.h"

#include <algorithm>
#include <cctype>

namespace clef::manifest {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

constexpr std::string_view kBech32Alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

}  // namespace

const char* RecipientKindName(RecipientKind kind) {
  switch (kind) {
    case RecipientKind::kAge: return "age";
    case RecipientKind::kPgp: return "pgp";
    case RecipientKind::kAwsKms: return "kms";
    case RecipientKind::kGcpKms: return "gcp_kms";
    case RecipientKind::kAzureKv: return "azure_kv";
    case RecipientKind::kHcVault: return "hc_vault";
    case RecipientKind::kHcKms: return "hckms";
    case RecipientKind::kPkcs11: return "pkcs11";
  }
  return "unknown";
}

Recipient MakeRecipient(RecipientKind kind, std::string_view id, std::string label) {
  std::string canonical(Trim(id));
  if (kind == RecipientKind::kPgp) {
    canonical.erase(std::remove_if(canonical.begin(), canonical.end(),
                                   [](unsigned char c) { return std::isspace(c); }),
                    canonical.end());
    for (char& c : canonical) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return Recipient{kind, std::move(canonical), std::move(label)};
}

int RecipientCounts::total() const {
  int sum = 0;
  for (int c : counts) sum += c;
  return sum;
}

RecipientCounts CountByKind(const std::vector<Recipient>& recipients) {
  RecipientCounts out;
  for (const Recipient& r : recipients) ++out.counts[static_cast<int>(r.kind)];
  return out;
}

std::vector<Recipient> Flatten(const std::vector<KeyGroup>& groups) {
  std::vector<Recipient> out;
  for (const KeyGroup& group : groups) {
    for (const Recipient& r : group) {
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
  }
  return out;
}

Result<std::string> ValidateAgePublicKey(std::string_view input) {
  std::string key(Trim(input));
  if (key.rfind("age1", 0) != 0) {
    return MakeError("age public key must start with 'age1'. Got: '" + key.substr(0, 10) +
                     "...'");
  }
  if (key.size() < 10) {
    return MakeError("age public key is too short. Expected at least 10 characters, got " +
                     std::to_string(key.size()) + ".");
  }
  for (size_t i = 4; i < key.size(); ++i) {
    if (kBech32Alphabet.find(key[i]) == std::string_view::npos) {
      return MakeError(std::string("Invalid character '") + key[i] +
                       "' in age public key. Only bech32 characters are allowed after the "
                       "'age1' prefix.");
    }
  }
  return key;
}

std::string KeyPreview(std::string_view key) {
  std::string tail(key.size() > 8 ? key.substr(key.size() - 8) : key);
  return "age1\u2026" + tail;
}

}  // namespace clef::manifest

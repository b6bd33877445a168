#include "core/crypto/age_x25519.h"

#include <sodium.h>

#include <cstring>

#include "core/crypto/age_primitives.h"
#include "core/crypto/base64.h"
#include "core/crypto/bech32.h"

namespace clef::crypto {
namespace {

constexpr std::string_view kRecipientHrp = "age";
constexpr std::string_view kIdentityHrp = "AGE-SECRET-KEY-";
constexpr std::string_view kStanzaInfo = "age-encryption.org/v1/X25519";

std::string_view AsView(const std::array<uint8_t, 32>& a) {
  return {reinterpret_cast<const char*>(a.data()), a.size()};
}

}  // namespace

Result<X25519Recipient> X25519Recipient::Parse(std::string_view text) {
  auto decoded = Bech32Decode(text);
  if (!decoded) return MakeError("malformed age recipient (not valid Bech32)");
  if (decoded->hrp != kRecipientHrp) {
    return MakeError("not an age X25519 recipient (expected a lowercase \"age1...\" string)");
  }
  if (decoded->data.size() != 32) return MakeError("malformed age recipient (wrong key length)");
  X25519Recipient r;
  std::memcpy(r.key_.data(), decoded->data.data(), 32);
  return r;
}

X25519Recipient X25519Recipient::FromPublicKey(const std::array<uint8_t, 32>& key) {
  X25519Recipient r;
  r.key_ = key;
  return r;
}

std::string X25519Recipient::ToString() const {
  return std::string(Bech32Encode(kRecipientHrp, AsView(key_)).view());
}

AgeStanza X25519Recipient::Wrap(std::string_view file_key) const {
  EnsureSodium();
  SecureBytes ephemeral = SecureBytes::Random(32);
  std::array<uint8_t, 32> share;
  crypto_scalarmult_curve25519_base(share.data(), ephemeral.data());
  SecureBytes shared(32);
  // Fails only for a low-order recipient key; age has the same (undefined) case. Such a key
  // cannot come from a real identity, and the wrapped key would be unrecoverable anyway.
  if (crypto_scalarmult_curve25519(shared.data(), ephemeral.data(), key_.data()) != 0) {
    Wipe(shared.data(), shared.size());
  }
  std::string salt = std::string(AsView(share)) + std::string(AsView(key_));
  SecureBytes wrap_key = HkdfSha256(shared.view(), salt, kStanzaInfo);
  AgeStanza stanza;
  stanza.type = "X25519";
  stanza.args.push_back(Base64Encode(AsView(share), Base64Padding::kUnpadded));
  stanza.body = ChaChaSeal(wrap_key.view(), {}, file_key);
  return stanza;
}

Result<X25519Identity> X25519Identity::Parse(std::string_view text) {
  auto decoded = Bech32Decode(text);
  if (!decoded) return MakeError("malformed age identity (not valid Bech32)");
  if (decoded->hrp != kIdentityHrp) {
    return MakeError("not an age X25519 identity (expected an uppercase \"AGE-SECRET-KEY-1...\")");
  }
  if (decoded->data.size() != 32) return MakeError("malformed age identity (wrong key length)");
  X25519Identity id;
  id.scalar_ = std::move(decoded->data);
  std::array<uint8_t, 32> pub;
  crypto_scalarmult_curve25519_base(pub.data(), id.scalar_.data());
  id.recipient_ = X25519Recipient::FromPublicKey(pub);
  return id;
}

X25519Identity X25519Identity::Generate() {
  EnsureSodium();
  X25519Identity id;
  id.scalar_ = SecureBytes::Random(32);
  std::array<uint8_t, 32> pub;
  crypto_scalarmult_curve25519_base(pub.data(), id.scalar_.data());
  id.recipient_ = X25519Recipient::FromPublicKey(pub);
  return id;
}

SecureBytes X25519Identity::ToSecretString() const {
  return Bech32Encode(kIdentityHrp, scalar_.view());
}

Result<std::optional<SecureBytes>> X25519Identity::Unwrap(const AgeStanza& stanza) const {
  if (stanza.type != "X25519") return std::optional<SecureBytes>();
  if (stanza.args.size() != 1) {
    return MakeError("age header: X25519 stanza must have exactly one argument");
  }
  auto share = Base64DecodeStrict(stanza.args[0], Base64Padding::kUnpadded);
  if (!share || share->size() != 32) {
    return MakeError("age header: X25519 share is not canonical base64 of 32 bytes");
  }
  if (stanza.body.size() != 16 + kPoly1305TagSize) {
    return MakeError("age header: X25519 stanza body is not 32 bytes");
  }
  SecureBytes shared(32);
  if (crypto_scalarmult_curve25519(shared.data(), scalar_.data(),
                                   reinterpret_cast<const uint8_t*>(share->data())) != 0) {
    return MakeError("age header: X25519 share is a low-order point");
  }
  std::string salt = *share + std::string(AsView(recipient_.public_key()));
  SecureBytes wrap_key = HkdfSha256(shared.view(), salt, kStanzaInfo);
  SecureBytes file_key(16);
  if (!ChaChaOpen(wrap_key.view(), {}, stanza.body, file_key.data())) {
    return std::optional<SecureBytes>();
  }
  return std::optional<SecureBytes>(std::move(file_key));
}

Result<std::optional<SecureBytes>> UnwrapFileKey(std::span<const AgeStanza> stanzas,
                                                 std::span<const X25519Identity> identities) {
  for (const X25519Identity& identity : identities) {
    for (const AgeStanza& stanza : stanzas) {
      Result<std::optional<SecureBytes>> key = identity.Unwrap(stanza);
      if (!key.ok() || key->has_value()) return key;
    }
  }
  return std::optional<SecureBytes>();
}

}  // namespace clef::crypto

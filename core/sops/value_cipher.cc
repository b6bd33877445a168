#include "core/sops/value_cipher.h"

#include <cstdint>
#include <span>
#include <stdexcept>

#include "core/crypto/gcm_context.h"

namespace clef::sops {
namespace {

// One context per thread: set up once, key schedule kept while the data key is the same.
crypto::GcmContext& ThreadContext() {
  thread_local crypto::GcmContext context;
  return context;
}

}  // namespace

EncryptedValue SealValueWithIv(std::string_view key, std::string_view plaintext,
                               std::string_view aad, ValueType type, std::string_view iv) {
  if (iv.size() != kIvSize) throw std::logic_error("AES-256-GCM: sops writes 32-byte IVs");
  if (key.size() != kDataKeySize) throw std::logic_error("AES-256-GCM setup");
  Result<crypto::GcmSealed> sealed = ThreadContext().SealWithIv(key, iv, aad, plaintext);
  if (!sealed.ok()) throw std::logic_error("AES-256-GCM encrypt");
  EncryptedValue out;
  out.type = type;
  out.iv = std::move(sealed->iv);
  out.ciphertext = std::move(sealed->ciphertext);
  out.tag = std::move(sealed->tag);
  return out;
}

EncryptedValue SealValue(std::string_view key, std::string_view plaintext, std::string_view aad,
                         ValueType type) {
  SecureBytes iv = SecureBytes::Random(kIvSize);
  return SealValueWithIv(key, plaintext, aad, type, iv.view());
}

Result<size_t> OpenValueInto(std::string_view key, const EncryptedValue& value,
                             std::string_view aad, SecureBytes& out) {
  if (value.iv.size() != kIvSize || value.tag.size() != kTagSize) {
    return MakeError("the encrypted value has no usable iv or tag");
  }
  if (out.size() < value.ciphertext.size()) out = SecureBytes(value.ciphertext.size() + 256);
  Status opened = ThreadContext().Open(key, value.iv, aad, value.ciphertext, value.tag,
                                       std::span<uint8_t>(out.data(), value.ciphertext.size()));
  if (!opened.ok()) {
    return MakeError("the encrypted value does not authenticate (wrong key, or it was changed)");
  }
  return value.ciphertext.size();
}

Result<SecureBytes> OpenValue(std::string_view key, const EncryptedValue& value,
                              std::string_view aad) {
  SecureBytes plain(value.ciphertext.size() + 1);
  Result<size_t> n = OpenValueInto(key, value, aad, plain);
  if (!n.ok()) return n.error();
  plain.Truncate(*n);
  return plain;
}

}  // namespace clef::sops

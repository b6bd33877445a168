#include "core/sops/value_cipher.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace clef::sops {
namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx NewContext(std::string_view key, std::string_view iv, bool encrypt) {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx || key.size() != kDataKeySize) throw std::logic_error("AES-256-GCM setup");
  const int enc = encrypt ? 1 : 0;
  if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr, enc) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()),
                          nullptr) != 1 ||
      EVP_CipherInit_ex(ctx.get(), nullptr, nullptr,
                        reinterpret_cast<const unsigned char*>(key.data()),
                        reinterpret_cast<const unsigned char*>(iv.data()), enc) != 1) {
    throw std::logic_error("AES-256-GCM setup");
  }
  return ctx;
}

bool Aad(EVP_CIPHER_CTX* ctx, std::string_view aad) {
  int len = 0;
  return aad.empty() ||
         EVP_CipherUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())) == 1;
}

}  // namespace

EncryptedValue SealValueWithIv(std::string_view key, std::string_view plaintext,
                               std::string_view aad, ValueType type, std::string_view iv) {
  if (iv.size() != kIvSize) throw std::logic_error("AES-256-GCM: sops writes 32-byte IVs");
  CipherCtx ctx = NewContext(key, iv, true);
  EncryptedValue out;
  out.type = type;
  out.iv = std::string(iv);
  out.ciphertext.resize(plaintext.size());
  int len = 0;
  if (!Aad(ctx.get(), aad) ||
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.ciphertext.data()), &len,
                        reinterpret_cast<const unsigned char*>(plaintext.data()),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), nullptr, &len) != 1) {
    throw std::logic_error("AES-256-GCM encrypt");
  }
  out.tag.resize(kTagSize);
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, out.tag.data()) != 1) {
    throw std::logic_error("AES-256-GCM tag");
  }
  return out;
}

EncryptedValue SealValue(std::string_view key, std::string_view plaintext, std::string_view aad,
                         ValueType type) {
  SecureBytes iv = SecureBytes::Random(kIvSize);
  return SealValueWithIv(key, plaintext, aad, type, iv.view());
}

Result<size_t> OpenValueInto(std::string_view key, const EncryptedValue& value,
                             std::string_view aad, SecureBytes& out) {
  if (value.iv.empty() || value.tag.size() != kTagSize) {
    return MakeError("the encrypted value has no usable iv or tag");
  }
  if (out.size() < value.ciphertext.size()) out = SecureBytes(value.ciphertext.size() + 256);
  CipherCtx ctx = NewContext(key, value.iv, false);
  int len = 0;
  std::string tag = value.tag;
  bool ok = Aad(ctx.get(), aad) &&
            EVP_DecryptUpdate(ctx.get(), out.data(), &len,
                              reinterpret_cast<const unsigned char*>(value.ciphertext.data()),
                              static_cast<int>(value.ciphertext.size())) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), nullptr, &len) == 1;
  if (!ok) {
    Wipe(out.data(), value.ciphertext.size());
    return MakeError("the encrypted value does not authenticate (wrong key, or it was changed)");
  }
  return value.ciphertext.size();
}

Result<SecureBytes> OpenValue(std::string_view key, const EncryptedValue& value,
                              std::string_view aad) {
  SecureBytes plain(value.ciphertext.size());
  Result<size_t> n = OpenValueInto(key, value, aad, plain);
  if (!n.ok()) return n.error();
  return plain;
}

}  // namespace clef::sops

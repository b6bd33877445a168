#include "core/crypto/aes_gcm.h"

#include <openssl/evp.h>

#include <memory>

namespace clef::crypto {
namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Status CheckSizes(std::string_view key, std::string_view iv) {
  if (key.size() != kDataKeySize) return MakeError("AES-256-GCM: the data key is not 32 bytes");
  if (iv.empty()) return MakeError("AES-256-GCM: empty IV");
  return Status::Ok();
}

// Creates a context with the IV length set before key and IV, as OpenSSL requires.
Result<CipherCtx> NewContext(bool encrypt, std::string_view key, std::string_view iv) {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) return MakeError("AES-256-GCM: out of memory");
  int ok = encrypt ? EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr)
                   : EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr);
  ok = ok &&
       EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr);
  ok = ok && (encrypt ? EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, U(key), U(iv))
                      : EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, U(key), U(iv)));
  if (!ok) return MakeError("AES-256-GCM: cannot initialise the cipher");
  return ctx;
}

}  // namespace

Result<GcmCiphertext> AesGcmSeal(std::string_view key, std::string_view iv, std::string_view aad,
                                 std::string_view plaintext) {
  if (Status s = CheckSizes(key, iv); !s.ok()) return s.error();
  Result<CipherCtx> ctx = NewContext(true, key, iv);
  if (!ctx.ok()) return ctx.error();
  int len = 0;
  GcmCiphertext out;
  out.iv = std::string(iv);
  out.data.resize(plaintext.size());
  bool ok = aad.empty() ||
            EVP_EncryptUpdate(ctx->get(), nullptr, &len, U(aad), static_cast<int>(aad.size()));
  if (ok && !plaintext.empty()) {
    ok = EVP_EncryptUpdate(ctx->get(), reinterpret_cast<unsigned char*>(out.data.data()), &len,
                           U(plaintext), static_cast<int>(plaintext.size()));
  }
  unsigned char final_block[16];
  ok = ok && EVP_EncryptFinal_ex(ctx->get(), final_block, &len);
  out.tag.resize(kGcmTagSize);
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx->get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize, out.tag.data());
  if (!ok) return MakeError("AES-256-GCM: encryption failed");
  return out;
}

Result<SecureBytes> AesGcmOpen(std::string_view key, std::string_view iv, std::string_view aad,
                               std::string_view data, std::string_view tag) {
  if (Status s = CheckSizes(key, iv); !s.ok()) return s.error();
  if (tag.size() != kGcmTagSize) return MakeError("AES-256-GCM: the tag is not 16 bytes");
  Result<CipherCtx> ctx = NewContext(false, key, iv);
  if (!ctx.ok()) return ctx.error();
  SecureBytes out(data.size() + 1);  // +1: a valid pointer for empty data
  int len = 0;
  bool ok = aad.empty() ||
            EVP_DecryptUpdate(ctx->get(), nullptr, &len, U(aad), static_cast<int>(aad.size()));
  if (ok && !data.empty()) {
    ok = EVP_DecryptUpdate(ctx->get(), out.data(), &len, U(data), static_cast<int>(data.size()));
  }
  std::string tag_copy(tag);
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx->get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, tag_copy.data());
  unsigned char final_block[16];
  ok = ok && EVP_DecryptFinal_ex(ctx->get(), final_block, &len) > 0;
  if (!ok) return MakeError("value does not authenticate (wrong data key, AAD, or tampered value)");
  out.Truncate(data.size());
  return out;
}

}  // namespace clef::crypto

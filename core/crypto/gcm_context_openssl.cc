#include <openssl/evp.h>
#include <sodium.h>

#include <cstring>

#include "core/crypto/gcm_context.h"

namespace clef::crypto {
namespace {

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

struct GcmContext::State {
  EVP_CIPHER* cipher = nullptr;
  EVP_CIPHER_CTX* ctx = nullptr;
  int mode = -1;  // 1 encrypt, 0 decrypt, -1 not initialised
  // The key the context's schedule was built for. Plain memory like the schedule inside
  // `ctx`; both are wiped when the cipher goes away.
  unsigned char key[kDataKeySize] = {};
  ~State() {
    EVP_CIPHER_CTX_free(ctx);  // clears the schedule
    EVP_CIPHER_free(cipher);
    sodium_memzero(key, sizeof key);
  }
};

GcmContext::GcmContext(Backend backend)
    : state_(std::make_unique<State>()),
      fast_(backend == Backend::kAuto && AesGcmX86Available()) {}
GcmContext::~GcmContext() = default;
GcmContext::GcmContext(GcmContext&&) noexcept = default;
GcmContext& GcmContext::operator=(GcmContext&&) noexcept = default;

// Sets the IV (and the key and direction when they change) on the one context.
Status GcmContext::Prepare(bool encrypt, std::string_view key, std::string_view iv) {
  State& s = *state_;
  if (s.ctx == nullptr) {
    s.cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    s.ctx = EVP_CIPHER_CTX_new();
    if (s.cipher == nullptr || s.ctx == nullptr) {
      return MakeError("AES-256-GCM: OpenSSL cannot provide the cipher");
    }
  }
  const int mode = encrypt ? 1 : 0;
  const bool new_key = s.mode != mode || !SameKey32(s.key, key.data());
  if (new_key) {
    // Cipher, IV length, then key and IV: the order OpenSSL requires for a 32-byte GCM IV.
    if (EVP_CipherInit_ex(s.ctx, s.cipher, nullptr, nullptr, nullptr, mode) != 1 ||
        EVP_CIPHER_CTX_ctrl(s.ctx, EVP_CTRL_GCM_SET_IVLEN, kSopsIvSize, nullptr) != 1 ||
        EVP_CipherInit_ex(s.ctx, nullptr, nullptr, U(key), U(iv), mode) != 1) {
      s.mode = -1;
      return MakeError("AES-256-GCM: cannot initialise the cipher");
    }
    s.mode = mode;
    std::memcpy(s.key, key.data(), kDataKeySize);
    return Status::Ok();
  }
  if (EVP_CipherInit_ex(s.ctx, nullptr, nullptr, nullptr, U(iv), mode) != 1) {
    s.mode = -1;
    return MakeError("AES-256-GCM: cannot set the IV");
  }
  return Status::Ok();
}

Result<bool> GcmContext::LibraryOpen(std::string_view key, std::string_view iv,
                                     std::string_view aad, std::string_view ciphertext,
                                     std::string_view tag, uint8_t* out) {
  if (Status s = Prepare(false, key, iv); !s.ok()) return s.error();
  EVP_CIPHER_CTX* ctx = state_->ctx;
  int len = 0;
  unsigned char tag_copy[kGcmTagSize];
  std::memcpy(tag_copy, tag.data(), kGcmTagSize);
  bool ok = aad.empty() ||
            EVP_DecryptUpdate(ctx, nullptr, &len, U(aad), static_cast<int>(aad.size())) == 1;
  if (ok && !ciphertext.empty()) {
    ok = EVP_DecryptUpdate(ctx, out, &len, U(ciphertext), static_cast<int>(ciphertext.size())) == 1;
  }
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kGcmTagSize, tag_copy) == 1;
  unsigned char final_block[16];
  return ok && EVP_DecryptFinal_ex(ctx, final_block, &len) == 1;
}

Status GcmContext::LibrarySeal(std::string_view key, std::string_view iv, std::string_view aad,
                               std::string_view plaintext, uint8_t* ciphertext_out,
                               uint8_t* tag_out) {
  if (Status s = Prepare(true, key, iv); !s.ok()) return s;
  EVP_CIPHER_CTX* ctx = state_->ctx;
  int len = 0;
  bool ok = aad.empty() ||
            EVP_EncryptUpdate(ctx, nullptr, &len, U(aad), static_cast<int>(aad.size())) == 1;
  if (ok && !plaintext.empty()) {
    ok = EVP_EncryptUpdate(ctx, ciphertext_out, &len, U(plaintext),
                           static_cast<int>(plaintext.size())) == 1;
  }
  unsigned char final_block[16];
  ok = ok && EVP_EncryptFinal_ex(ctx, final_block, &len) == 1;
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kGcmTagSize, tag_out) == 1;
  if (!ok) return MakeError("AES-256-GCM: encryption failed");
  return Status::Ok();
}

}  // namespace clef::crypto

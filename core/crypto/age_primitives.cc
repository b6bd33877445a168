#include "core/crypto/age_primitives.h"

#include <sodium.h>

namespace clef::crypto {

std::array<uint8_t, 32> HmacSha256(std::string_view key, std::string_view message) {
  EnsureSodium();
  static const unsigned char kEmpty[1] = {0};
  crypto_auth_hmacsha256_state state;
  const auto* k = key.empty() ? kEmpty : reinterpret_cast<const unsigned char*>(key.data());
  crypto_auth_hmacsha256_init(&state, k, key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  std::array<uint8_t, 32> mac;
  crypto_auth_hmacsha256_final(&state, mac.data());
  Wipe(&state, sizeof state);
  return mac;
}

SecureBytes HkdfSha256(std::string_view ikm, std::string_view salt, std::string_view info) {
  std::array<uint8_t, 32> prk = HmacSha256(salt, ikm);
  SecureBytes message(info.size() + 1);
  std::copy(info.begin(), info.end(), message.data());
  message.data()[info.size()] = 0x01;
  std::array<uint8_t, 32> okm = HmacSha256(
      std::string_view(reinterpret_cast<const char*>(prk.data()), prk.size()), message.view());
  SecureBytes out =
      SecureBytes::CopyOf(std::string_view(reinterpret_cast<const char*>(okm.data()), okm.size()));
  Wipe(prk.data(), prk.size());
  Wipe(okm.data(), okm.size());
  return out;
}

std::string ChaChaSeal(std::string_view key, const std::array<uint8_t, 12>& nonce,
                       std::string_view plaintext) {
  EnsureSodium();
  std::string out(plaintext.size() + kPoly1305TagSize, '\0');
  unsigned long long len = 0;
  crypto_aead_chacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(out.data()), &len,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), nullptr, 0,
      nullptr, nonce.data(), reinterpret_cast<const unsigned char*>(key.data()));
  return out;
}

bool ChaChaOpen(std::string_view key, const std::array<uint8_t, 12>& nonce,
                std::string_view ciphertext, uint8_t* out) {
  EnsureSodium();
  if (ciphertext.size() < kPoly1305TagSize) return false;
  unsigned long long len = 0;
  return crypto_aead_chacha20poly1305_ietf_decrypt(
             out, &len, nullptr, reinterpret_cast<const unsigned char*>(ciphertext.data()),
             ciphertext.size(), nullptr, 0, nonce.data(),
             reinterpret_cast<const unsigned char*>(key.data())) == 0;
}

}  // namespace clef::crypto

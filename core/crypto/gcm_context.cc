// The parts of GcmContext all paths share: argument checks and the choice between the x86
// AES-NI path (aes_gcm_x86.h) and the library backend (gcm_context_mbedtls.cc or
// gcm_context_openssl.cc, one of which is built).
#include "core/crypto/gcm_context.h"

#include <sodium.h>

#include <cstring>

#include "core/crypto/aes_gcm_x86.h"

namespace clef::crypto {
bool SameKey32(const uint8_t* a, const char* b) {
  uint64_t x[4], y[4];
  std::memcpy(x, a, sizeof x);
  std::memcpy(y, b, sizeof y);
  return ((x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2]) | (x[3] ^ y[3])) == 0;
}

const AesGcmX86Key* GcmContext::FastKey(std::string_view key) {
  // The schedule first (SecureBytes memory is 16-byte aligned, as its uint64_t fields need),
  // then the key it was made from and a flag saying the two match.
  if (fast_key_.empty()) fast_key_ = SecureBytes(sizeof(AesGcmX86Key) + kDataKeySize + 1);
  auto* expanded = reinterpret_cast<AesGcmX86Key*>(fast_key_.data());
  uint8_t* raw = fast_key_.data() + sizeof(AesGcmX86Key);
  if (raw[kDataKeySize] == 0 || !SameKey32(raw, key.data())) {
    std::memcpy(raw, key.data(), kDataKeySize);
    ExpandAesGcmX86Key(raw, expanded);
    raw[kDataKeySize] = 1;
  }
  return expanded;
}

Status GcmContext::Open(std::string_view key, std::string_view iv, std::string_view aad,
                        std::string_view ciphertext, std::string_view tag, std::span<uint8_t> out) {
  if (key.size() != kDataKeySize) return MakeError("AES-256-GCM: the data key is not 32 bytes");
  if (iv.size() != kSopsIvSize) return MakeError("AES-256-GCM: the IV is not 32 bytes");
  if (tag.size() != kGcmTagSize) return MakeError("AES-256-GCM: the tag is not 16 bytes");
  if (out.size() != ciphertext.size()) return MakeError("AES-256-GCM: output size mismatch");
  bool authentic;
  if (fast_) {
    authentic = OpenAesGcmX86(*FastKey(key), iv, aad, ciphertext, tag, out.data());
  } else {
    Result<bool> opened = LibraryOpen(key, iv, aad, ciphertext, tag, out.data());
    if (!opened.ok()) return opened.error();
    authentic = *opened;
  }
  if (!authentic) {
    if (!out.empty()) sodium_memzero(out.data(), out.size());
    return MakeError("value does not authenticate (wrong data key, AAD, or tampered value)");
  }
  return Status::Ok();
}

Result<GcmSealed> GcmContext::SealWithIv(std::string_view key, std::string_view iv,
                                         std::string_view aad, std::string_view plaintext) {
  if (key.size() != kDataKeySize) return MakeError("AES-256-GCM: the data key is not 32 bytes");
  if (iv.size() != kSopsIvSize) return MakeError("AES-256-GCM: the IV is not 32 bytes");
  GcmSealed out;
  out.iv = std::string(iv);
  out.ciphertext.resize(plaintext.size());
  out.tag.resize(kGcmTagSize);
  auto* ciphertext = reinterpret_cast<uint8_t*>(out.ciphertext.data());
  auto* tag = reinterpret_cast<uint8_t*>(out.tag.data());
  if (fast_) {
    SealAesGcmX86(*FastKey(key), iv, aad, plaintext, ciphertext, tag);
  } else if (Status s = LibrarySeal(key, iv, aad, plaintext, ciphertext, tag); !s.ok()) {
    return s.error();
  }
  return out;
}

Result<GcmSealed> GcmContext::Seal(std::string_view key, std::string_view aad,
                                   std::string_view plaintext) {
  EnsureSodium();
  std::string iv(kSopsIvSize, '\0');
  randombytes_buf(iv.data(), iv.size());
  return SealWithIv(key, iv, aad, plaintext);
}

}  // namespace clef::crypto

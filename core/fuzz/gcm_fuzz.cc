// libFuzzer target, differential: GcmContext's AES-NI/PCLMULQDQ path (aes_gcm_x86.h) and its
// library backend (mbed TLS or OpenSSL) must write the same ciphertext and tag for every key,
// AAD and text, each must open what the other sealed, and both must refuse a changed tag or a
// changed byte of the ciphertext. Input: 32 key bytes, 32 IV bytes, one AAD length byte, then
// the AAD and the plaintext. On a CPU without AES-NI both sides are the library (no check).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/gcm_context.h"

using clef::crypto::GcmContext;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 65) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::string_view key = in.substr(0, 32), iv = in.substr(32, 32);
  const size_t aad_size = std::min<size_t>(static_cast<uint8_t>(in[64]), size - 65);
  const std::string_view aad = in.substr(65, aad_size), plain = in.substr(65 + aad_size);

  static GcmContext fast(GcmContext::Backend::kAuto), library(GcmContext::Backend::kLibrary);
  auto a = fast.SealWithIv(key, iv, aad, plain);
  auto b = library.SealWithIv(key, iv, aad, plain);
  if (!a.ok() || !b.ok() || a->ciphertext != b->ciphertext || a->tag != b->tag) std::abort();

  std::vector<uint8_t> out(plain.size());
  if (!fast.Open(key, iv, aad, b->ciphertext, b->tag, out).ok()) std::abort();
  if (std::string_view(reinterpret_cast<const char*>(out.data()), out.size()) != plain)
    std::abort();
  if (!library.Open(key, iv, aad, a->ciphertext, a->tag, out).ok()) std::abort();

  std::string tag = a->tag;
  tag[plain.size() % 16] ^= 0x01;
  if (fast.Open(key, iv, aad, a->ciphertext, tag, out).ok()) std::abort();
  if (library.Open(key, iv, aad, a->ciphertext, tag, out).ok()) std::abort();
  if (!plain.empty()) {
    std::string changed = a->ciphertext;
    changed[aad_size % changed.size()] ^= 0x80;
    if (fast.Open(key, iv, aad, changed, a->tag, out).ok()) std::abort();
    for (uint8_t byte : out) {
      if (byte != 0) std::abort();  // a refused value leaves nothing behind
    }
  }
  return 0;
}

#include "core/crypto/age_stream.h"

#include <algorithm>
#include <array>

#include "core/crypto/age_primitives.h"

namespace clef::crypto {
namespace {

std::array<uint8_t, 12> ChunkNonce(uint64_t counter, bool last) {
  std::array<uint8_t, 12> nonce{};
  for (int i = 0; i < 8; ++i) nonce[10 - i] = static_cast<uint8_t>(counter >> (8 * i));
  nonce[11] = last ? 1 : 0;
  return nonce;
}

Error PayloadError(const std::string& what) { return MakeError("age payload: " + what); }

}  // namespace

SecureBytes DerivePayloadKey(std::string_view file_key, std::string_view nonce) {
  return HkdfSha256(file_key, nonce, "payload");
}

std::string StreamEncrypt(std::string_view payload_key, std::string_view plaintext) {
  std::string out;
  out.reserve(plaintext.size() + (plaintext.size() / kStreamChunkSize + 1) * kPoly1305TagSize);
  uint64_t counter = 0;
  size_t pos = 0;
  do {
    size_t n = std::min(kStreamChunkSize, plaintext.size() - pos);
    bool last = pos + n == plaintext.size();
    out += ChaChaSeal(payload_key, ChunkNonce(counter++, last), plaintext.substr(pos, n));
    pos += n;
  } while (pos < plaintext.size());
  return out;
}

Status StreamDecrypt(std::string_view payload_key, std::string_view ciphertext,
                     const PlaintextSink& sink) {
  constexpr size_t kFull = kStreamChunkSize + kPoly1305TagSize;
  // No chunk's plaintext is longer than the ciphertext left (a wrapped data key is 32 bytes, so
  // it stays in one small pooled block); +1: a valid pointer even for empty chunks.
  SecureBytes buffer(std::min(kStreamChunkSize, ciphertext.size()) + 1);
  uint64_t counter = 0;
  size_t pos = 0;
  while (true) {
    size_t remaining = ciphertext.size() - pos;
    if (remaining < kPoly1305TagSize) {
      return PayloadError(remaining == 0 && counter > 0 ? "missing final chunk"
                                                        : "truncated chunk");
    }
    size_t n = std::min(remaining, kFull);
    std::string_view chunk = ciphertext.substr(pos, n);
    bool more_follows = remaining > kFull;
    bool last = false;
    if (n == kFull) {
      if (ChaChaOpen(payload_key, ChunkNonce(counter, false), chunk, buffer.data())) {
        last = false;
      } else if (ChaChaOpen(payload_key, ChunkNonce(counter, true), chunk, buffer.data())) {
        last = true;
      } else {
        return PayloadError("chunk failed to authenticate");
      }
    } else {
      if (n == kPoly1305TagSize && counter > 0) {
        return PayloadError("empty final chunk after other chunks");
      }
      if (!ChaChaOpen(payload_key, ChunkNonce(counter, true), chunk, buffer.data())) {
        return PayloadError("chunk failed to authenticate");
      }
      last = true;
    }
    // Like Go's age, the final chunk is released before the trailing data is noticed.
    sink(std::string_view(reinterpret_cast<const char*>(buffer.data()), n - kPoly1305TagSize));
    if (last && more_follows) return PayloadError("data after the final chunk");
    pos += n;
    ++counter;
    if (last) return Status::Ok();
    if (pos == ciphertext.size()) return PayloadError("missing final chunk");
  }
}

}  // namespace clef::crypto

#include "core/crypto/aes_gcm_x86.h"

#include <cstring>

#include "core/crypto/secure_bytes.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define CLEF_X86_GCM 1
#define CLEF_X86_TARGET __attribute__((target("aes,pclmul,ssse3,sse4.1")))
#endif

namespace clef::crypto {

#if CLEF_X86_GCM
namespace {

using U128 = unsigned __int128;

// A GHASH element as one integer: the block's 16 bytes read big-endian, so the coefficient of
// x^i (the bit GCM stores as bit 7-(i%8) of byte i/8) is integer bit 127-i.
U128 LoadBlock(const uint8_t* p) {
  uint64_t hi, lo;
  std::memcpy(&hi, p, 8);
  std::memcpy(&lo, p + 8, 8);
  return (static_cast<U128>(__builtin_bswap64(hi)) << 64) | __builtin_bswap64(lo);
}

void StoreBlock(U128 v, uint8_t* p) {
  const uint64_t hi = __builtin_bswap64(static_cast<uint64_t>(v >> 64));
  const uint64_t lo = __builtin_bswap64(static_cast<uint64_t>(v));
  std::memcpy(p, &hi, 8);
  std::memcpy(p + 8, &lo, 8);
}

// Up to 16 bytes, zero-padded on the right as GCM pads the last block of AAD and text.
U128 LoadPartial(const uint8_t* p, size_t n) {
  uint8_t block[16] = {};
  std::memcpy(block, p, n);
  return LoadBlock(block);
}

CLEF_X86_TARGET U128 FromVector(__m128i v) {
  return (static_cast<U128>(static_cast<uint64_t>(_mm_extract_epi64(v, 1))) << 64) |
         static_cast<uint64_t>(_mm_cvtsi128_si64(v));
}

// x * h in GF(2^128) mod x^128 + x^7 + x^2 + x + 1, both in the integer form above.
// The carry-less product of the two integers has the coefficient of x^k at bit 254-k; shifted
// left once, its high half holds coefficients 0..127 in the same form and its low half L the
// coefficients 128..255 (a polynomial l with l_m at bit 127-m). x^128 = x^7 + x^2 + x + 1, so
// the result is high + l*(1 + x + x^2 + x^7); multiplying by x^j is a right shift by j, and
// the j bits shifted out (coefficients >= 128 again) are E = L << (128-j), reduced the same
// way once more (E has only its top 7 bits set, so nothing overflows a second time).
CLEF_X86_TARGET U128 GfMul(U128 x, const uint64_t h[2]) {
  const __m128i a = _mm_set_epi64x(static_cast<int64_t>(x >> 64), static_cast<int64_t>(x));
  const __m128i b = _mm_set_epi64x(static_cast<int64_t>(h[0]), static_cast<int64_t>(h[1]));
  const U128 p0 = FromVector(_mm_clmulepi64_si128(a, b, 0x00));
  const U128 p2 = FromVector(_mm_clmulepi64_si128(a, b, 0x11));
  const U128 p1 =
      FromVector(_mm_xor_si128(_mm_clmulepi64_si128(a, b, 0x01), _mm_clmulepi64_si128(a, b, 0x10)));
  U128 low = p0 ^ (p1 << 64);
  U128 high = p2 ^ (p1 >> 64);
  high = (high << 1) | (low >> 127);
  low <<= 1;
  const U128 e = (low << 127) ^ (low << 126) ^ (low << 121);
  return high ^ low ^ (low >> 1) ^ (low >> 2) ^ (low >> 7) ^ e ^ (e >> 1) ^ (e >> 2) ^ (e >> 7);
}

// GHASH over `data`, zero-padded to whole blocks, continuing from `x`.
CLEF_X86_TARGET U128 Ghash(U128 x, const uint64_t h[2], std::string_view data) {
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  size_t n = data.size();
  for (; n >= 16; p += 16, n -= 16) x = GfMul(x ^ LoadBlock(p), h);
  if (n > 0) x = GfMul(x ^ LoadPartial(p, n), h);
  return x;
}

CLEF_X86_TARGET __m128i EncryptBlock(const AesGcmX86Key& key, __m128i block) {
  const auto* rk = reinterpret_cast<const __m128i*>(key.round_keys);
  block = _mm_xor_si128(block, _mm_loadu_si128(rk));
  for (int r = 1; r < 14; ++r) block = _mm_aesenc_si128(block, _mm_loadu_si128(rk + r));
  return _mm_aesenclast_si128(block, _mm_loadu_si128(rk + 14));
}

// The pre-counter block J0 (SP 800-38D §7.1 step 2).
CLEF_X86_TARGET void CounterZero(const AesGcmX86Key& key, std::string_view iv, uint8_t j0[16]) {
  if (iv.size() == 12) {
    std::memcpy(j0, iv.data(), 12);
    j0[12] = j0[13] = j0[14] = 0;
    j0[15] = 1;
    return;
  }
  U128 x = Ghash(0, key.hash_key, iv);
  x = GfMul(x ^ static_cast<U128>(iv.size()) * 8, key.hash_key);
  StoreBlock(x, j0);
}

void Increment32(uint8_t block[16]) {
  for (int i = 15; i >= 12; --i) {
    if (++block[i] != 0) break;
  }
}

// CTR from inc32(J0) (GCTR of §6.5): out = in XOR keystream.
CLEF_X86_TARGET void Ctr(const AesGcmX86Key& key, const uint8_t j0[16], const uint8_t* in, size_t n,
                         uint8_t* out) {
  uint8_t counter[16];
  std::memcpy(counter, j0, 16);
  for (; n >= 16; in += 16, out += 16, n -= 16) {
    Increment32(counter);
    const __m128i ks = EncryptBlock(key, _mm_loadu_si128(reinterpret_cast<__m128i*>(counter)));
    const __m128i text = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_xor_si128(ks, text));
  }
  if (n > 0) {
    Increment32(counter);
    uint8_t ks[16];
    _mm_storeu_si128(reinterpret_cast<__m128i*>(ks),
                     EncryptBlock(key, _mm_loadu_si128(reinterpret_cast<__m128i*>(counter))));
    for (size_t i = 0; i < n; ++i) out[i] = in[i] ^ ks[i];
    Wipe(ks, sizeof ks);
  }
}

// The tag (§7.1 steps 5-6): E(J0) XOR GHASH(A || pad || C || pad || len(A) || len(C)).
CLEF_X86_TARGET void Tag(const AesGcmX86Key& key, const uint8_t j0[16], std::string_view aad,
                         std::string_view ciphertext, uint8_t tag[16]) {
  U128 x = Ghash(0, key.hash_key, aad);
  x = Ghash(x, key.hash_key, ciphertext);
  x = GfMul(
      x ^ ((static_cast<U128>(aad.size()) * 8) << 64) ^ static_cast<U128>(ciphertext.size()) * 8,
      key.hash_key);
  uint8_t s[16];
  StoreBlock(x, s);
  const __m128i mask = EncryptBlock(key, _mm_loadu_si128(reinterpret_cast<const __m128i*>(j0)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(tag),
                   _mm_xor_si128(mask, _mm_loadu_si128(reinterpret_cast<__m128i*>(s))));
  Wipe(s, sizeof s);  // derived from the hash key
}

// One AES-256 key-schedule step pair (FIPS-197 §5.2, Nk = 8): `even` gets words i..i+3 for
// i % 8 == 0 (RotWord, SubWord, Rcon of the previous odd key's last word), `odd` words i+4..
// i+7 (SubWord only of the new even key's last word).
CLEF_X86_TARGET __m128i PrefixXor(__m128i k) {
  __m128i t = _mm_slli_si128(k, 4);
  k = _mm_xor_si128(k, t);
  t = _mm_slli_si128(t, 4);
  k = _mm_xor_si128(k, t);
  t = _mm_slli_si128(t, 4);
  return _mm_xor_si128(k, t);
}

template <int kRcon>
CLEF_X86_TARGET __m128i NextEven(__m128i even, __m128i odd) {
  const __m128i t = _mm_shuffle_epi32(_mm_aeskeygenassist_si128(odd, kRcon), 0xff);
  return _mm_xor_si128(PrefixXor(even), t);
}

CLEF_X86_TARGET __m128i NextOdd(__m128i odd, __m128i even) {
  const __m128i t = _mm_shuffle_epi32(_mm_aeskeygenassist_si128(even, 0), 0xaa);
  return _mm_xor_si128(PrefixXor(odd), t);
}

// Round keys rk[0] (and rk[1] unless kOdd is false) from rk[-2] and rk[-1].
template <int kRcon, bool kOdd = true>
CLEF_X86_TARGET void KeyStep(__m128i* rk) {
  const __m128i even = NextEven<kRcon>(_mm_loadu_si128(rk - 2), _mm_loadu_si128(rk - 1));
  _mm_storeu_si128(rk, even);
  if (kOdd) _mm_storeu_si128(rk + 1, NextOdd(_mm_loadu_si128(rk - 1), even));
}

}  // namespace

bool AesGcmX86Available() {
  static const bool available = __builtin_cpu_supports("aes") && __builtin_cpu_supports("pclmul") &&
                                __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("sse4.1");
  return available;
}

CLEF_X86_TARGET void ExpandAesGcmX86Key(const uint8_t* key, AesGcmX86Key* out) {
  auto* rk = reinterpret_cast<__m128i*>(out->round_keys);
  _mm_storeu_si128(rk + 0, _mm_loadu_si128(reinterpret_cast<const __m128i*>(key)));
  _mm_storeu_si128(rk + 1, _mm_loadu_si128(reinterpret_cast<const __m128i*>(key + 16)));
  KeyStep<0x01>(rk + 2);
  KeyStep<0x02>(rk + 4);
  KeyStep<0x04>(rk + 6);
  KeyStep<0x08>(rk + 8);
  KeyStep<0x10>(rk + 10);
  KeyStep<0x20>(rk + 12);
  KeyStep<0x40, /*kOdd=*/false>(rk + 14);
  uint8_t h[16];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h), EncryptBlock(*out, _mm_setzero_si128()));
  const U128 hv = LoadBlock(h);
  out->hash_key[0] = static_cast<uint64_t>(hv >> 64);
  out->hash_key[1] = static_cast<uint64_t>(hv);
  Wipe(h, sizeof h);
}

bool OpenAesGcmX86(const AesGcmX86Key& key, std::string_view iv, std::string_view aad,
                   std::string_view ciphertext, std::string_view tag, uint8_t* out) {
  if (iv.empty() || tag.size() != 16) return false;
  uint8_t j0[16], expected[16];
  CounterZero(key, iv, j0);
  Tag(key, j0, aad, ciphertext, expected);
  uint8_t diff = 0;
  for (int i = 0; i < 16; ++i) diff |= expected[i] ^ static_cast<uint8_t>(tag[i]);
  Wipe(expected, sizeof expected);
  if (diff == 0) {
    Ctr(key, j0, reinterpret_cast<const uint8_t*>(ciphertext.data()), ciphertext.size(), out);
  }
  Wipe(j0, sizeof j0);
  return diff == 0;
}

void SealAesGcmX86(const AesGcmX86Key& key, std::string_view iv, std::string_view aad,
                   std::string_view plaintext, uint8_t* ciphertext_out, uint8_t* tag_out) {
  uint8_t j0[16];
  CounterZero(key, iv, j0);
  Ctr(key, j0, reinterpret_cast<const uint8_t*>(plaintext.data()), plaintext.size(),
      ciphertext_out);
  Tag(key, j0, aad,
      std::string_view(reinterpret_cast<const char*>(ciphertext_out), plaintext.size()), tag_out);
  Wipe(j0, sizeof j0);
}

#else  // not x86-64: GcmContext stays on its library backend.

bool AesGcmX86Available() { return false; }
void ExpandAesGcmX86Key(const uint8_t*, AesGcmX86Key*) {}
bool OpenAesGcmX86(const AesGcmX86Key&, std::string_view, std::string_view, std::string_view,
                   std::string_view, uint8_t*) {
  return false;
}
void SealAesGcmX86(const AesGcmX86Key&, std::string_view, std::string_view, std::string_view,
                   uint8_t*, uint8_t*) {}

#endif

}  // namespace clef::crypto

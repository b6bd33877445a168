// The x86-64 AES-NI/PCLMULQDQ AES-256-GCM (core/crypto/aes_gcm_x86.h) against OpenSSL's EVP
// implementation, an independent one, on random keys and every IV, AAD and text length that
// exercises a code path: 12-byte IVs (the standard J0) and others (GHASH J0, sops's 32 bytes),
// empty, partial and whole blocks, several blocks.
#include "core/crypto/aes_gcm_x86.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "core/crypto/secure_bytes.h"

namespace clef::crypto {
namespace {

std::string Random(size_t n) {
  std::string s(n, '\0');
  if (n) randombytes_buf(s.data(), n);
  return s;
}

const unsigned char* U(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

struct Sealed {
  std::string ciphertext, tag;
};

// The reference: OpenSSL EVP AES-256-GCM with the given IV length.
Sealed EvpSeal(const std::string& key, const std::string& iv, const std::string& aad,
               const std::string& plaintext) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  Sealed out;
  out.ciphertext.resize(plaintext.size());
  out.tag.resize(16);
  int len = 0;
  EXPECT_EQ(EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr), 1);
  EXPECT_EQ(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr),
            1);
  EXPECT_EQ(EVP_EncryptInit_ex(ctx, nullptr, nullptr, U(key), U(iv)), 1);
  if (!aad.empty()) {
    EXPECT_EQ(EVP_EncryptUpdate(ctx, nullptr, &len, U(aad), static_cast<int>(aad.size())), 1);
  }
  if (!plaintext.empty()) {
    EXPECT_EQ(EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char*>(out.ciphertext.data()), &len,
                                U(plaintext), static_cast<int>(plaintext.size())),
              1);
  }
  unsigned char fin[16];
  EXPECT_EQ(EVP_EncryptFinal_ex(ctx, fin, &len), 1);
  EXPECT_EQ(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, out.tag.data()), 1);
  EVP_CIPHER_CTX_free(ctx);
  return out;
}

class AesGcmX86 : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!AesGcmX86Available()) GTEST_SKIP() << "this CPU has no AES-NI/PCLMULQDQ";
    EnsureSodium();
  }
  static AesGcmX86Key Expand(const std::string& key) {
    AesGcmX86Key k;
    ExpandAesGcmX86Key(U(key), &k);
    return k;
  }
};

TEST_F(AesGcmX86, MatchesOpenSslForEveryLengthClass) {
  const size_t iv_sizes[] = {1, 8, 12, 15, 16, 17, 32, 60, 64};
  const size_t aad_sizes[] = {0, 1, 15, 16, 17, 31, 32, 33, 48, 100};
  const size_t text_sizes[] = {0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 48, 64, 65, 250, 1000};
  int cases = 0;
  for (size_t iv_size : iv_sizes) {
    for (size_t aad_size : aad_sizes) {
      for (size_t text_size : text_sizes) {
        const std::string key = Random(32), iv = Random(iv_size), aad = Random(aad_size);
        const std::string text = Random(text_size);
        const Sealed want = EvpSeal(key, iv, aad, text);
        const AesGcmX86Key k = Expand(key);
        std::string ct(text.size(), '\0'), tag(16, '\0');
        SealAesGcmX86(k, iv, aad, text, reinterpret_cast<uint8_t*>(ct.data()),
                      reinterpret_cast<uint8_t*>(tag.data()));
        ASSERT_EQ(ct, want.ciphertext)
            << "iv " << iv_size << " aad " << aad_size << " text " << text_size;
        ASSERT_EQ(tag, want.tag) << "iv " << iv_size << " aad " << aad_size << " text "
                                 << text_size;
        std::string back(text.size(), '\0');
        ASSERT_TRUE(OpenAesGcmX86(k, iv, aad, want.ciphertext, want.tag,
                                  reinterpret_cast<uint8_t*>(back.data())));
        ASSERT_EQ(back, text);
        ++cases;
      }
    }
  }
  EXPECT_EQ(cases, 9 * 10 * 15);
}

TEST_F(AesGcmX86, ManyRandomKeysWithSopsSizes) {
  for (int i = 0; i < 2000; ++i) {
    const std::string key = Random(32), iv = Random(32), aad = "app:db:password:";
    const std::string text = Random(randombytes_uniform(80));
    const Sealed want = EvpSeal(key, iv, aad, text);
    std::string ct(text.size(), '\0'), tag(16, '\0');
    SealAesGcmX86(Expand(key), iv, aad, text, reinterpret_cast<uint8_t*>(ct.data()),
                  reinterpret_cast<uint8_t*>(tag.data()));
    ASSERT_EQ(ct + tag, want.ciphertext + want.tag) << "case " << i;
  }
}

TEST_F(AesGcmX86, RefusesEveryChangeAndWritesNothing) {
  const std::string key = Random(32), iv = Random(32),
                    aad = "k:", text = "a secret of 33 bytes, two blocks";
  const Sealed sealed = EvpSeal(key, iv, aad, text);
  const AesGcmX86Key k = Expand(key);
  auto refused = [&](const std::string& i, const std::string& a, const std::string& c,
                     const std::string& t) {
    std::string out(c.size(), '\x5a');
    bool ok = OpenAesGcmX86(k, i, a, c, t, reinterpret_cast<uint8_t*>(out.data()));
    return !ok && out == std::string(c.size(), '\x5a');
  };
  for (size_t b = 0; b < sealed.ciphertext.size(); ++b) {
    std::string c = sealed.ciphertext;
    c[b] ^= 0x01;
    EXPECT_TRUE(refused(iv, aad, c, sealed.tag)) << "ciphertext byte " << b;
  }
  for (size_t b = 0; b < 16; ++b) {
    std::string t = sealed.tag;
    t[b] ^= 0x80;
    EXPECT_TRUE(refused(iv, aad, sealed.ciphertext, t)) << "tag byte " << b;
  }
  for (size_t b = 0; b < iv.size(); ++b) {
    std::string i = iv;
    i[b] ^= 0x10;
    EXPECT_TRUE(refused(i, aad, sealed.ciphertext, sealed.tag)) << "iv byte " << b;
  }
  EXPECT_TRUE(refused(iv, "k", sealed.ciphertext, sealed.tag));
  EXPECT_TRUE(refused(iv, aad, sealed.ciphertext.substr(1), sealed.tag));
  EXPECT_TRUE(refused(iv, aad, sealed.ciphertext, sealed.tag.substr(0, 15)));
  EXPECT_TRUE(refused(std::string(), aad, sealed.ciphertext, sealed.tag));
  const AesGcmX86Key other = Expand(Random(32));
  std::string out(text.size(), '\0');
  EXPECT_FALSE(OpenAesGcmX86(other, iv, aad, sealed.ciphertext, sealed.tag,
                             reinterpret_cast<uint8_t*>(out.data())));
}

}  // namespace
}  // namespace clef::crypto

// AES-256-GCM with sops's 32-byte IV (core/crypto/aes_gcm.h), the cipher the data key code
// uses. The sops ENC[...] value vectors are tested on core/sops (tests/sops/value_cipher_test).
#include "core/crypto/aes_gcm.h"

#include <gtest/gtest.h>

#include <string>

namespace clef::crypto {
namespace {

std::string Seq(int from, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>(from + i));
  return out;
}

TEST(AesGcm, ReproducesTheSpecVector) {
  // sops-format.md §1.7: key 000102..1f, iv 202122..3f, AAD "app:password:", "hunter2".
  Result<GcmCiphertext> sealed = AesGcmSeal(Seq(0, 32), Seq(32, 32), "app:password:", "hunter2");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->data, "\x7f\xb4\x9f\x3c\xe8\x7d\xe4");
  Result<SecureBytes> opened =
      AesGcmOpen(Seq(0, 32), sealed->iv, "app:password:", sealed->data, sealed->tag);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->view(), "hunter2");
  EXPECT_FALSE(AesGcmOpen(Seq(0, 32), sealed->iv, "app:other:", sealed->data, sealed->tag).ok());
}

TEST(AesGcm, OpenRejectsAShortTag) {
  EXPECT_FALSE(AesGcmOpen(Seq(0, 32), Seq(32, 32), "", "abc", "short").ok());
}

TEST(AesGcm, SealsAndOpensAnEmptyPlaintext) {
  Result<GcmCiphertext> sealed = AesGcmSeal(Seq(0, 32), Seq(32, 32), "aad", "");
  ASSERT_TRUE(sealed.ok());
  EXPECT_TRUE(sealed->data.empty());
  Result<SecureBytes> opened = AesGcmOpen(Seq(0, 32), Seq(32, 32), "aad", "", sealed->tag);
  ASSERT_TRUE(opened.ok());
  EXPECT_TRUE(opened->empty());
}

TEST(AesGcm, KeyMustBe32Bytes) {
  EXPECT_FALSE(AesGcmSeal(Seq(0, 16), Seq(32, 32), "k:", "x").ok());
}

}  // namespace
}  // namespace clef::crypto

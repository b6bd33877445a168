// GcmContext (core/crypto/gcm_context.h) on both of its paths, the x86 AES-NI one (kAuto on
// such a CPU) and the library backend (kLibrary), and the two against each other.
#include "core/crypto/gcm_context.h"

#include <gtest/gtest.h>

#include "core/crypto/aes_gcm.h"

namespace clef::crypto {
namespace {

const std::string kKey(32, '\x11');
const std::string kOtherKey(32, '\x22');

std::string Text(std::span<const uint8_t> s) {
  return std::string(reinterpret_cast<const char*>(s.data()), s.size());
}

class GcmContextTest : public ::testing::TestWithParam<GcmContext::Backend> {};

INSTANTIATE_TEST_SUITE_P(Paths, GcmContextTest,
                         ::testing::Values(GcmContext::Backend::kAuto,
                                           GcmContext::Backend::kLibrary),
                         [](const auto& info) {
                           return info.param == GcmContext::Backend::kAuto ? "Auto" : "Library";
                         });

TEST_P(GcmContextTest, OpensWhatCoreSealedWithA32ByteIv) {
  SecureBytes iv = SecureBytes::Random(crypto::kSopsIvSize);
  auto sealed = crypto::AesGcmSeal(kKey, iv.view(), "db:password:", "hunter2");
  ASSERT_TRUE(sealed.ok());
  GcmContext cipher(GetParam());
  std::vector<uint8_t> out(sealed->data.size());
  ASSERT_TRUE(cipher.Open(kKey, sealed->iv, "db:password:", sealed->data, sealed->tag, out).ok());
  EXPECT_EQ(Text(out), "hunter2");
}

TEST_P(GcmContextTest, CoreOpensWhatItSealed) {
  GcmContext cipher(GetParam());
  auto sealed = cipher.Seal(kKey, "api:", "token-value");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->iv.size(), 32u);
  EXPECT_EQ(sealed->tag.size(), 16u);
  auto back = crypto::AesGcmOpen(kKey, sealed->iv, "api:", sealed->ciphertext, sealed->tag);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->view(), "token-value");
}

TEST_P(GcmContextTest, FreshIvEachSeal) {
  GcmContext cipher(GetParam());
  auto a = cipher.Seal(kKey, "k:", "same");
  auto b = cipher.Seal(kKey, "k:", "same");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->iv, b->iv);
  EXPECT_NE(a->ciphertext + a->tag, b->ciphertext + b->tag);
}

TEST_P(GcmContextTest, WrongAadFailsAndWipesTheOutput) {
  GcmContext cipher(GetParam());
  auto sealed = cipher.Seal(kKey, "a:", "secret");
  ASSERT_TRUE(sealed.ok());
  std::vector<uint8_t> out(sealed->ciphertext.size(), 0xAA);
  Status s = cipher.Open(kKey, sealed->iv, "b:", sealed->ciphertext, sealed->tag, out);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("does not authenticate"), std::string::npos);
  for (uint8_t b : out) EXPECT_EQ(b, 0);
}

TEST_P(GcmContextTest, SwitchesKeysBetweenCalls) {
  GcmContext cipher(GetParam());
  auto one = cipher.Seal(kKey, "x:", "one");
  auto two = cipher.Seal(kOtherKey, "x:", "two");
  ASSERT_TRUE(one.ok() && two.ok());
  std::vector<uint8_t> out(3);
  ASSERT_TRUE(cipher.Open(kKey, one->iv, "x:", one->ciphertext, one->tag, out).ok());
  EXPECT_EQ(Text(out), "one");
  ASSERT_TRUE(cipher.Open(kOtherKey, two->iv, "x:", two->ciphertext, two->tag, out).ok());
  EXPECT_EQ(Text(out), "two");
  EXPECT_FALSE(cipher.Open(kKey, two->iv, "x:", two->ciphertext, two->tag, out).ok());
}

TEST_P(GcmContextTest, RejectsBadSizes) {
  GcmContext cipher(GetParam());
  std::vector<uint8_t> out(1);
  EXPECT_FALSE(cipher.Open("short", std::string(32, 'i'), "", "c", std::string(16, 't'), out).ok());
  EXPECT_FALSE(cipher.Open(kKey, std::string(12, 'i'), "", "c", std::string(16, 't'), out).ok());
  EXPECT_FALSE(cipher.Open(kKey, std::string(32, 'i'), "", "c", std::string(15, 't'), out).ok());
  EXPECT_FALSE(cipher.Seal("short", "", "x").ok());
}

// The context keeps the key schedule while the key stays the same; a key that differs only in
// its last byte must get its own schedule.
TEST_P(GcmContextTest, KeyDifferingInItsLastByteIsANewKey) {
  GcmContext cipher(GetParam()), reference(GcmContext::Backend::kLibrary);
  std::string near = kKey;
  near[31] ^= 0x01;
  const std::string iv(32, 'v');
  auto a = cipher.SealWithIv(kKey, iv, "k:", "value");
  auto b = cipher.SealWithIv(near, iv, "k:", "value");
  auto want = reference.SealWithIv(near, iv, "k:", "value");
  ASSERT_TRUE(a.ok() && b.ok() && want.ok());
  EXPECT_NE(a->tag, b->tag);
  EXPECT_EQ(b->ciphertext + b->tag, want->ciphertext + want->tag);
  std::vector<uint8_t> out(5);
  EXPECT_FALSE(cipher.Open(kKey, iv, "k:", b->ciphertext, b->tag, out).ok());
  EXPECT_TRUE(cipher.Open(near, iv, "k:", b->ciphertext, b->tag, out).ok());
}

TEST(GcmContextPaths, BothPathsWriteAndReadTheSameBytes) {
  GcmContext fast(GcmContext::Backend::kAuto), library(GcmContext::Backend::kLibrary);
  for (size_t n : {0, 1, 15, 16, 17, 40, 100}) {
    const std::string plain(n, 'p'), iv(32, static_cast<char>('0' + n % 10));
    auto a = fast.SealWithIv(kKey, iv, "group:key:", plain);
    auto b = library.SealWithIv(kKey, iv, "group:key:", plain);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->ciphertext, b->ciphertext) << n;
    EXPECT_EQ(a->tag, b->tag) << n;
    std::vector<uint8_t> out(n);
    ASSERT_TRUE(library.Open(kKey, iv, "group:key:", a->ciphertext, a->tag, out).ok());
    EXPECT_EQ(Text(out), plain);
    ASSERT_TRUE(fast.Open(kKey, iv, "group:key:", b->ciphertext, b->tag, out).ok());
    EXPECT_EQ(Text(out), plain);
  }
}

}  // namespace
}  // namespace clef::crypto

#include "core/sops/mac.h"

#include <openssl/evp.h>

#include <ctime>
#include <stdexcept>

#include "core/crypto/secure_bytes.h"
#include "core/sops/value_cipher.h"

namespace clef::sops {

struct MacHasher::State {
  EVP_MD_CTX* ctx = nullptr;
  ~State() { EVP_MD_CTX_free(ctx); }
};

MacHasher::MacHasher(bool mac_only_encrypted) : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  if (state_->ctx == nullptr || EVP_DigestInit_ex(state_->ctx, EVP_sha512(), nullptr) != 1) {
    throw std::runtime_error("SHA-512 unavailable");
  }
  if (mac_only_encrypted) {
    // MACOnlyEncryptedInitialization = SHA-256("sops").
    unsigned char init[32];
    unsigned int len = 0;
    EVP_Digest("sops", 4, init, &len, EVP_sha256(), nullptr);
    EVP_DigestUpdate(state_->ctx, init, sizeof init);
  }
}

MacHasher::~MacHasher() = default;

void MacHasher::Add(std::string_view bytes) {
  if (!bytes.empty()) EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size());
}

std::string MacHasher::HexDigest() {
  unsigned char digest[64];
  unsigned int len = 0;
  EVP_DigestFinal_ex(state_->ctx, digest, &len);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string hex;
  hex.reserve(128);
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

Status CheckMac(const Metadata& metadata, std::string_view data_key,
                std::string_view computed_hex) {
  if (metadata.mac.empty()) {
    Error e = MakeError("the file has no MAC (sops.mac is empty), so its values cannot be trusted");
    e.hint = "re-encrypt it with sops";
    return e;
  }
  Result<std::string> aad = NormalizeRfc3339(metadata.lastmodified);
  if (!aad.ok()) return MakeError("sops.lastmodified: " + aad.error().message);
  Result<EncryptedValue> mac = ParseEncryptedValue(metadata.mac);
  if (!mac.ok()) return MakeError("sops.mac: " + mac.error().message);
  Result<SecureBytes> stored = OpenValue(data_key, *mac, *aad);
  if (!stored.ok()) {
    return MakeError(
        "the MAC does not authenticate: sops.mac or sops.lastmodified was changed "
        "(the file was tampered with or damaged)");
  }
  if (!SecureEqual(stored->view(), computed_hex)) {
    return MakeError(
        "MAC mismatch: the values in the file are not the ones its MAC was computed over "
        "(a value was changed, added, removed or reordered without sops)");
  }
  return Status::Ok();
}

Result<std::string> SealMac(std::string_view data_key, std::string_view hex,
                            std::string_view lastmodified) {
  Result<std::string> aad = NormalizeRfc3339(lastmodified);
  if (!aad.ok()) return aad.error();
  return SealValue(data_key, hex, *aad, ValueType::kStr).Format();
}

std::string NowRfc3339() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace clef::sops

#include "core/sops/mac.h"

#include <sodium.h>

#include <ctime>
#include <stdexcept>

#include "core/crypto/secure_bytes.h"
#include "core/sops/value_bytes.h"
#include "core/sops/value_cipher.h"

namespace clef::sops {

// SHA-512 from libsodium: no provider tables to build at start-up (OpenSSL's first digest
// fetch was a third of a short textconv call).
struct MacHasher::State {
  crypto_hash_sha512_state sha;
  ~State() { sodium_memzero(&sha, sizeof sha); }
};

MacHasher::MacHasher(bool mac_only_encrypted) : state_(std::make_unique<State>()) {
  EnsureSodium();
  crypto_hash_sha512_init(&state_->sha);
  if (mac_only_encrypted) {
    // MACOnlyEncryptedInitialization = SHA-256("sops").
    unsigned char init[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(init, reinterpret_cast<const unsigned char*>("sops"), 4);
    crypto_hash_sha512_update(&state_->sha, init, sizeof init);
  }
}

MacHasher::~MacHasher() = default;

void MacHasher::Add(std::string_view bytes) {
  if (!bytes.empty()) {
    crypto_hash_sha512_update(&state_->sha, reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
  }
}

Status MacHasher::AddScalar(const doc::Scalar& scalar) {
  if (scalar.type == doc::ScalarType::kString || scalar.type == doc::ScalarType::kInt) {
    Add(scalar.text);  // no copy: ints are already decimal in the document
    return Status::Ok();
  }
  Result<SecureBytes> bytes = ScalarBytes(scalar);
  if (!bytes.ok()) return bytes.error();
  Add(bytes->view());
  return Status::Ok();
}

std::string MacHasher::HexDigest() {
  unsigned char digest[crypto_hash_sha512_BYTES];
  const unsigned int len = sizeof digest;
  crypto_hash_sha512_final(&state_->sha, digest);
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

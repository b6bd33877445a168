#include "core/crypto/sops_mac.h"

#include <sodium.h>

#include "core/crypto/enc_value.h"
#include "core/crypto/rfc3339.h"

namespace clef::crypto {

struct MacHasher::State {
  crypto_hash_sha512_state sha;
};

MacHasher::MacHasher(bool mac_only_encrypted) : state_(std::make_unique<State>()) {
  EnsureSodium();
  crypto_hash_sha512_init(&state_->sha);
  if (mac_only_encrypted) {
    unsigned char prefix[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(prefix, reinterpret_cast<const unsigned char*>("sops"), 4);
    crypto_hash_sha512_update(&state_->sha, prefix, sizeof prefix);
  }
}

MacHasher::~MacHasher() { Wipe(state_.get(), sizeof(State)); }

void MacHasher::Add(std::string_view leaf_bytes) {
  crypto_hash_sha512_update(&state_->sha, reinterpret_cast<const unsigned char*>(leaf_bytes.data()),
                            leaf_bytes.size());
}

std::string MacHasher::Finish() {
  unsigned char digest[crypto_hash_sha512_BYTES];
  crypto_hash_sha512_final(&state_->sha, digest);
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  Wipe(digest, sizeof digest);
  return out;
}

Result<std::string> NormaliseLastModified(std::string_view lastmodified) {
  std::optional<Rfc3339Time> t = ParseRfc3339(lastmodified);
  if (!t) {
    return MakeError("sops metadata: lastmodified `" + std::string(lastmodified) +
                     "` is not an RFC 3339 time");
  }
  return FormatRfc3339(*t);
}

Result<std::string> EncryptMac(std::string_view data_key, std::string_view mac_hex,
                               std::string_view lastmodified) {
  Result<std::string> aad = NormaliseLastModified(lastmodified);
  if (!aad.ok()) return aad.error();
  Result<EncryptedValue> enc = EncryptValue(data_key, mac_hex, *aad, ValueType::kStr);
  if (!enc.ok()) return enc.error();
  return FormatEncryptedValue(*enc);
}

Status VerifyMac(std::string_view data_key, std::string_view stored_mac,
                 std::string_view lastmodified, std::string_view computed_hex) {
  if (stored_mac.empty()) return MakeError("file has no MAC (the sops `mac` field is empty)");
  Result<std::string> aad = NormaliseLastModified(lastmodified);
  if (!aad.ok()) return aad.error();
  Result<EncryptedValue> enc = ParseEncryptedValue(stored_mac);
  if (!enc.ok())
    return MakeError("sops metadata: the `mac` field is malformed: " + enc.error().message);
  Result<SecureBytes> plain = DecryptValue(data_key, *enc, *aad);
  if (!plain.ok()) {
    return MakeError("the MAC does not decrypt (wrong data key, or `lastmodified` was edited)");
  }
  if (plain->empty()) return MakeError("file has no MAC (the sops `mac` field is empty)");
  if (!SecureEqual(plain->view(), computed_hex)) {
    return MakeError(
        "MAC mismatch: the file was modified outside sops (values, or their order, "
        "differ from what the MAC covers)");
  }
  return Status::Ok();
}

}  // namespace clef::crypto

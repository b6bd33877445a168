// The sops MAC (sops-format.md §2): SHA-512 over the plaintext bytes of the leaves in walk
// order, as 128 uppercase hex characters, stored encrypted with AAD = the file's
// `lastmodified` re-formatted the way Go does (time.Parse(RFC3339).Format(RFC3339)).
//
// The hasher knows nothing about trees: the caller (core/sops) walks the document and feeds
// ToBytes(value) (value_bytes.h) of each leaf the rules select — every non-comment leaf, or
// only encrypted ones for mac_only_encrypted — and never comments. No separators are added.
//
//   MacHasher mac(/*mac_only_encrypted=*/false);
//   for (leaf : walk) if (!leaf.is_comment) mac.Add(ToBytes(leaf.type, leaf.text)->view());
//   std::string hex = mac.Finish();
//   Result<std::string> stored = EncryptMac(data_key.view(), hex, "2026-08-21T04:35:49Z");
//   Status ok = VerifyMac(data_key.view(), stored_text, lastmodified_text, hex);
//
// The MAC string is a digest of secrets, so the hasher state is wiped when it goes away and
// error messages never include the stored or computed MAC. Not thread-safe (one per walk).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {

class MacHasher {
 public:
  // mac_only_encrypted: start the hash with SHA-256("sops") (the sops 3.9+ variant).
  explicit MacHasher(bool mac_only_encrypted);
  ~MacHasher();
  MacHasher(const MacHasher&) = delete;
  MacHasher& operator=(const MacHasher&) = delete;

  void Add(std::string_view leaf_bytes);
  // 128 uppercase hex characters. The hasher must not be used afterwards.
  std::string Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// `lastmodified` as Go re-formats it for the MAC AAD: fraction dropped, zero offset as "Z",
// other offsets kept. Error when it is not RFC 3339 (the message shows the text: it is not
// secret).
Result<std::string> NormaliseLastModified(std::string_view lastmodified);

// The stored `mac` value: ENC[AES256_GCM,...,type:str] of `mac_hex` with the normalised
// lastmodified as AAD.
Result<std::string> EncryptMac(std::string_view data_key, std::string_view mac_hex,
                               std::string_view lastmodified);

// Decrypts the stored `mac` (AAD = normalised lastmodified) and compares it in constant time
// with `computed_hex`. Errors: malformed mac, mac does not decrypt (wrong key or lastmodified
// edited), empty mac ("file has no MAC"), or mismatch ("MAC mismatch: the file was modified
// outside sops").
Status VerifyMac(std::string_view data_key, std::string_view stored_mac,
                 std::string_view lastmodified, std::string_view computed_hex);

}  // namespace clef::crypto

// The sops MAC (reference/sops-format.md §2): SHA-512 over the value bytes of the hashed
// leaves in walk order (all non-comment leaves, or only encrypted ones when
// `mac_only_encrypted`, then prefixed with SHA-256("sops")), as 128 uppercase hex digits,
// stored encrypted with AAD = the Go-normalised `lastmodified`.
//
//   MacHasher h(metadata.mac_only_encrypted);
//   h.Add(bytes);  ...
//   std::string hex = h.HexDigest();
//   Status s = CheckMac(metadata, data_key, hex);
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/doc/document.h"
#include "core/result.h"
#include "core/sops/metadata.h"

namespace clef::sops {

class MacHasher {
 public:
  explicit MacHasher(bool mac_only_encrypted);
  ~MacHasher();
  MacHasher(const MacHasher&) = delete;
  MacHasher& operator=(const MacHasher&) = delete;

  void Add(std::string_view bytes);
  // Adds a plaintext scalar's bytes the way sops hashes them (strings and ints as written, the
  // others formatted as Go does); an error for a number or time sops cannot format.
  Status AddScalar(const doc::Scalar& scalar);
  // Finishes the hash: 128 uppercase hex characters. Call once.
  std::string HexDigest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Decrypts `metadata.mac` with AAD = normalised `lastmodified` and compares it in constant
// time with `computed_hex`. Errors: the file has no MAC; the mac is malformed; it does not
// authenticate (mac or lastmodified changed); it does not match (a value was changed).
Status CheckMac(const Metadata& metadata, std::string_view data_key, std::string_view computed_hex);

// The `mac` field for `hex` at `lastmodified` (a fresh IV).
Result<std::string> SealMac(std::string_view data_key, std::string_view hex,
                            std::string_view lastmodified);

// Now, UTC, as sops writes lastmodified: "2026-11-28T18:17:51Z".
std::string NowRfc3339();

}  // namespace clef::sops

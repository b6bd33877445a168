// The textconv view (`diff.<driver>.textconv`): a key-level rendering of a sops file so that
// `git diff` / `git log -p` show WHICH keys changed, not ciphertext noise.
//
//   header:              "# clef-filter key view (<format>); <what the fingerprints are of>"
//   one line per leaf, in sops walk order (comments where they are):
//     "<key path> = hmac:<fp>"  encrypted value, keyed fingerprint of its PLAINTEXT (opened)
//     "<key path> = enc:<fp>"   encrypted value, fingerprint of its CIPHERTEXT (not opened)
//     "<key path> = plain:<fp>" value the file's rule leaves in plaintext
//     "<key path> = \"\""       empty string (sops never encrypts it)
//     "# <text>"                plaintext comment; "# hmac:<fp>" / "# enc:<fp>" encrypted one
//   metadata:            "sops data key: id <fp>" (opened files only: an id derived like the
//                        fingerprints, so a rotation shows as this line changing),
//                        "sops recipient: <type> <id>" per recipient (no lastmodified, mac,
//                        enc noise), "sops shamir_threshold: N", "sops rule: ..."
//
// Opening: when `identities` open the file's data key (age entries: of its one key group, or of
// `shamir_threshold` of its key groups), every value is
// decrypted and the MAC verified in memory (sops::VerifyWithDataKey), then each value is
// decrypted again, one at a time, into one wiped buffer. The fingerprint is then
// HMAC-SHA256(K, key path || 0x00 || plaintext) truncated to 12 hex digits, where
// K = HMAC-SHA256(data key, "clef-filter textconv fingerprint v1"): only a holder of the data
// key can compute or confirm it, and a value re-encrypted unchanged (new IV, same data key)
// keeps its line. A new data key (`sops rotate`) changes every hmac line. Otherwise (no
// identity, no match, too few Shamir shares, damaged `enc`) fingerprints are of the ciphertext
// and the header says so. A file that does not verify (MAC or a value tampered) gives a placeholder
// line saying so and the ciphertext view.
//
// `reveal` (clef.diff.reveal on a terminal, see reveal.h) prints opened values in clear,
// quoted with C escapes; without an opened file it changes nothing.
//
// Never fails: content that does not parse, or is not a sops file, gives a one-line
// placeholder (with a fingerprint of the whole content) and no values, so `git log -p` keeps
// working over broken history. Plaintext is held in SecureBytes only and never written
// anywhere but the returned view under `reveal`. Thread-safe.
//
//   ViewOptions options{.identities = &*ids};
//   std::cout << RenderKeyView(bytes, "secrets/api/dev.enc.yaml", options);
#pragma once

#include <string>
#include <string_view>

#include "core/crypto/secure_bytes.h"
#include "core/keys/identity_set.h"

namespace clef::filter {

struct ViewOptions {
  const keys::IdentitySet* identities = nullptr;  // null or empty: ciphertext fingerprints
  bool reveal = false;
};

std::string RenderKeyView(std::string_view bytes, const std::string& path,
                          const ViewOptions& options = {});

// 12 hex digits of BLAKE2b-keyed(`bytes`) with the view's fixed key (ciphertext and public
// values; exposed for tests).
std::string Fingerprint(std::string_view bytes);

// K above, from a file's data key.
SecureBytes FingerprintKey(std::string_view data_key);

// 12 hex digits of HMAC-SHA256(key, key_path || 0x00 || plaintext).
std::string KeyedFingerprint(const SecureBytes& key, std::string_view key_path,
                             std::string_view plaintext);

}  // namespace clef::filter

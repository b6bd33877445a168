// The sops data key and its per-recipient wrapping (sops-format.md §4.1–§4.2, §7).
//
// A data key is 32 random bytes (or a 33-byte Shamir share when a file has several key
// groups; see shamir.h). Each recipient entry of a sops file stores it wrapped:
//   * age: one armored age file per recipient, exactly as sops writes it (7 lines for 32 bytes,
//     final '\n' included) — WrapDataKeyForAge / UnwrapAgeDataKey, natively.
//   * pgp: an armored OpenPGP message, through the `gpg` binary like sops (SOPS_GPG_EXEC
//     overrides the program; GNUPGHOME and gpg-agent are used as the user configured them) —
//     WrapDataKeyForPgp / UnwrapPgpDataKey.
//
// Unwrapping distinguishes "this entry is not for my keys" (an empty optional: try the next
// entry) from a broken or tampered entry (an Error). Keys come back in SecureBytes; errors
// never contain key material (gpg's stderr is included: it names keys, not secrets).
// Thread-safe (gpg calls are separate processes).
//
//   SecureBytes key = GenerateDataKey();
//   Result<std::string> enc = WrapDataKeyForAge(key.view(), "age1...");   // the `enc:` text
//   Result<std::optional<SecureBytes>> back = UnwrapAgeDataKey(*enc, identities);
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/crypto/age_x25519.h"
#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {

SecureBytes GenerateDataKey();  // 32 bytes from the system CSPRNG

// `recipient` as written in .sops.yaml / --age (surrounding whitespace trimmed like sops).
// Only X25519 recipients ("age1..." with a single '1' separator) are supported natively; any
// other kind (age1pq1..., plugins, ssh-) is an error naming the recipient.
Result<std::string> WrapDataKeyForAge(std::string_view data_key, std::string_view recipient);
std::string WrapDataKeyForAge(std::string_view data_key, const X25519Recipient& recipient);

// `enc`: the armored text of a sops age entry. nullopt: no identity matched; Error: the entry
// is malformed or fails authentication (header MAC / payload), which means tampering.
Result<std::optional<SecureBytes>> UnwrapAgeDataKey(std::string_view enc,
                                                    std::span<const X25519Identity> identities);

// gpg --decrypt of a sops pgp entry's `enc`. nullopt when gpg has no secret key for it
// ("No secret key"); Error when gpg cannot be run or fails otherwise (its stderr included).
Result<std::optional<SecureBytes>> UnwrapPgpDataKey(std::string_view enc);

// gpg --encrypt --armor to `fingerprint` (trusted for this call only, like sops).
Result<std::string> WrapDataKeyForPgp(std::string_view data_key, std::string_view fingerprint);

}  // namespace clef::crypto

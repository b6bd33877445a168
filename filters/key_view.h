// The textconv view (`diff.<driver>.textconv`): a key-level, value-free rendering of a sops
// file so that `git diff` / `git log -p` show WHICH keys changed, not ciphertext noise.
//
//   one line per leaf:   "<key path> = enc:<fingerprint>"   (ENC[...] value)
//                        "<key path> = plain:<fingerprint>" (value stored in plaintext)
//                        "<key path> = \"\""                (empty string, never encrypted)
//   comments:            "# <text>" for plaintext comments, "# enc:<fingerprint>" otherwise
//   metadata:            "sops recipient: <type> <id>" per recipient (no lastmodified, mac,
//                        enc noise), "sops rule: ...", "sops shamir_threshold: N"
//
// Fingerprints are 12 hex digits of a keyed BLAKE2b hash of the value AS WRITTEN (here: the
// ciphertext), so an edited value shows as a changed line while unchanged values keep their
// line; a value re-encrypted without change also shows as changed (the view says so in its
// header). Values are never shown.
//
// Never fails: content that does not parse, or is not a sops file, gives a one-line
// placeholder (with a fingerprint of the whole content) and no values, so `git log -p` keeps
// working over broken history. Thread-safe.
//
//   std::cout << RenderKeyView(bytes, "secrets/api/dev.enc.yaml");
#pragma once

#include <string>
#include <string_view>

namespace clef::filter {

std::string RenderKeyView(std::string_view bytes, const std::string& path);

// 12 hex digits of BLAKE2b-keyed(`bytes`) with the view's fixed key (exposed for tests).
std::string Fingerprint(std::string_view bytes);

}  // namespace clef::filter

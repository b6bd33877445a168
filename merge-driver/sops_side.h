// Opening the sides (base, ours, theirs) of a sops merge in memory, and sealing the result:
// the parsed file, its data key and the plaintext of every encrypted leaf, all in wiping
// memory and never written out.
//
// Contract:
//   * SopsSession::Open refuses, naming the side: text that is not a sops file; a file no local
//     identity opens (the message lists the file's recipients and where identities were looked
//     for); a value that does not decrypt; a MAC that does not verify. Nothing is trusted
//     before the MAC check passes; every side's MAC is checked over all of its values.
//   * Plaintexts are keyed by the address of the doc::Node (values) or doc::Comment (comments)
//     inside `file.document`; Reencrypt rewrites ciphertexts in place so the keys stay valid.
//   * Seal walks a result file with its encryption rules: leaves the rules want encrypted but
//     that are plaintext get encrypted, encrypted leaves the rules want plaintext are decrypted,
//     everything else keeps its bytes; then it sets a new lastmodified and MAC.
//
// Why a session: the three sides of a merge mostly hold the same bytes. The session unwraps a
// wrapped data key (`enc` text) once however many sides carry it, decrypts a ciphertext once
// for a given key and AAD however many sides (and the result) carry it — GCM authenticated it
// the first time, and the same inputs give the same plaintext — and keeps all plaintext in one
// PlaintextArena. It must outlive the OpenedSides it returns. Thread-compatible.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/crypto/gcm_context.h"
#include "core/crypto/secure_bytes.h"
#include "core/sops/encrypted_value.h"
#include "core/sops/sops_file.h"
#include "merge-driver/identities.h"
#include "merge-driver/plaintext_arena.h"
#include "merge-driver/tree_merge.h"

namespace clef::merge {

struct LeafPlaintext {
  sops::ValueType type = sops::ValueType::kStr;
  std::string_view bytes;  // the decrypted bytes, as sops encrypted them; in the session arena
  // What the MAC hashes for it (sops::CanonicalBytes; `bytes` for strings and comments),
  // computed once per ciphertext; mac_ok is false when the bytes are not a valid value of
  // `type`.
  std::string_view mac_bytes;
  bool mac_ok = true;
};

struct OpenedSide {
  Side side = Side::kOurs;
  sops::SopsFile file;
  std::string_view data_key;  // 32 bytes in the session's arena
  std::unordered_map<const void*, LeafPlaintext> plaintext;
};

class SopsSession {
 public:
  explicit SopsSession(const MergeIdentities& identities) : identities_(identities) {}
  SopsSession(const SopsSession&) = delete;
  SopsSession& operator=(const SopsSession&) = delete;

  Result<std::unique_ptr<OpenedSide>> Open(std::string_view bytes, const std::string& path,
                                           Side side);

  // Every encrypted leaf of `side` re-encrypted under `key` with fresh IVs; `side.data_key`
  // becomes a copy of `key`.
  Status Reencrypt(OpenedSide& side, std::string_view key);

  // `now` is the RFC 3339 UTC time to record ("2026-11-29T03:00:00Z").
  Status Seal(sops::SopsFile& file, std::string_view key, const std::string& now);

  // Values actually decrypted (not served from the cache); for tests and benchmarks.
  size_t decryptions() const { return decryptions_; }

 private:
  struct Known {
    size_t key = 0;  // index into keys_
    std::string aad;
    LeafPlaintext plain;
  };
  Result<std::string_view> UnwrapDataKey(const sops::Metadata& m, const std::string& side,
                                         const std::string& path);
  size_t KeyId(std::string_view key);
  // The plaintext of the ENC[...] `text` at `aad` under `key`; Error when it does not parse or
  // authenticate (the message names neither the value nor the key).
  Result<LeafPlaintext> Decrypt(std::string_view key, const std::string& text,
                                std::string_view aad);
  void Remember(std::string_view key, std::string text, std::string_view aad, LeafPlaintext plain);

  const MergeIdentities& identities_;
  PlaintextArena arena_;
  crypto::GcmContext cipher_;
  std::vector<std::pair<std::string, std::string_view>> unwrapped_;  // age `enc` -> key
  std::vector<std::string_view> keys_;            // distinct data keys seen (in arena_)
  std::unordered_map<std::string, Known> known_;  // ENC[...] text -> plaintext
  SecureBytes canonical_;  // scratch for CanonicalBytesInto, wiped after each use
  size_t decryptions_ = 0;
};

// Compares leaves by plaintext (constant time) and type; plaintext leaves by type and text.
class PlaintextComparator : public ValueComparator {
 public:
  PlaintextComparator(const OpenedSide* base, const OpenedSide* ours, const OpenedSide* theirs)
      : sides_{base, ours, theirs} {}
  bool ValuesEqual(const KeyPath& path, Side a_side, const doc::Node& a, Side b_side,
                   const doc::Node& b) const override;
  bool CommentsEqual(const KeyPath& path, Side a_side, const doc::Comment& a, Side b_side,
                     const doc::Comment& b) const override;

 private:
  const LeafPlaintext* Find(Side side, const void* leaf) const;
  const OpenedSide* sides_[3];
};

}  // namespace clef::merge

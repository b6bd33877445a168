// One side (base, ours or theirs) of a sops merge, opened in memory: the parsed file, its data
// key and the plaintext of every encrypted leaf, all in wiping memory and never written out.
//
// Contract:
//   * OpenSide refuses, naming the side: text that is not a sops file; a file no local identity
//     opens (the message lists the file's recipients and where identities were looked for);
//     a value that does not decrypt; a MAC that does not verify. Nothing is trusted before the
//     MAC check passes.
//   * Plaintexts are keyed by the address of the doc::Node (values) or doc::Comment (comments)
//     inside `file.document`; ReencryptSide rewrites ciphertexts in place so the keys stay valid.
//   * Seal walks a result file with its encryption rules: leaves the rules want encrypted but
//     that are plaintext get encrypted, encrypted leaves the rules want plaintext are decrypted,
//     everything else keeps its bytes; then it sets a new lastmodified and MAC.
// Thread-compatible.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/crypto/secure_bytes.h"
#include "core/crypto/value_bytes.h"
#include "core/sops/sops_file.h"
#include "merge-driver/age_identities.h"
#include "merge-driver/tree_merge.h"

namespace clef::merge {

struct LeafPlaintext {
  crypto::ValueType type = crypto::ValueType::kStr;
  SecureBytes bytes;  // the decrypted bytes, as sops encrypted them
};

struct OpenedSide {
  Side side = Side::kOurs;
  sops::SopsFile file;
  SecureBytes data_key;
  std::unordered_map<const void*, LeafPlaintext> plaintext;
};

Result<std::unique_ptr<OpenedSide>> OpenSide(std::string_view bytes, const std::string& path,
                                             Side side, const AgeIdentities& identities);

// Every encrypted leaf of `side` re-encrypted under `key` with fresh IVs; `side.data_key`
// becomes a copy of `key`.
Status ReencryptSide(OpenedSide& side, std::string_view key);

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

// `now` is the RFC 3339 UTC time to record ("2026-11-29T03:00:00Z").
Status Seal(sops::SopsFile& file, std::string_view key, const std::string& now);

// The current time as sops writes lastmodified.
std::string NowRfc3339();

}  // namespace clef::merge

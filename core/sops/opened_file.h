// Opening a sops file: unwrap the data key, decrypt every encrypted leaf, and verify the MAC
// before any value is handed out (reference/sops-format.md §10 "Decrypt").
//
// The result holds each leaf's plaintext in SecureBytes, in sops walk order, keyed by AAD and
// key path; nothing is written anywhere. Errors name the file and the key path (and line) of
// the value that does not decrypt, or say that the MAC does not match; never a value.
//
//   Result<IdentitySet> ids = IdentitySet::FromEnvironment();
//   Result<OpenedFile> opened = OpenSopsFile(file, *ids);
//   if (!opened.ok()) return opened.error();          // tampered, wrong key, ...
//   for (const OpenedLeaf& leaf : opened->leaves) Use(leaf.key_path, leaf.plaintext.view());
#pragma once

#include <string>
#include <vector>

#include "core/crypto/secure_bytes.h"
#include "core/result.h"
#include "core/sops/encrypted_value.h"
#include "core/sops/identity_set.h"
#include "core/sops/recipient_set.h"
#include "core/sops/sops_file.h"

namespace clef::sops {

struct OpenedLeaf {
  int document = 0;
  std::string aad;
  std::string key_path;
  int line = 0;
  bool is_comment = false;
  bool encrypted = false;            // it was stored as ENC[...]
  ValueType type = ValueType::kStr;  // the stored type tag (encrypted leaves), or the scalar's
  SecureBytes plaintext;             // decrypted bytes (encrypted) or the bytes sops hashes (plain)
  std::string ciphertext;            // the ENC[...] text as stored (encrypted leaves)
};

struct OpenedFile {
  SecureBytes data_key;
  Recipient opened_by;
  std::vector<OpenedLeaf> leaves;  // every non-null leaf, in walk order
  size_t leaf_count = 0;           // leaves checked (also when they are not kept)
};

// Unwraps the data key with `identities`, then OpenWithDataKey.
Result<OpenedFile> OpenSopsFile(const SopsFile& file, const IdentitySet& identities);

// Decrypts every leaf and verifies the MAC with a known data key.
Result<OpenedFile> OpenWithDataKey(const SopsFile& file, SecureBytes data_key);

// The same checks without keeping any plaintext (`leaves` stays empty): each value passes
// through one wiped scratch buffer. For `clef verify` and other integrity-only callers.
Result<OpenedFile> VerifyWithDataKey(const SopsFile& file, SecureBytes data_key);

}  // namespace clef::sops

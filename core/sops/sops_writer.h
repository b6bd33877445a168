// Writing sops files: encrypt a new document, re-encrypt an edited one, rotate the data key,
// add or remove age recipients (reference/sops-format.md §10 "Encrypt", "Edit").
//
// Every write gets a new `lastmodified` and MAC. Edits keep the data key, and a value whose
// (key path, type, plaintext) is unchanged keeps its exact ciphertext bytes, so git diffs show
// only what changed (sops's IV stash, §1.7). Plaintext comes from a doc::Document in memory
// and from OpenedFile's SecureBytes; nothing is written to disk here (callers write the
// returned file's bytes, which hold only ciphertext).
//
//   Result<OpenedFile> opened = OpenSopsFile(file, ids);
//   Result<doc::Document> plain = PlaintextDocument(file, *opened);
//   plain->root().Find("DB_HOST")->scalar.text = "db2";
//   Result<SopsFile> edited = ReencryptDocument(file, *opened, std::move(*plain));
//   WriteFileAtomically(path, WriteSopsFile(*edited));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/age_x25519.h"
#include "core/doc/document.h"
#include "core/result.h"
#include "core/sops/encryption_rules.h"
#include "core/sops/opened_file.h"
#include "core/sops/sops_file.h"

namespace clef::sops {

// The sops version whose format this toolkit writes for new files.
inline constexpr std::string_view kWrittenSopsVersion = "3.12.2";

struct NewFileOptions {
  std::vector<crypto::X25519Recipient> age_recipients;  // at least one
  EncryptionRules rules;  // all empty: `unencrypted_suffix: _unencrypted`, as sops writes
  bool mac_only_encrypted = false;
};

// Encrypts a plaintext document with a fresh data key. Errors: no recipients, a top-level
// `sops` key (already encrypted), a bad rule, a dotenv key starting with `sops_`.
Result<SopsFile> EncryptDocument(doc::Document plaintext, const NewFileOptions& options,
                                 const std::string& path);

// The decrypted tree of an opened file (encrypted comments become comments again). It lives
// in memory only; callers must not write it to disk.
Result<doc::Document> PlaintextDocument(const SopsFile& file, const OpenedFile& opened);

// Encrypts `edited` with the file's data key and metadata; unchanged values keep their bytes.
Result<SopsFile> ReencryptDocument(const SopsFile& file, const OpenedFile& opened,
                                   doc::Document edited);

// Sets the value at `key_path` (map keys from the top of the first document; missing maps are
// created) / removes it. Error when the path runs through a non-mapping, or (remove) is absent.
Result<SopsFile> SetValue(const SopsFile& file, const OpenedFile& opened,
                          const std::vector<std::string>& key_path, doc::Scalar value);
Result<SopsFile> RemoveValue(const SopsFile& file, const OpenedFile& opened,
                             const std::vector<std::string>& key_path);

// A new data key; every value re-encrypted with fresh IVs; every age recipient re-wrapped
// natively, every PGP recipient through gpg (its public key must be in the keyring). Error when
// the file has recipients clef cannot wrap for (cloud KMS) or several key groups.
Result<SopsFile> RotateDataKey(const SopsFile& file, const OpenedFile& opened);

// Adds an age recipient (the data key wrapped for it) / removes one. Values keep their bytes.
// Errors: already a recipient / not a recipient / removing the last recipient.
Result<SopsFile> AddAgeRecipient(const SopsFile& file, const OpenedFile& opened,
                                 const crypto::X25519Recipient& recipient);
Result<SopsFile> RemoveAgeRecipient(const SopsFile& file, const OpenedFile& opened,
                                    std::string_view recipient);

}  // namespace clef::sops

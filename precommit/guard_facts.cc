// FactsOf: what the guard reads from one file's bytes, with the sops model and no key.
#include <sodium.h>

#include "core/manifest/sops_recipient.h"
#include "core/sops/data_key.h"
#include "core/sops/encryption_check.h"
#include "core/sops/sops_file.h"
#include "core/sops/tree_walk.h"
#include "precommit/guard_facts.h"

namespace clef::guard {
namespace {

// Whether the document carries a sops block at all (then a failure to read it is a malformed
// block, not a plaintext file).
bool HasMetadataEntry(const doc::Document& d) {
  if (d.roots.empty()) return false;
  for (const auto& item : d.root().items)
    if (!item.is_comment() && (item.key == "sops" || item.key.rfind("sops_", 0) == 0)) return true;
  return false;
}

bool LooksBinary(const std::string& bytes) {
  return bytes.find('\0') != std::string::npos;
}

}  // namespace

FileFacts FactsOf(const std::string& path, const std::string& bytes,
                  const sops::IdentitySet* identities) {
  FileFacts facts;
  facts.path = path;
  if (LooksBinary(bytes)) {
    facts.parse_error = "binary content";
    return facts;
  }
  auto file = sops::ReadSopsFile(bytes, path);
  if (!file.ok()) {
    // A document without metadata is plaintext, not unreadable.
    auto plain = doc::ParseDocument(bytes, doc::FormatForPath(path), path);
    if (plain.ok() && !HasMetadataEntry(*plain)) return facts;  // plaintext: is_sops stays false
    facts.parse_error = file.error().Describe();
    return facts;
  }
  facts.is_sops = true;
  const sops::Metadata& meta = file->metadata;
  facts.has_mac = !meta.mac.empty();
  facts.rules = meta.rules.Describe();
  facts.mac_only_encrypted = meta.mac_only_encrypted;
  const sops::RecipientSet recipients = meta.Recipients();
  for (const auto& r : recipients.recipients()) facts.recipients.push_back(manifest::FromSopsRecipient(r));
  for (const auto& group : meta.EffectiveGroups())
    for (const auto& list : group.lists)
      for (const auto& key : list.keys)
        if (!key.Enc().empty()) facts.wrapped_keys.insert(key.Enc());

  if (identities != nullptr && !identities->empty()) {
    auto key = sops::UnwrapDataKey(meta, *identities);
    if (key.ok()) {
      unsigned char digest[crypto_generichash_BYTES];
      crypto_generichash(digest, sizeof digest, key->data_key.data(), key->data_key.size(),
                         nullptr, 0);
      facts.data_key_digest.assign(reinterpret_cast<const char*>(digest), sizeof digest);
    }
  }
  auto plaintext = sops::CheckEncryptedAsRequired(*file);
  if (!plaintext.ok()) {
    facts.parse_error = plaintext.error().Describe();
    return facts;
  }
  for (const auto& leaf : *plaintext) facts.plaintext_paths.push_back(leaf.key_path);

  auto matcher = sops::RuleMatcher::Compile(meta.rules);
  if (matcher.ok()) {
    Status walked = sops::WalkLeaves(file->document, *matcher, [&](sops::Leaf& leaf) -> Status {
      const std::string& text = leaf.text();
      if (text.rfind("ENC[", 0) == 0) {
        facts.ciphertexts.insert(text);
        if (!leaf.is_comment) facts.encrypted_paths.insert(leaf.key_path);
      } else if (!leaf.is_comment && !text.empty()) {
        facts.clear_paths.insert(leaf.key_path);
      }
      return Status::Ok();
    });
    (void)walked;
  }
  return facts;
}

}  // namespace clef::guard

#include "core/sops/sops_writer.h"

#include <map>
#include <set>

#include "core/crypto/data_key.h"
#include "core/sops/data_key.h"
#include "core/sops/mac.h"
#include "core/sops/tree_walk.h"
#include "core/sops/value_bytes.h"
#include "core/sops/value_cipher.h"

namespace clef::sops {
namespace {

// The ciphertexts of an opened file, by AAD, to keep unchanged values byte-identical.
class CiphertextStash {
 public:
  CiphertextStash() = default;
  explicit CiphertextStash(const OpenedFile& opened) : opened_(&opened) {
    for (size_t i = 0; i < opened.leaves.size(); ++i) {
      if (opened.leaves[i].encrypted) by_aad_[opened.leaves[i].aad].push_back(i);
    }
  }

  // The stored ENC text for an identical (aad, type, plaintext), each used once; when all
  // are used, a new encryption with the first one's IV (what sops does); else fresh.
  std::string Encrypt(std::string_view key, std::string_view plaintext, const std::string& aad,
                      ValueType type) {
    if (opened_ != nullptr) {
      auto it = by_aad_.find(aad);
      const OpenedLeaf* first_match = nullptr;
      if (it != by_aad_.end()) {
        for (size_t index : it->second) {
          const OpenedLeaf& leaf = opened_->leaves[index];
          if (leaf.type != type || !SecureEqual(leaf.plaintext.view(), plaintext)) continue;
          if (first_match == nullptr) first_match = &leaf;
          if (used_.insert(index).second) return leaf.ciphertext;
        }
      }
      if (first_match != nullptr) {
        Result<EncryptedValue> old = ParseEncryptedValue(first_match->ciphertext);
        if (old.ok()) return SealValueWithIv(key, plaintext, aad, type, old->iv).Format();
      }
    }
    return SealValue(key, plaintext, aad, type).Format();
  }

 private:
  const OpenedFile* opened_ = nullptr;
  std::map<std::string, std::vector<size_t>> by_aad_;
  std::set<size_t> used_;
};

// sops stores an encrypted comment inside a sequence as a string element (§1.9).
void CommentsToElements(doc::Node& node) {
  for (doc::Item& item : node.items) {
    if (item.is_comment()) {
      if (node.is_seq() && LooksEncrypted(item.comment.text)) {
        int line = item.line;
        item = doc::Item::Element(doc::Node::MakeString(item.comment.text));
        item.line = line;
      }
    } else {
      CommentsToElements(item.value);
    }
  }
}

// Encrypts `tree` in place with `key` per `metadata`'s rules; returns the MAC hex.
Result<std::string> EncryptTree(doc::Document& tree, const Metadata& metadata, std::string_view key,
                                CiphertextStash& stash) {
  Result<RuleMatcher> rules = RuleMatcher::Compile(metadata.rules);
  if (!rules.ok()) return rules.error();
  MacHasher mac(metadata.mac_only_encrypted);
  Status walked = WalkLeaves(tree, *rules, [&](Leaf& leaf) -> Status {
    if (leaf.comment != nullptr) {
      if (leaf.encrypt && !leaf.comment->text.empty() && !LooksEncrypted(leaf.comment->text)) {
        leaf.comment->text = stash.Encrypt(key, leaf.comment->text, leaf.aad, ValueType::kComment);
      }
      return Status::Ok();
    }
    doc::Scalar& scalar = leaf.value->scalar;
    Result<SecureBytes> bytes = ScalarBytes(scalar);
    if (!bytes.ok()) {
      return MakeError("the value at " + leaf.key_path + ": " + bytes.error().message);
    }
    if (leaf.encrypt) {
      mac.Add(bytes->view());
      if (bytes->empty()) return Status::Ok();  // sops never encrypts ""
      ValueType type = TypeTagFor(scalar).value_or(ValueType::kStr);
      scalar.text = stash.Encrypt(key, bytes->view(), leaf.aad, type);
      scalar.type = doc::ScalarType::kString;
    } else if (!metadata.mac_only_encrypted) {
      mac.Add(bytes->view());
    }
    return Status::Ok();
  });
  if (!walked.ok()) return walked.error();
  for (doc::Node& root : tree.roots) CommentsToElements(root);
  return mac.HexDigest();
}

Result<SopsFile> Finish(SopsFile out, std::string_view key, const std::string& hex) {
  out.metadata.lastmodified = NowRfc3339();
  Result<std::string> mac = SealMac(key, hex, out.metadata.lastmodified);
  if (!mac.ok()) return mac.error();
  out.metadata.mac = std::move(*mac);
  return out;
}

Result<SopsFile> Reencrypt(const SopsFile& file, const OpenedFile& opened, doc::Document edited,
                           Metadata metadata) {
  CiphertextStash stash(opened);
  Result<std::string> hex = EncryptTree(edited, metadata, opened.data_key.view(), stash);
  if (!hex.ok()) return hex.error().InFile(file.path);
  SopsFile out;
  out.path = file.path;
  out.document = std::move(edited);
  out.metadata = std::move(metadata);
  return Finish(std::move(out), opened.data_key.view(), *hex);
}

MasterKey NewAgeKey(const crypto::X25519Recipient& recipient, std::string_view data_key,
                    bool alphabetical) {
  MasterKey key;
  key.type = KeyType::kAge;
  MetadataField r{"recipient", doc::Node::MakeString(recipient.ToString())};
  MetadataField e{"enc", doc::Node::MakeString(WrapDataKey(data_key, recipient))};
  key.fields = alphabetical ? std::vector<MetadataField>{e, r} : std::vector<MetadataField>{r, e};
  return key;
}

// Converts a list element holding a decrypted comment back into a comment item.
void ElementsToComments(doc::Node& node, const std::set<const doc::Node*>& comments) {
  for (doc::Item& item : node.items) {
    if (item.is_comment()) continue;
    if (comments.count(&item.value) != 0) {
      item = doc::Item::MakeComment(item.value.scalar.text);
    } else {
      ElementsToComments(item.value, comments);
    }
  }
}

}  // namespace

Result<SopsFile> EncryptDocument(doc::Document plaintext, const NewFileOptions& options,
                                 const std::string& path) {
  if (options.age_recipients.empty()) {
    return MakeError("no recipients: give at least one age recipient to encrypt for", path);
  }
  for (const doc::Node& root : plaintext.roots) {
    for (const doc::Item& item : root.items) {
      if (item.is_comment()) continue;
      if (plaintext.format != doc::Format::kDotenv && item.key == "sops" &&
          &root == &plaintext.roots[0]) {
        return MakeError("the document already has a top-level 'sops' key (already encrypted?)",
                         path, item.line);
      }
      if (plaintext.format == doc::Format::kDotenv && IsDotenvMetadataKey(item.key)) {
        return MakeError("the dotenv key '" + item.key + "' starts with sops_, which sops reserves",
                         path, item.line);
      }
    }
  }
  Metadata metadata;
  metadata.version = std::string(kWrittenSopsVersion);
  metadata.rules = options.rules;
  if (metadata.rules.CountSet() == 0) {
    metadata.rules.unencrypted_suffix = std::string(kDefaultUnencryptedSuffix);
  }
  metadata.mac_only_encrypted = options.mac_only_encrypted;
  SecureBytes data_key = SecureBytes::Random(kDataKeySize);
  KeyList& age = metadata.ListOf(KeyType::kAge);
  for (const crypto::X25519Recipient& r : options.age_recipients) {
    age.keys.push_back(NewAgeKey(r, data_key.view(), false));
  }
  CiphertextStash fresh;
  Result<std::string> hex = EncryptTree(plaintext, metadata, data_key.view(), fresh);
  if (!hex.ok()) return hex.error().InFile(path);
  SopsFile out;
  out.path = path;
  out.document = std::move(plaintext);
  out.metadata = std::move(metadata);
  return Finish(std::move(out), data_key.view(), *hex);
}

Result<doc::Document> PlaintextDocument(const SopsFile& file, const OpenedFile& opened) {
  Result<RuleMatcher> rules = RuleMatcher::Compile(file.metadata.rules);
  if (!rules.ok()) return rules.error().InFile(file.path);
  doc::Document plain = file.document;
  std::set<const doc::Node*> list_comments;
  size_t index = 0;
  Status walked = WalkLeaves(plain, *rules, [&](Leaf& leaf) -> Status {
    if (index >= opened.leaves.size() || opened.leaves[index].aad != leaf.aad) {
      return MakeError("the opened values do not belong to this file", file.path);
    }
    const OpenedLeaf& open = opened.leaves[index++];
    if (!open.encrypted) return Status::Ok();
    if (leaf.comment != nullptr) {
      leaf.comment->text = std::string(open.plaintext.view());
    } else if (open.type == ValueType::kComment) {
      leaf.value->scalar =
          doc::Scalar{doc::ScalarType::kString, std::string(open.plaintext.view())};
      list_comments.insert(leaf.value);
    } else {
      Result<doc::Scalar> scalar = ScalarFromPlaintext(open.type, open.plaintext.view());
      if (!scalar.ok())
        return MakeError("the value at " + leaf.key_path + " is malformed", file.path);
      leaf.value->scalar = std::move(*scalar);
    }
    return Status::Ok();
  });
  if (!walked.ok()) return walked.error();
  for (doc::Node& root : plain.roots) ElementsToComments(root, list_comments);
  return plain;
}

Result<SopsFile> ReencryptDocument(const SopsFile& file, const OpenedFile& opened,
                                   doc::Document edited) {
  return Reencrypt(file, opened, std::move(edited), file.metadata);
}

Result<SopsFile> SetValue(const SopsFile& file, const OpenedFile& opened,
                          const std::vector<std::string>& key_path, doc::Scalar value) {
  if (key_path.empty()) return MakeError("an empty key path", file.path);
  Result<doc::Document> plain = PlaintextDocument(file, opened);
  if (!plain.ok()) return plain.error();
  doc::Node* at = &plain->root();
  for (size_t i = 0; i + 1 < key_path.size(); ++i) {
    doc::Node* next = at->Find(key_path[i]);
    if (next == nullptr) {
      at->items.push_back(doc::Item::Entry(key_path[i], doc::Node::MakeMap()));
      next = &at->items.back().value;
    }
    if (!next->is_map()) {
      return MakeError("cannot set a value under '" + key_path[i] + "': it is not a mapping",
                       file.path);
    }
    at = next;
  }
  if (doc::Node* existing = at->Find(key_path.back())) {
    if (!existing->is_scalar()) {
      return MakeError("cannot set '" + key_path.back() + "': it is a mapping or list", file.path);
    }
    existing->scalar = std::move(value);
  } else {
    doc::Node node;
    node.scalar = std::move(value);
    at->items.push_back(doc::Item::Entry(key_path.back(), std::move(node)));
  }
  return Reencrypt(file, opened, std::move(*plain), file.metadata);
}

Result<SopsFile> RemoveValue(const SopsFile& file, const OpenedFile& opened,
                             const std::vector<std::string>& key_path) {
  if (key_path.empty()) return MakeError("an empty key path", file.path);
  Result<doc::Document> plain = PlaintextDocument(file, opened);
  if (!plain.ok()) return plain.error();
  doc::Node* at = &plain->root();
  for (size_t i = 0; i + 1 < key_path.size(); ++i) {
    at = at->Find(key_path[i]);
    if (at == nullptr || !at->is_map()) break;
  }
  int index = at == nullptr ? -1 : at->IndexOf(key_path.back());
  if (index < 0) {
    std::string joined;
    for (const std::string& k : key_path) joined += (joined.empty() ? "" : ".") + k;
    return MakeError("there is no key " + joined + " to remove", file.path);
  }
  at->items.erase(at->items.begin() + index);
  return Reencrypt(file, opened, std::move(*plain), file.metadata);
}

Result<SopsFile> RotateDataKey(const SopsFile& file, const OpenedFile& opened) {
  if (!file.metadata.key_groups.empty() && file.metadata.EffectiveGroups().size() > 1) {
    return MakeError("cannot rotate a file with several key groups; use `sops rotate`", file.path);
  }
  Metadata metadata = file.metadata;
  SecureBytes new_key = SecureBytes::Random(kDataKeySize);
  for (KeyList& list : metadata.key_lists) {
    if (list.keys.empty()) continue;
    if (list.type == KeyType::kPgp) {
      // As sops does: the new key encrypted to each fingerprint by the gpg binary (public keys
      // only; no secret key is needed to wrap).
      for (MasterKey& key : list.keys) {
        Result<std::string> enc = crypto::WrapDataKeyForPgp(new_key.view(), key.Id());
        if (!enc.ok()) return MakeError("cannot rotate: " + enc.error().message, file.path);
        key.SetEnc(std::move(*enc));
        for (MetadataField& f : key.fields) {
          if (f.name == "created_at") f.value = doc::Node::MakeString(NowRfc3339());
        }
      }
      continue;
    }
    if (list.type != KeyType::kAge) {
      return MakeError(std::string("cannot rotate: the file has ") + KeyTypeName(list.type) +
                           " recipients, which clef cannot wrap a new data key for",
                       file.path);
    }
    for (MasterKey& key : list.keys) {
      Result<crypto::X25519Recipient> r = crypto::X25519Recipient::Parse(key.Id());
      if (!r.ok()) {
        return MakeError("cannot rotate: the age recipient '" + key.Id() + "' is not valid",
                         file.path);
      }
      key.SetEnc(WrapDataKey(new_key.view(), *r));
    }
  }
  Result<doc::Document> plain = PlaintextDocument(file, opened);
  if (!plain.ok()) return plain.error();
  CiphertextStash fresh;
  Result<std::string> hex = EncryptTree(*plain, metadata, new_key.view(), fresh);
  if (!hex.ok()) return hex.error().InFile(file.path);
  SopsFile out;
  out.path = file.path;
  out.document = std::move(*plain);
  out.metadata = std::move(metadata);
  return Finish(std::move(out), new_key.view(), *hex);
}

Result<SopsFile> AddAgeRecipient(const SopsFile& file, const OpenedFile& opened,
                                 const crypto::X25519Recipient& recipient) {
  Recipient wanted{KeyType::kAge, recipient.ToString()};
  if (file.metadata.Recipients().Contains(wanted)) {
    return MakeError(wanted.id + " is already a recipient of the file", file.path);
  }
  Metadata metadata = file.metadata;
  metadata.ListOf(KeyType::kAge)
      .keys.push_back(
          NewAgeKey(recipient, opened.data_key.view(), metadata.WritesAlphabetically()));
  Result<doc::Document> plain = PlaintextDocument(file, opened);
  if (!plain.ok()) return plain.error();
  return Reencrypt(file, opened, std::move(*plain), std::move(metadata));
}

Result<SopsFile> RemoveAgeRecipient(const SopsFile& file, const OpenedFile& opened,
                                    std::string_view recipient) {
  Metadata metadata = file.metadata;
  KeyList& age = metadata.ListOf(KeyType::kAge);
  auto it = std::find_if(age.keys.begin(), age.keys.end(),
                         [&](const MasterKey& k) { return k.Id() == recipient; });
  if (it == age.keys.end()) {
    return MakeError(std::string(recipient) + " is not an age recipient of the file", file.path);
  }
  age.keys.erase(it);
  if (metadata.Recipients().empty()) {
    return MakeError("refusing to remove the last recipient: no one could decrypt the file",
                     file.path);
  }
  Result<doc::Document> plain = PlaintextDocument(file, opened);
  if (!plain.ok()) return plain.error();
  return Reencrypt(file, opened, std::move(*plain), std::move(metadata));
}

}  // namespace clef::sops

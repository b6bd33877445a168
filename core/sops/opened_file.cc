#include "core/sops/opened_file.h"

#include "core/sops/data_key.h"
#include "core/sops/mac.h"
#include "core/sops/tree_walk.h"
#include "core/sops/value_bytes.h"
#include "core/sops/value_cipher.h"

namespace clef::sops {
namespace {

Error LeafError(const SopsFile& file, const Leaf& leaf, const std::string& what) {
  Error e = MakeError("the value at " + leaf.key_path + " " + what, file.path, leaf.line);
  return e;
}

// Buffers one walk reuses for every leaf.
struct Scratch {
  SecureBytes plain{4080};     // the decrypted value (grows for longer ones); one 4 KiB block
  SecureBytes canonical{256};  // its MAC bytes when the type is not a string
  EncryptedValue parsed;       // the ENC[...] fields (public bytes)
};

// Decrypts one leaf in an encrypted position into `out`; adds its MAC bytes to `mac`.
// With `keep` false the plaintext only passes through `scratch` (one buffer for the file).
Status OpenEncryptedLeaf(const SopsFile& file, std::string_view key, const Leaf& leaf,
                         OpenedLeaf& out, MacHasher& mac, Scratch& scratch, bool keep) {
  const std::string& text = leaf.text();
  if (leaf.comment == nullptr && leaf.value->scalar.type != doc::ScalarType::kString) {
    return LeafError(file, leaf,
                     "is plaintext, but the file's rule demands it encrypted (sops refuses "
                     "such files)");
  }
  if (text.empty()) {
    // sops never encrypts "" (and never an empty comment); it hashes zero bytes.
    out.type = leaf.comment ? ValueType::kComment : ValueType::kStr;
    return Status::Ok();
  }
  if (!LooksEncrypted(text)) {
    if (leaf.comment != nullptr) {
      // sops keeps a comment it cannot decrypt as it is; it is never hashed.
      if (keep) out.plaintext = SecureBytes::CopyOf(text);
      out.type = ValueType::kComment;
      return Status::Ok();
    }
    return LeafError(file, leaf,
                     "is plaintext, but the file's rule demands it encrypted (sops refuses "
                     "such files)");
  }
  EncryptedValue* value = &scratch.parsed;
  if (Status s = ParseEncryptedValueInto(text, *value); !s.ok()) {
    return LeafError(file, leaf, "is " + s.error().message);
  }
  Result<size_t> size = OpenValueInto(key, *value, leaf.aad, scratch.plain);
  if (!size.ok()) {
    return LeafError(file, leaf,
                     "does not decrypt: it was changed (value, iv or tag), moved to another "
                     "key, or encrypted with another data key");
  }
  out.encrypted = true;
  if (keep) out.ciphertext = text;
  out.type = value->type;
  std::string_view plain = scratch.plain.view().substr(0, *size);
  if (value->type == ValueType::kComment) {
    out.is_comment = true;
  } else if (value->type == ValueType::kStr || value->type == ValueType::kBytes) {
    mac.Add(plain);
  } else {
    Result<size_t> canonical = CanonicalBytesInto(value->type, plain, scratch.canonical);
    if (!canonical.ok()) {
      Wipe(scratch.plain.data(), *size);
      return LeafError(file, leaf,
                       std::string("does not decrypt to a valid ") + ValueTypeName(value->type));
    }
    mac.Add(scratch.canonical.view().substr(0, *canonical));
    Wipe(scratch.canonical.data(), *canonical);
  }
  if (keep) out.plaintext = SecureBytes::CopyOf(plain);
  Wipe(scratch.plain.data(), *size);
  return Status::Ok();
}

// Decrypts every leaf and checks the MAC; keeps the leaves only when `keep`.
Result<OpenedFile> Open(const SopsFile& file, SecureBytes data_key, bool keep) {
  Result<RuleMatcher> rules = RuleMatcher::Compile(file.metadata.rules);
  if (!rules.ok()) return rules.error().InFile(file.path);
  const bool mac_only = file.metadata.mac_only_encrypted;
  MacHasher mac(mac_only);
  OpenedFile opened;
  Scratch scratch;
  size_t count = 0;
  auto& tree = const_cast<doc::Document&>(file.document);  // the walk only reads here
  Status walked = WalkLeaves(tree, *rules, [&](Leaf& leaf) -> Status {
    OpenedLeaf out;
    out.document = leaf.document;
    if (keep) {  // a verification keeps nothing, so copies nothing
      out.aad = leaf.aad;
      out.key_path = leaf.key_path;
    }
    out.line = leaf.line;
    out.is_comment = leaf.is_comment;
    if (leaf.encrypt) {
      Status s = OpenEncryptedLeaf(file, data_key.view(), leaf, out, mac, scratch, keep);
      if (!s.ok()) return s;
    } else if (leaf.comment != nullptr) {
      out.type = ValueType::kComment;
      if (keep) out.plaintext = SecureBytes::CopyOf(leaf.comment->text);
    } else {
      out.type = TypeTagFor(leaf.value->scalar).value_or(ValueType::kStr);
      if (keep) {
        Result<SecureBytes> bytes = ScalarBytes(leaf.value->scalar);
        if (!bytes.ok()) return LeafError(file, leaf, "is a number or time sops cannot format");
        out.plaintext = std::move(*bytes);
      }
      if (!mac_only && !leaf.is_comment) {
        if (!mac.AddScalar(leaf.value->scalar).ok()) {
          return LeafError(file, leaf, "is a number or time sops cannot format");
        }
      }
    }
    ++count;
    if (keep) opened.leaves.push_back(std::move(out));
    return Status::Ok();
  });
  if (!walked.ok()) return walked.error();
  if (Status s = CheckMac(file.metadata, data_key.view(), mac.HexDigest()); !s.ok()) {
    opened.leaves.clear();  // nothing of an unverified file is handed out
    return s.error().InFile(file.path);
  }
  opened.data_key = std::move(data_key);
  opened.leaf_count = count;
  return opened;
}

}  // namespace

Result<OpenedFile> OpenWithDataKey(const SopsFile& file, SecureBytes data_key) {
  return Open(file, std::move(data_key), /*keep=*/true);
}

Result<OpenedFile> VerifyWithDataKey(const SopsFile& file, SecureBytes data_key) {
  return Open(file, std::move(data_key), /*keep=*/false);
}

Result<OpenedFile> OpenSopsFile(const SopsFile& file, const IdentitySet& identities) {
  Result<UnwrappedKey> key = UnwrapDataKey(file.metadata, identities);
  if (!key.ok()) return key.error().InFile(file.path);
  Result<OpenedFile> opened = OpenWithDataKey(file, std::move(key->data_key));
  if (!opened.ok()) return opened.error();
  opened->opened_by = key->opened_by;
  return opened;
}

}  // namespace clef::sops

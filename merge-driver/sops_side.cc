#include "merge-driver/sops_side.h"

#include <sodium.h>

#include "core/crypto/data_key.h"
#include "core/sops/encrypted_value.h"
#include "core/sops/encryption_rules.h"
#include "core/sops/mac.h"
#include "core/sops/tree_walk.h"
#include "core/sops/value_bytes.h"

namespace clef::merge {
namespace {

sops::ValueType TypeOf(const doc::Scalar& scalar) {
  return sops::TypeTagFor(scalar).value_or(sops::ValueType::kStr);
}

// Strings, comments and bytes are hashed and encrypted as they are; other types are
// re-formatted the way Go does (sops::CanonicalBytes, sops::ScalarBytes).
bool HashedAsIs(sops::ValueType type) {
  return type == sops::ValueType::kStr || type == sops::ValueType::kComment ||
         type == sops::ValueType::kBytes;
}

const void* LeafAddress(const sops::Leaf& leaf) {
  return leaf.comment ? static_cast<const void*>(leaf.comment) : leaf.value;
}

std::string_view View(std::span<const uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::string Format(crypto::GcmSealed sealed, sops::ValueType type) {
  return sops::EncryptedValue{std::move(sealed.ciphertext), std::move(sealed.iv),
                              std::move(sealed.tag), type}
      .Format();
}

std::string RecipientList(const sops::Metadata& m) {
  std::string out;
  const sops::RecipientSet recipients = m.Recipients();
  for (const sops::Recipient& r : recipients.recipients()) {
    out += "\n    " + r.Describe();
  }
  return out.empty() ? " (none)" : out;
}

}  // namespace

size_t SopsSession::KeyId(std::string_view key) {
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (SecureEqual(keys_[i], key)) return i;
  }
  keys_.push_back(arena_.Copy(key));
  return keys_.size() - 1;
}

void SopsSession::Remember(std::string_view key, std::string text, std::string_view aad,
                           LeafPlaintext plain) {
  known_.insert_or_assign(std::move(text), Known{KeyId(key), std::string(aad), plain});
}

Result<LeafPlaintext> SopsSession::Decrypt(std::string_view key, const std::string& text,
                                           std::string_view aad) {
  auto it = known_.find(text);
  if (it != known_.end() && it->second.aad == aad && SecureEqual(keys_[it->second.key], key)) {
    return it->second.plain;
  }
  Result<sops::EncryptedValue> v = sops::ParseEncryptedValue(text);
  if (!v.ok()) return v.error();
  std::span<uint8_t> out = arena_.Allocate(v->ciphertext.size());
  ++decryptions_;
  Status opened = cipher_.Open(key, v->iv, aad, v->ciphertext, v->tag, out);
  if (!opened.ok()) return opened.error();
  LeafPlaintext plain{v->type, View(out), View(out)};
  if (!HashedAsIs(v->type)) {
    Result<size_t> n = sops::CanonicalBytesInto(v->type, plain.bytes, canonical_);
    plain.mac_ok = n.ok();
    if (n.ok()) {
      plain.mac_bytes = arena_.Copy(canonical_.view().substr(0, *n));
      Wipe(canonical_.data(), *n);
    }
  }
  Remember(key, text, aad, plain);
  return plain;
}

// The data key from the first master key that was already unwrapped for another side, or that
// a local identity (or gpg) opens.
Result<std::string_view> SopsSession::UnwrapDataKey(const sops::Metadata& m,
                                                    const std::string& side,
                                                    const std::string& path) {
  std::vector<sops::KeyGroup> groups = m.EffectiveGroups();
  if (groups.size() > 1) {
    return MakeError("the " + side +
                         " version uses several key groups (Shamir); the merge "
                         "driver does not open those yet — merge this file by hand with sops",
                     path);
  }
  for (const sops::KeyGroup& g : groups) {
    for (const sops::KeyList& list : g.lists) {
      for (const sops::MasterKey& key : list.keys) {
        if (list.type == sops::KeyType::kAge) {
          for (const auto& [enc, data_key] : unwrapped_) {
            if (enc == key.Enc()) return data_key;
          }
        }
        Result<std::optional<SecureBytes>> opened = std::optional<SecureBytes>();
        if (list.type == sops::KeyType::kAge) {
          opened = crypto::UnwrapAgeDataKey(key.Enc(), identities_.set.age());
        } else if (list.type == sops::KeyType::kPgp) {
          opened = crypto::UnwrapPgpDataKey(key.Enc());
          if (!opened.ok()) continue;  // gpg missing or failing: try the other recipients
        }
        if (!opened.ok()) {
          return MakeError("the " + side + " version has a damaged wrapped data key for " +
                               key.AsRecipient().Describe() + ": " + opened.error().message,
                           path);
        }
        if (*opened) {
          std::string_view data_key = arena_.Copy((*opened)->view());
          if (list.type == sops::KeyType::kAge) unwrapped_.emplace_back(key.Enc(), data_key);
          return data_key;
        }
      }
    }
  }
  std::string searched;
  for (const std::string& s : identities_.places) searched += "\n    " + s;
  Error e = MakeError("no local identity opens the " + side + " version; it is encrypted for:" +
                          RecipientList(m) + "\n  identities were looked for in:" + searched,
                      path);
  e.hint = "set SOPS_AGE_KEY_FILE to a key file holding one of these identities";
  return e;
}

Result<std::unique_ptr<OpenedSide>> SopsSession::Open(std::string_view bytes,
                                                      const std::string& path, Side side) {
  const std::string name = SideName(side);
  auto opened = std::make_unique<OpenedSide>();
  opened->side = side;
  Result<sops::SopsFile> file = sops::ReadSopsFile(bytes, path);
  if (!file.ok()) {
    Error e = file.error().InFile(path);
    e.message = "the " + name + " version is not a sops file: " + e.message;
    return e;
  }
  opened->file = std::move(*file);
  const sops::Metadata& meta = opened->file.metadata;
  Result<std::string_view> key = UnwrapDataKey(meta, name, path);
  if (!key.ok()) return key.error();
  opened->data_key = *key;

  Result<sops::RuleMatcher> rules = sops::RuleMatcher::Compile(meta.rules);
  if (!rules.ok()) return rules.error().InFile(path);
  sops::MacHasher mac(meta.mac_only_encrypted);
  Status walked = sops::WalkLeaves(opened->file.document, *rules, [&](sops::Leaf& leaf) -> Status {
    const std::string& text = leaf.text();
    bool hashed = !leaf.is_comment && (!meta.mac_only_encrypted || leaf.encrypt);
    if (!sops::LooksEncrypted(text)) {
      if (hashed && !mac.AddScalar(leaf.value->scalar).ok()) {
        return MakeError("value at " + leaf.key_path + " is malformed", path, leaf.line);
      }
      return Status::Ok();
    }
    Result<LeafPlaintext> plain = Decrypt(opened->data_key, text, leaf.aad);
    if (!plain.ok()) {
      const std::string& why = plain.error().message;
      if (why.starts_with("malformed") || why.starts_with("not an encrypted")) {
        return MakeError("the " + name + " version has a malformed encrypted value at " +
                             leaf.key_path + ": " + why,
                         path, leaf.line);
      }
      return MakeError("the " + name + " version's value at " + leaf.key_path +
                           " does not decrypt (tampered, or moved to another key)",
                       path, leaf.line);
    }
    if (hashed) {
      if (!plain->mac_ok) {
        return MakeError("value at " + leaf.key_path + " is malformed", path, leaf.line);
      }
      mac.Add(plain->mac_bytes);
    }
    opened->plaintext[LeafAddress(leaf)] = *plain;
    return Status::Ok();
  });
  if (!walked.ok()) return walked.error();
  Status verified = sops::CheckMac(meta, opened->data_key, mac.HexDigest());
  if (!verified.ok()) {
    Error e = MakeError(
        "the MAC of the " + name + " version does not verify: " + verified.error().message, path);
    e.hint = "the " + name + " version was modified outside sops; restore it from history";
    return e;
  }
  return opened;
}

Status SopsSession::Reencrypt(OpenedSide& side, std::string_view key) {
  Result<sops::RuleMatcher> rules = sops::RuleMatcher::Compile(side.file.metadata.rules);
  if (!rules.ok()) return rules.error();
  Status s = sops::WalkLeaves(side.file.document, *rules, [&](sops::Leaf& leaf) -> Status {
    auto it = side.plaintext.find(LeafAddress(leaf));
    if (it == side.plaintext.end()) return Status::Ok();
    Result<crypto::GcmSealed> sealed = cipher_.Seal(key, leaf.aad, it->second.bytes);
    if (!sealed.ok()) return sealed.error();
    std::string text = Format(std::move(*sealed), it->second.type);
    Remember(key, text, leaf.aad, it->second);
    if (leaf.comment) {
      leaf.comment->text = std::move(text);
    } else {
      leaf.value->scalar.text = std::move(text);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  side.data_key = arena_.Copy(key);
  return Status::Ok();
}

Status SopsSession::Seal(sops::SopsFile& file, std::string_view key, const std::string& now) {
  sops::Metadata& meta = file.metadata;
  Result<sops::RuleMatcher> rules = sops::RuleMatcher::Compile(meta.rules);
  if (!rules.ok()) return rules.error().InFile(file.path);
  sops::MacHasher mac(meta.mac_only_encrypted);
  Status s = sops::WalkLeaves(file.document, *rules, [&](sops::Leaf& leaf) -> Status {
    std::string& text = leaf.comment ? leaf.comment->text : leaf.value->scalar.text;
    bool hashed = !leaf.is_comment && (!meta.mac_only_encrypted || leaf.encrypt);
    if (sops::LooksEncrypted(text)) {
      // Values kept from a side come from the cache: they were authenticated when opened.
      Result<LeafPlaintext> plain = Decrypt(key, text, leaf.aad);
      if (!plain.ok()) {
        return MakeError("merged value at " + leaf.key_path + " does not decrypt", file.path);
      }
      if (hashed) {
        if (!plain->mac_ok) {
          return MakeError("merged value at " + leaf.key_path + " is malformed", file.path);
        }
        mac.Add(plain->mac_bytes);
      }
      if (!leaf.encrypt && !leaf.is_comment) {  // the rule now wants this value in the clear
        Result<doc::Scalar> shown = sops::ScalarFromPlaintext(plain->type, plain->bytes);
        if (!shown.ok()) return shown.error();
        leaf.value->scalar = std::move(*shown);
      }
      return Status::Ok();
    }
    if (hashed && !mac.AddScalar(leaf.value->scalar).ok()) {
      return MakeError("value at " + leaf.key_path + " is malformed", file.path);
    }
    if (leaf.encrypt && !text.empty()) {  // the rule now wants this value encrypted
      sops::ValueType type =
          leaf.is_comment ? sops::ValueType::kComment : TypeOf(leaf.value->scalar);
      Result<SecureBytes> b =
          leaf.is_comment ? SecureBytes::CopyOf(text) : sops::ScalarBytes(leaf.value->scalar);
      if (!b.ok()) return b.error();
      Result<crypto::GcmSealed> sealed = cipher_.Seal(key, leaf.aad, b->view());
      if (!sealed.ok()) return sealed.error();
      sodium_memzero(text.data(), text.size());  // a value set in memory (`clef merge --set`)
      text = Format(std::move(*sealed), type);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  Result<std::string> stored = sops::SealMac(key, mac.HexDigest(), now);
  if (!stored.ok()) return stored.error();
  meta.lastmodified = now;
  meta.mac = *stored;
  return Status::Ok();
}

const LeafPlaintext* PlaintextComparator::Find(Side side, const void* leaf) const {
  const OpenedSide* s = sides_[static_cast<int>(side)];
  if (s == nullptr) return nullptr;
  auto it = s->plaintext.find(leaf);
  return it == s->plaintext.end() ? nullptr : &it->second;
}

bool PlaintextComparator::ValuesEqual(const KeyPath&, Side a_side, const doc::Node& a, Side b_side,
                                      const doc::Node& b) const {
  const LeafPlaintext* pa = Find(a_side, &a);
  const LeafPlaintext* pb = Find(b_side, &b);
  if (pa != nullptr && pb != nullptr) {
    return pa->type == pb->type && SecureEqual(pa->bytes, pb->bytes);
  }
  if (pa != nullptr || pb != nullptr) {
    // One side encrypted, one not (an encryption rule changed): compare the value text.
    const LeafPlaintext* p = pa ? pa : pb;
    const doc::Node& plain = pa ? b : a;
    return TypeOf(plain.scalar) == p->type && SecureEqual(p->bytes, plain.scalar.text);
  }
  return a.scalar.type == b.scalar.type && a.scalar.text == b.scalar.text;
}

bool PlaintextComparator::CommentsEqual(const KeyPath&, Side a_side, const doc::Comment& a,
                                        Side b_side, const doc::Comment& b) const {
  const LeafPlaintext* pa = Find(a_side, &a);
  const LeafPlaintext* pb = Find(b_side, &b);
  std::string_view ta = pa ? pa->bytes : std::string_view(a.text);
  std::string_view tb = pb ? pb->bytes : std::string_view(b.text);
  return SecureEqual(ta, tb);
}

}  // namespace clef::merge

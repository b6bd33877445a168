// Metadata accessors and writing the block back (see metadata.h).
#include "core/sops/metadata.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace clef::sops {
namespace {

// sops 3.10–3.12: the declaration order of stores.Metadata (§3.3).
constexpr std::string_view kStructOrder[] = {"shamir_threshold",
                                             "key_groups",
                                             "kms",
                                             "gcp_kms",
                                             "hckms",
                                             "azure_kv",
                                             "hc_vault",
                                             "age",
                                             "lastmodified",
                                             "mac",
                                             "pgp",
                                             "unencrypted_suffix",
                                             "encrypted_suffix",
                                             "unencrypted_regex",
                                             "encrypted_regex",
                                             "unencrypted_comment_regex",
                                             "encrypted_comment_regex",
                                             "mac_only_encrypted",
                                             "version"};

int CanonicalRank(std::string_view name, bool alphabetical) {
  if (alphabetical) return -1;  // callers compare names directly
  for (size_t i = 0; i < std::size(kStructOrder); ++i) {
    if (kStructOrder[i] == name) return static_cast<int>(i);
  }
  return -1;
}

// Places `present` (names of known fields to write) into `original` order; names not in the
// original go after the last field that precedes them canonically.
std::vector<std::string> OrderFields(const std::vector<std::string>& original,
                                     const std::vector<std::string>& present,
                                     const std::vector<std::string>& unknown, bool alphabetical) {
  auto in = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  std::vector<std::string> out;
  for (const std::string& name : original) {
    if (in(present, name) || in(unknown, name)) out.push_back(name);
  }
  auto before = [&](const std::string& a, const std::string& b) {
    if (alphabetical) return a < b;
    return CanonicalRank(a, false) < CanonicalRank(b, false);
  };
  std::vector<std::string> added;
  for (const std::string& name : present) {
    if (!in(out, name)) added.push_back(name);
  }
  std::sort(added.begin(), added.end(), before);
  for (const std::string& name : added) {
    size_t at = 0;
    for (size_t i = 0; i < out.size(); ++i) {
      if (!in(unknown, out[i]) && before(out[i], name)) at = i + 1;
    }
    out.insert(out.begin() + static_cast<long>(at), name);
  }
  return out;
}

doc::Node KeyListNode(const KeyList& list) {
  doc::Node seq = doc::Node::MakeSeq();
  for (const MasterKey& key : list.keys) {
    doc::Node map = doc::Node::MakeMap();
    for (const MetadataField& f : key.fields)
      map.items.push_back(doc::Item::Entry(f.name, f.value));
    seq.items.push_back(doc::Item::Element(std::move(map)));
  }
  return seq;
}

doc::Node KeyGroupNode(const KeyGroup& group, bool alphabetical) {
  std::vector<std::string> present, unknown;
  for (const KeyList& l : group.lists) present.push_back(KeyTypeName(l.type));
  for (const MetadataField& f : group.unknown_fields) unknown.push_back(f.name);
  // Inside a group the lists follow the same relative order as at the top level.
  std::vector<std::string> order = OrderFields(group.field_order, present, unknown, alphabetical);
  doc::Node map = doc::Node::MakeMap();
  for (const std::string& name : order) {
    for (const KeyList& l : group.lists) {
      if (name == KeyTypeName(l.type)) map.items.push_back(doc::Item::Entry(name, KeyListNode(l)));
    }
    for (const MetadataField& f : group.unknown_fields) {
      if (name == f.name) map.items.push_back(doc::Item::Entry(name, f.value));
    }
  }
  return map;
}

const std::string* RuleValue(const EncryptionRules& r, std::string_view name) {
  if (name == "unencrypted_suffix") return &r.unencrypted_suffix;
  if (name == "encrypted_suffix") return &r.encrypted_suffix;
  if (name == "unencrypted_regex") return &r.unencrypted_regex;
  if (name == "encrypted_regex") return &r.encrypted_regex;
  if (name == "unencrypted_comment_regex") return &r.unencrypted_comment_regex;
  if (name == "encrypted_comment_regex") return &r.encrypted_comment_regex;
  return nullptr;
}

bool WasWritten(const Metadata& m, std::string_view name) {
  return std::find(m.field_order.begin(), m.field_order.end(), name) != m.field_order.end();
}

}  // namespace

std::string MasterKey::Get(std::string_view name) const {
  for (const MetadataField& f : fields) {
    if (f.name == name && f.value.is_scalar() && f.value.scalar.type != doc::ScalarType::kNull) {
      return f.value.scalar.text;
    }
  }
  return {};
}

std::string MasterKey::Id() const {
  switch (type) {
    case KeyType::kAge:
      return Get("recipient");
    case KeyType::kPgp: {
      std::string fp = Get("fp");
      for (char& c : fp) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return fp;
    }
    case KeyType::kKms:
      return Get("arn");
    case KeyType::kGcpKms:
      return Get("resource_id");
    case KeyType::kAzureKv:
      return Get("vault_url") + "/keys/" + Get("name") + "/" + Get("version");
    case KeyType::kHcVault:
      return Get("vault_address") + "/v1/" + Get("engine_path") + "/keys/" + Get("key_name");
    case KeyType::kHckms:
      return Get("key_id");
  }
  return {};
}

std::string MasterKey::Enc() const { return Get("enc"); }

void MasterKey::SetEnc(std::string enc) {
  for (MetadataField& f : fields) {
    if (f.name == "enc") {
      f.value = doc::Node::MakeString(std::move(enc));
      return;
    }
  }
  fields.push_back(MetadataField{"enc", doc::Node::MakeString(std::move(enc))});
}

std::vector<KeyGroup> Metadata::EffectiveGroups() const {
  for (const KeyList& l : key_lists) {
    if (!l.keys.empty()) {
      KeyGroup flat;
      flat.lists = key_lists;
      return {flat};
    }
  }
  return key_groups;
}

RecipientSet Metadata::Recipients() const {
  RecipientSet set;
  for (const KeyGroup& g : EffectiveGroups()) {
    for (const KeyList& l : g.lists) {
      for (const MasterKey& k : l.keys) set.Add(k.AsRecipient());
    }
  }
  return set;
}

bool Metadata::WritesAlphabetically() const {
  // "3.13.0" or later; anything unparsable keeps the 3.12 order this toolkit writes.
  int major = 0, minor = 0;
  if (std::sscanf(version.c_str(), "%d.%d", &major, &minor) != 2) return false;
  return major > 3 || (major == 3 && minor >= 13);
}

KeyList& Metadata::ListOf(KeyType type) {
  for (KeyList& l : key_lists) {
    if (l.type == type) return l;
  }
  key_lists.push_back(KeyList{type, {}});
  return key_lists.back();
}

doc::Node MetadataToNode(const Metadata& m) {
  const bool alpha = m.WritesAlphabetically();
  std::vector<std::string> present;
  for (const KeyList& l : m.key_lists) {
    if (!l.keys.empty() || WasWritten(m, KeyTypeName(l.type)))
      present.push_back(KeyTypeName(l.type));
  }
  if (!m.key_groups.empty() || WasWritten(m, "key_groups")) present.push_back("key_groups");
  if (m.shamir_threshold) present.push_back("shamir_threshold");
  present.push_back("lastmodified");
  present.push_back("mac");
  for (std::string_view rule :
       {"unencrypted_suffix", "encrypted_suffix", "unencrypted_regex", "encrypted_regex",
        "unencrypted_comment_regex", "encrypted_comment_regex"}) {
    if (!RuleValue(m.rules, rule)->empty()) present.emplace_back(rule);
  }
  if (m.mac_only_encrypted) present.push_back("mac_only_encrypted");
  present.push_back("version");
  std::vector<std::string> unknown;
  for (const MetadataField& f : m.unknown_fields) unknown.push_back(f.name);

  doc::Node block = doc::Node::MakeMap();
  for (const std::string& name : OrderFields(m.field_order, present, unknown, alpha)) {
    doc::Node value;
    if (std::optional<KeyType> type = ParseKeyType(name)) {
      for (const KeyList& l : m.key_lists) {
        if (l.type == *type) value = KeyListNode(l);
      }
    } else if (name == "key_groups") {
      value = doc::Node::MakeSeq();
      for (const KeyGroup& g : m.key_groups) {
        value.items.push_back(doc::Item::Element(KeyGroupNode(g, alpha)));
      }
    } else if (name == "shamir_threshold") {
      value = doc::Node::MakeScalar(doc::ScalarType::kInt, std::to_string(*m.shamir_threshold));
    } else if (name == "lastmodified") {
      value = doc::Node::MakeString(m.lastmodified);
    } else if (name == "mac") {
      value = doc::Node::MakeString(m.mac);
    } else if (name == "version") {
      value = doc::Node::MakeString(m.version);
    } else if (name == "mac_only_encrypted") {
      value = doc::Node::MakeScalar(doc::ScalarType::kBool, "true");
    } else if (const std::string* rule = RuleValue(m.rules, name)) {
      value = doc::Node::MakeString(*rule);
    } else {
      for (const MetadataField& f : m.unknown_fields) {
        if (f.name == name) value = f.value;
      }
    }
    block.items.push_back(doc::Item::Entry(name, std::move(value)));
  }
  return block;
}

}  // namespace clef::sops

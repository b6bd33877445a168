// Reading the `sops` block into Metadata (see metadata.h).
#include <algorithm>
#include <cctype>

#include "core/crypto/rfc3339.h"
#include "core/sops/metadata.h"
#include "core/util/go_format.h"

namespace clef::sops {
namespace {

Error FieldError(const std::string& message, const doc::Node& node) {
  return MakeError(message, {}, node.line, node.column);
}

bool IsScalarText(const doc::Node& node) {
  return node.is_scalar() && node.scalar.type != doc::ScalarType::kNull;
}

Result<std::string> StringField(const doc::Node& node, const std::string& name) {
  if (node.is_scalar() && node.scalar.type == doc::ScalarType::kNull) return std::string();
  if (!node.is_scalar()) {
    return FieldError("the sops metadata field '" + name + "' must be a string", node);
  }
  return node.scalar.text;
}

Result<MasterKey> ParseMasterKey(const doc::Node& node, KeyType type, const std::string& where) {
  if (!node.is_map()) {
    return FieldError("each entry of the sops metadata list '" + where + "' must be a mapping",
                      node);
  }
  MasterKey key;
  key.type = type;
  for (const doc::Item& item : node.items) {
    if (item.is_comment()) continue;
    key.fields.push_back(MetadataField{item.key, item.value});
  }
  const doc::Node* enc = node.Find("enc");
  if (enc != nullptr && !IsScalarText(*enc)) {
    return FieldError("the 'enc' of an entry of '" + where + "' must be a string", *enc);
  }
  return key;
}

Result<KeyList> ParseKeyList(const doc::Node& node, KeyType type) {
  KeyList list;
  list.type = type;
  const std::string name = KeyTypeName(type);
  if (node.is_scalar() && node.scalar.type == doc::ScalarType::kNull) return list;
  if (!node.is_seq()) {
    return FieldError("the sops metadata field '" + name + "' must be a list", node);
  }
  for (const doc::Item& item : node.items) {
    if (item.is_comment()) continue;
    Result<MasterKey> key = ParseMasterKey(item.value, type, name);
    if (!key.ok()) return key.error();
    list.keys.push_back(std::move(*key));
  }
  return list;
}

Result<KeyGroup> ParseKeyGroup(const doc::Node& node) {
  if (!node.is_map()) {
    return FieldError("each entry of the sops metadata field 'key_groups' must be a mapping", node);
  }
  KeyGroup group;
  for (const doc::Item& item : node.items) {
    if (item.is_comment()) continue;
    group.field_order.push_back(item.key);
    if (std::optional<KeyType> type = ParseKeyType(item.key)) {
      Result<KeyList> list = ParseKeyList(item.value, *type);
      if (!list.ok()) return list.error();
      group.lists.push_back(std::move(*list));
    } else {
      group.unknown_fields.push_back(MetadataField{item.key, item.value});
    }
  }
  return group;
}

Result<bool> WeakBool(const doc::Node& node, const std::string& name) {
  if (node.is_scalar()) {
    const std::string& t = node.scalar.text;
    if (node.scalar.type == doc::ScalarType::kNull) return false;
    // strconv.ParseBool spellings (mapstructure's weak typing); also an int 0/1.
    if (t == "1" || t == "t" || t == "T" || t == "true" || t == "TRUE" || t == "True") return true;
    if (t == "0" || t == "f" || t == "F" || t == "false" || t == "FALSE" || t == "False" ||
        t.empty()) {
      return false;
    }
  }
  return FieldError("the sops metadata field '" + name + "' must be true or false", node);
}

Result<int64_t> WeakInt(const doc::Node& node, const std::string& name) {
  if (node.is_scalar()) {
    if (std::optional<int64_t> v = gofmt::ParseInt(node.scalar.text)) return *v;
  }
  return FieldError("the sops metadata field '" + name + "' must be an integer", node);
}

std::string* RuleField(EncryptionRules& rules, std::string_view name) {
  if (name == "unencrypted_suffix") return &rules.unencrypted_suffix;
  if (name == "encrypted_suffix") return &rules.encrypted_suffix;
  if (name == "unencrypted_regex") return &rules.unencrypted_regex;
  if (name == "encrypted_regex") return &rules.encrypted_regex;
  if (name == "unencrypted_comment_regex") return &rules.unencrypted_comment_regex;
  if (name == "encrypted_comment_regex") return &rules.encrypted_comment_regex;
  return nullptr;
}

}  // namespace

Result<std::string> NormalizeRfc3339(std::string_view s) {
  // Go's time.Parse(time.RFC3339, ...) as crypto::ParseRfc3339 reads it, except that Go keeps
  // only the first 9 digits of a longer fraction instead of refusing it.
  std::string text(s);
  if (text.size() > 20 && text[19] == '.') {
    size_t end = 20;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end - 20 > 9) text.erase(29, end - 29);
  }
  std::optional<crypto::Rfc3339Time> t = crypto::ParseRfc3339(text);
  if (!t) {
    return MakeError("'" + std::string(s.substr(0, 40)) +
                     "' is not an RFC 3339 time (YYYY-MM-DDTHH:MM:SSZ)");
  }
  return crypto::FormatRfc3339(*t);
}

Result<Metadata> ParseMetadata(const doc::Node& block) {
  if (!block.is_map()) {
    return FieldError("the sops metadata must be a mapping", block);
  }
  Metadata m;
  bool has_lastmodified = false;
  for (const doc::Item& item : block.items) {
    if (item.is_comment()) continue;
    const std::string& name = item.key;
    const doc::Node& value = item.value;
    if (std::find(m.field_order.begin(), m.field_order.end(), name) != m.field_order.end()) {
      return FieldError("the sops metadata has the field '" + name + "' twice", value);
    }
    m.field_order.push_back(name);
    if (std::optional<KeyType> type = ParseKeyType(name)) {
      Result<KeyList> list = ParseKeyList(value, *type);
      if (!list.ok()) return list.error();
      m.key_lists.push_back(std::move(*list));
    } else if (name == "key_groups") {
      if (value.is_scalar() && value.scalar.type == doc::ScalarType::kNull) continue;
      if (!value.is_seq()) {
        return FieldError("the sops metadata field 'key_groups' must be a list", value);
      }
      for (const doc::Item& g : value.items) {
        if (g.is_comment()) continue;
        Result<KeyGroup> group = ParseKeyGroup(g.value);
        if (!group.ok()) return group.error();
        m.key_groups.push_back(std::move(*group));
      }
    } else if (name == "shamir_threshold") {
      if (value.is_scalar() && value.scalar.type == doc::ScalarType::kNull) continue;
      Result<int64_t> v = WeakInt(value, name);
      if (!v.ok()) return v.error();
      m.shamir_threshold = *v;
    } else if (name == "lastmodified") {
      if (!value.is_scalar() || value.scalar.type == doc::ScalarType::kNull) {
        return FieldError("the sops metadata field 'lastmodified' must be a time string", value);
      }
      Result<std::string> normal = NormalizeRfc3339(value.scalar.text);
      if (!normal.ok()) {
        return FieldError("the sops metadata field 'lastmodified': " + normal.error().message,
                          value);
      }
      m.lastmodified = value.scalar.text;
      has_lastmodified = true;
    } else if (name == "mac" || name == "version") {
      Result<std::string> text = StringField(value, name);
      if (!text.ok()) return text.error();
      (name == "mac" ? m.mac : m.version) = std::move(*text);
    } else if (name == "mac_only_encrypted") {
      Result<bool> v = WeakBool(value, name);
      if (!v.ok()) return v.error();
      m.mac_only_encrypted = *v;
    } else if (std::string* rule = RuleField(m.rules, name)) {
      Result<std::string> text = StringField(value, name);
      if (!text.ok()) return text.error();
      *rule = std::move(*text);
    } else {
      m.unknown_fields.push_back(MetadataField{name, value});
    }
  }
  if (!has_lastmodified) {
    return FieldError("the sops metadata has no 'lastmodified' field", block);
  }
  if (m.rules.CountSet() > 1) {
    return FieldError("the sops metadata sets more than one encryption rule (" +
                          m.rules.Describe() + ", ...); sops accepts at most one",
                      block);
  }
  return m;
}

}  // namespace clef::sops

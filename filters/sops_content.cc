#include "filters/sops_content.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

namespace clef::filter {
namespace {

constexpr std::string_view kEncPrefix = "ENC[AES256_GCM,";

// The field of a master key entry that identifies the recipient, per key type.
struct KeyTypeId {
  const char* type;
  const char* id_field;
};
constexpr KeyTypeId kKeyTypes[] = {
    {"age", "recipient"},     {"pgp", "fp"},      {"kms", "arn"}, {"gcp_kms", "resource_id"},
    {"azure_kv", "vault_url"}, {"hc_vault", "vault_address"}, {"hckms", "key_id"},
};

void CollectRecipients(const YAML::Node& group, std::set<std::string>* out) {
  if (!group.IsMap()) return;
  for (const KeyTypeId& kt : kKeyTypes) {
    YAML::Node list = group[kt.type];
    if (!list || !list.IsSequence()) continue;
    for (const YAML::Node& key : list) {
      if (!key.IsMap()) continue;
      YAML::Node id = key[kt.id_field];
      std::string text = id && id.IsScalar() ? id.Scalar() : "?";
      if (std::string_view(kt.type) == "azure_kv" && key["name"]) {
        text += "/keys/" + key["name"].as<std::string>("");
      }
      if (std::string_view(kt.type) == "hc_vault" && key["key_name"]) {
        text += "/keys/" + key["key_name"].as<std::string>("");
      }
      out->insert(std::string(kt.type) + " " + text);
    }
  }
}

std::string ScalarField(const YAML::Node& map, const char* name) {
  YAML::Node n = map[name];
  return n && n.IsScalar() ? n.Scalar() : std::string();
}

void ReadYamlMetadata(const YAML::Node& sops, SopsContent* c) {
  c->has_metadata = true;
  if (!sops.IsMap()) return;
  c->rules.unencrypted_suffix = ScalarField(sops, "unencrypted_suffix");
  c->rules.encrypted_suffix = ScalarField(sops, "encrypted_suffix");
  c->rules.unencrypted_regex = ScalarField(sops, "unencrypted_regex");
  c->rules.encrypted_regex = ScalarField(sops, "encrypted_regex");
  c->rules.unencrypted_comment_regex = ScalarField(sops, "unencrypted_comment_regex");
  c->rules.encrypted_comment_regex = ScalarField(sops, "encrypted_comment_regex");
  c->shamir_threshold = ScalarField(sops, "shamir_threshold");
  std::set<std::string> recipients;
  CollectRecipients(sops, &recipients);
  if (YAML::Node groups = sops["key_groups"]; groups && groups.IsSequence()) {
    for (const YAML::Node& g : groups) CollectRecipients(g, &recipients);
  }
  c->recipients.assign(recipients.begin(), recipients.end());
}

void WalkYaml(const YAML::Node& node, std::vector<std::string>* keys, const std::string& display,
              SopsContent* c) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      for (const auto& kv : node) {
        std::string key = kv.first.as<std::string>("");
        keys->push_back(key);
        WalkYaml(kv.second, keys, display.empty() ? key : display + "." + key, c);
        keys->pop_back();
      }
      break;
    case YAML::NodeType::Sequence: {
      size_t i = 0;
      for (const YAML::Node& item : node) {
        WalkYaml(item, keys, display + "[" + std::to_string(i++) + "]", c);
      }
      break;
    }
    case YAML::NodeType::Scalar: {
      Leaf leaf;
      leaf.keys = *keys;
      leaf.display_path = display.empty() ? "(root)" : display;
      leaf.value = node.Scalar();
      leaf.encrypted = LooksEncrypted(leaf.value);
      leaf.empty_string = leaf.value.empty();
      c->leaves.push_back(std::move(leaf));
      break;
    }
    default:  // null: sops skips it entirely (reference/sops-format.md §1.5)
      break;
  }
}

// yaml-cpp drops comments; sops keeps them as items. A line whose first non-blank character
// is '#' is a comment unless it sits inside a block scalar (deeper than the `|` line).
void ScanYamlComments(std::string_view text, SopsContent* c) {
  int line_no = 0;
  int block_indent = -1;  // indent of the line that opened a block scalar, -1 when none
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    ++line_no;
    pos = end + 1;
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos) {
      if (end == text.size()) break;
      continue;
    }
    if (block_indent >= 0 && static_cast<int>(indent) > block_indent) continue;
    block_indent = -1;
    std::string_view rest = line.substr(indent);
    if (rest.front() == '#') {
      Comment cm;
      cm.line = line_no;
      cm.text = std::string(rest.substr(1));
      cm.encrypted = LooksEncrypted(cm.text);
      c->comments.push_back(std::move(cm));
    } else {
      std::string_view trimmed = rest.substr(0, rest.find_last_not_of(" \r") + 1);
      if (trimmed.ends_with("|") || trimmed.ends_with("|-") || trimmed.ends_with(">") ||
          trimmed.ends_with(">-") || trimmed.ends_with("|+") || trimmed.ends_with(">+")) {
        block_indent = static_cast<int>(indent);
      }
    }
    if (end == text.size()) break;
  }
}

Result<SopsContent> ReadYamlOrJson(std::string_view bytes, const std::string& path,
                                   ContentFormat format) {
  SopsContent c;
  c.format = format;
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(bytes));
  } catch (const YAML::Exception& e) {
    Error err = MakeError(std::string("does not parse as ") +
                              (format == ContentFormat::kJson ? "JSON" : "YAML") + ": " + e.msg,
                          path, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                          e.mark.column >= 0 ? e.mark.column + 1 : 0);
    return err;
  }
  for (size_t d = 0; d < docs.size(); ++d) {
    const YAML::Node& doc = docs[d];
    std::vector<std::string> keys;
    if (doc.IsMap()) {
      for (const auto& kv : doc) {
        std::string key = kv.first.as<std::string>("");
        if (key == "sops") {
          if (d == 0) ReadYamlMetadata(kv.second, &c);
          continue;
        }
        keys.push_back(key);
        WalkYaml(kv.second, &keys, key, &c);
        keys.pop_back();
      }
    } else {
      WalkYaml(doc, &keys, "", &c);
    }
  }
  if (format == ContentFormat::kYaml) ScanYamlComments(bytes, &c);
  return c;
}

Result<SopsContent> ReadDotenv(std::string_view bytes, const std::string& path) {
  SopsContent c;
  c.format = ContentFormat::kDotenv;
  std::set<std::string> recipients;
  int line_no = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (line.front() == '#') {
      Comment cm{line_no, std::string(line.substr(1)), LooksEncrypted(line.substr(1))};
      c.comments.push_back(std::move(cm));
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return MakeError("does not parse as dotenv: expected KEY=VALUE or a # comment", path,
                       line_no);
    }
    std::string key(line.substr(0, eq));
    std::string value(line.substr(eq + 1));
    if (key.starts_with("sops_")) {
      c.has_metadata = true;
      std::string field = key.substr(5);
      if (field == "unencrypted_suffix") c.rules.unencrypted_suffix = value;
      if (field == "encrypted_suffix") c.rules.encrypted_suffix = value;
      if (field == "unencrypted_regex") c.rules.unencrypted_regex = value;
      if (field == "encrypted_regex") c.rules.encrypted_regex = value;
      if (field == "unencrypted_comment_regex") c.rules.unencrypted_comment_regex = value;
      if (field == "encrypted_comment_regex") c.rules.encrypted_comment_regex = value;
      if (field == "shamir_threshold") c.shamir_threshold = value;
      // sops_age__list_0__map_recipient, sops_key_groups__list_0__map_age__list_0__map_recipient
      for (const KeyTypeId& kt : kKeyTypes) {
        std::string type_marker = std::string(kt.type) + "__list_";
        std::string id_suffix = std::string("__map_") + kt.id_field;
        size_t at = field.rfind(type_marker);
        if (at != std::string::npos && field.ends_with(id_suffix) &&
            (at == 0 || (at >= 6 && field.compare(at - 6, 6, "__map_") == 0))) {
          recipients.insert(std::string(kt.type) + " " + value);
        }
      }
      continue;
    }
    Leaf leaf;
    leaf.keys = {key};
    leaf.display_path = key;
    leaf.value = std::move(value);
    leaf.encrypted = LooksEncrypted(leaf.value);
    leaf.empty_string = leaf.value.empty();
    c.leaves.push_back(std::move(leaf));
  }
  c.recipients.assign(recipients.begin(), recipients.end());
  return c;
}

}  // namespace

ContentFormat FormatOfPath(std::string_view path) {
  if (path.ends_with(".json")) return ContentFormat::kJson;
  if (path.ends_with(".env")) return ContentFormat::kDotenv;
  return ContentFormat::kYaml;
}

bool LooksEncrypted(std::string_view value) {
  return value.starts_with(kEncPrefix) && value.ends_with("]");
}

Result<SopsContent> ReadSopsContent(std::string_view bytes, const std::string& path) {
  ContentFormat format = FormatOfPath(path);
  if (format == ContentFormat::kDotenv) return ReadDotenv(bytes, path);
  return ReadYamlOrJson(bytes, path, format);
}

}  // namespace clef::filter

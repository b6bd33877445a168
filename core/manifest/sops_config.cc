#include "core/manifest/sops_config.h"

#include <re2/re2.h>

#include "core/manifest/config_yaml.h"
#include "core/manifest/repo_files.h"

namespace clef::manifest {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

class SopsConfigParser {
 public:
  SopsConfigParser(const YAML::Node& root, const std::string& file) : root_(root), file_(file) {}

  Result<SopsConfig> Parse() {
    SopsConfig config;
    config.file = file_;
    if (TypeOf(root_) == YamlType::kNull) return config;
    if (TypeOf(root_) != YamlType::kMap) {
      return Fail("The file must be a mapping with a 'creation_rules' list.", root_);
    }
    YAML::Node rules = Child(root_, "creation_rules");
    if (TypeOf(rules) == YamlType::kNull) return config;
    if (TypeOf(rules) != YamlType::kSeq) {
      return Fail("'creation_rules' must be a list of rules.", rules);
    }
    for (size_t i = 0; i < rules.size(); ++i) {
      CreationRule rule;
      rule.index = static_cast<int>(i);
      rule.line = LineOf(rules[i]);
      if (Status s = ParseRule(rules[i], &rule); !s.ok()) return s.error();
      config.creation_rules.push_back(std::move(rule));
    }
    return config;
  }

 private:
  Error Fail(const std::string& message, const YAML::Node& at,
             const std::string& hint = "fix this entry of .sops.yaml (see the sops documentation "
                                       "on creation rules)") {
    Error e = MakeError(message, file_, LineOf(at), ColumnOf(at));
    if (e.line == 0) {
      e.line = LineOf(root_);
      e.column = ColumnOf(root_);
    }
    e.hint = hint;
    return e;
  }

  // A flat key field: "a,b" or [a, b].
  Status StringList(const YAML::Node& node, const std::string& field,
                    std::vector<std::string>* out) {
    YamlType t = TypeOf(node);
    if (t == YamlType::kNull) return Status::Ok();
    auto add_split = [out](const std::string& text) {
      size_t start = 0;
      while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        std::string item = Trim(text.substr(start, comma - start));
        if (!item.empty()) out->push_back(item);
        start = comma + 1;
      }
    };
    if (t == YamlType::kString) {
      add_split(ScalarText(node));
      return Status::Ok();
    }
    if (t == YamlType::kSeq) {
      for (const YAML::Node& item : node) {
        if (!item.IsScalar()) return Fail("'" + field + "' entries must be strings.", item);
        add_split(ScalarText(item));
      }
      return Status::Ok();
    }
    return Fail("'" + field + "' must be a comma-separated string or a list of strings.", node);
  }

  Status FlatKeys(const YAML::Node& rule, KeyGroup* group) {
    struct Flat {
      const char* field;
      RecipientKind kind;
    };
    static const Flat kFlat[] = {
        {"kms", RecipientKind::kAwsKms},          {"gcp_kms", RecipientKind::kGcpKms},
        {"hckms", RecipientKind::kHcKms},         {"azure_keyvault", RecipientKind::kAzureKv},
        {"hc_vault_transit_uri", RecipientKind::kHcVault}, {"pgp", RecipientKind::kPgp},
        {"age", RecipientKind::kAge}};
    for (const Flat& f : kFlat) {
      std::vector<std::string> ids;
      if (Status s = StringList(Child(rule, f.field), f.field, &ids); !s.ok()) return s;
      for (std::string& id : ids) {
        if (f.kind == RecipientKind::kAwsKms) id = id.substr(0, id.find('+'));  // "arn+role"
        group->push_back(MakeRecipient(f.kind, id));
      }
    }
    return Status::Ok();
  }

  // Lists of mappings inside a key group: the id is one field (kms.arn, gcp_kms.resource_id...).
  Status ObjectList(const YAML::Node& node, const std::string& field, RecipientKind kind,
                    KeyGroup* group) {
    if (TypeOf(node) == YamlType::kNull) return Status::Ok();
    if (TypeOf(node) != YamlType::kSeq) return Fail("'" + field + "' must be a list.", node);
    for (const YAML::Node& item : node) {
      if (TypeOf(item) != YamlType::kMap) {
        return Fail("'" + field + "' entries must be mappings.", item);
      }
      std::string id;
      const char* required = "";
      switch (kind) {
        case RecipientKind::kAwsKms: id = ScalarText(Child(item, "arn")); required = "arn"; break;
        case RecipientKind::kGcpKms:
          id = ScalarText(Child(item, "resource_id"));
          required = "resource_id";
          break;
        case RecipientKind::kHcKms: id = ScalarText(Child(item, "key_id")); required = "key_id"; break;
        case RecipientKind::kAzureKv: {
          std::string url = ScalarText(Child(item, "vaultUrl"));
          std::string key = ScalarText(Child(item, "key"));
          std::string version = ScalarText(Child(item, "version"));
          if (!url.empty() && !key.empty()) {
            id = url + "/keys/" + key + (version.empty() ? "" : "/" + version);
          }
          required = "vaultUrl' and 'key";
          break;
        }
        default: break;
      }
      if (id.empty()) {
        return Fail("'" + field + "' entry is missing '" + required + "'.", item);
      }
      group->push_back(MakeRecipient(kind, id));
    }
    return Status::Ok();
  }

  Status GroupKeys(const YAML::Node& node, KeyGroup* group, int depth) {
    if (TypeOf(node) != YamlType::kMap) return Fail("Each key group must be a mapping.", node);
    if (depth > 16) return Fail("Key groups are nested too deeply with 'merge'.", node);
    // sops's internal order inside a group: kms, gcp_kms, hckms, azure_kv, hc_vault, pgp, age.
    if (Status s = ObjectList(Child(node, "kms"), "kms", RecipientKind::kAwsKms, group); !s.ok()) {
      return s;
    }
    if (Status s = ObjectList(Child(node, "gcp_kms"), "gcp_kms", RecipientKind::kGcpKms, group);
        !s.ok()) {
      return s;
    }
    if (Status s = ObjectList(Child(node, "hckms"), "hckms", RecipientKind::kHcKms, group);
        !s.ok()) {
      return s;
    }
    if (Status s = ObjectList(Child(node, "azure_keyvault"), "azure_keyvault",
                              RecipientKind::kAzureKv, group);
        !s.ok()) {
      return s;
    }
    for (const char* field : {"hc_vault", "pgp", "age"}) {
      std::vector<std::string> ids;
      if (Status s = StringList(Child(node, field), field, &ids); !s.ok()) return s;
      RecipientKind kind = field[0] == 'a'   ? RecipientKind::kAge
                           : field[0] == 'p' ? RecipientKind::kPgp
                                             : RecipientKind::kHcVault;
      for (const std::string& id : ids) group->push_back(MakeRecipient(kind, id));
    }
    YAML::Node merge = Child(node, "merge");
    if (TypeOf(merge) == YamlType::kSeq) {
      for (const YAML::Node& nested : merge) {
        if (Status s = GroupKeys(nested, group, depth + 1); !s.ok()) return s;
      }
    } else if (TypeOf(merge) != YamlType::kNull) {
      return Fail("'merge' must be a list of key groups.", merge);
    }
    return Status::Ok();
  }

  Status ParseRule(const YAML::Node& node, CreationRule* rule) {
    if (TypeOf(node) != YamlType::kMap) {
      return Fail("Creation rule " + std::to_string(rule->index) + " must be a mapping.", node);
    }
    YAML::Node regex = Child(node, "path_regex");
    if (TypeOf(regex) != YamlType::kNull) {
      if (!regex.IsScalar()) return Fail("'path_regex' must be a string.", regex);
      rule->path_regex = ScalarText(regex);
    }
    if (!rule->path_regex.empty()) {
      RE2::Options options;
      options.set_log_errors(false);
      auto compiled = std::make_shared<RE2>(rule->path_regex, options);
      if (!compiled->ok()) {
        return Fail("Invalid path_regex '" + rule->path_regex + "': " + compiled->error() + ".",
                    regex, "write a valid Go/RE2 regular expression");
      }
      rule->compiled = std::move(compiled);
    }

    YAML::Node groups = Child(node, "key_groups");
    if (TypeOf(groups) == YamlType::kSeq && groups.size() > 0) {
      for (const YAML::Node& g : groups) {
        KeyGroup group;
        if (Status s = GroupKeys(g, &group, 0); !s.ok()) return s;
        rule->key_groups.push_back(std::move(group));
      }
    } else if (TypeOf(groups) != YamlType::kNull && TypeOf(groups) != YamlType::kSeq) {
      return Fail("'key_groups' must be a list of key groups.", groups);
    } else {
      KeyGroup group;
      if (Status s = FlatKeys(node, &group); !s.ok()) return s;
      if (!group.empty()) rule->key_groups.push_back(std::move(group));
    }

    YAML::Node threshold = Child(node, "shamir_threshold");
    if (TypeOf(threshold) == YamlType::kNumber) {
      rule->shamir_threshold = static_cast<int>(NumberValue(threshold));
    } else if (TypeOf(threshold) != YamlType::kNull) {
      return Fail("'shamir_threshold' must be a number.", threshold);
    }

    EncryptionRuleFields& enc = rule->encryption;
    struct Field {
      const char* name;
      std::string* target;
    };
    const Field fields[] = {{"unencrypted_suffix", &enc.unencrypted_suffix},
                            {"encrypted_suffix", &enc.encrypted_suffix},
                            {"unencrypted_regex", &enc.unencrypted_regex},
                            {"encrypted_regex", &enc.encrypted_regex},
                            {"unencrypted_comment_regex", &enc.unencrypted_comment_regex},
                            {"encrypted_comment_regex", &enc.encrypted_comment_regex}};
    int set = 0;
    for (const Field& f : fields) {
      YAML::Node v = Child(node, f.name);
      if (TypeOf(v) == YamlType::kNull) continue;
      if (!v.IsScalar()) return Fail(std::string("'") + f.name + "' must be a string.", v);
      *f.target = ScalarText(v);
      if (!f.target->empty() && ++set > 1) {
        return Fail("Cannot use more than one of encrypted_suffix, unencrypted_suffix, "
                    "encrypted_regex, unencrypted_regex, encrypted_comment_regex, or "
                    "unencrypted_comment_regex for the same rule.",
                    node, "keep only one encryption-rule field in this creation rule");
      }
    }
    YAML::Node mac_only = Child(node, "mac_only_encrypted");
    if (TypeOf(mac_only) == YamlType::kBool) {
      rule->mac_only_encrypted = ScalarText(mac_only)[0] == 't' || ScalarText(mac_only)[0] == 'T';
    } else if (TypeOf(mac_only) != YamlType::kNull) {
      return Fail("'mac_only_encrypted' must be true or false.", mac_only);
    }
    return Status::Ok();
  }

  const YAML::Node& root_;
  const std::string& file_;
};

}  // namespace

bool EncryptionRuleFields::empty() const { return Describe().empty(); }

std::string EncryptionRuleFields::Describe() const {
  if (!unencrypted_suffix.empty()) return "unencrypted_suffix: " + unencrypted_suffix;
  if (!encrypted_suffix.empty()) return "encrypted_suffix: " + encrypted_suffix;
  if (!unencrypted_regex.empty()) return "unencrypted_regex: " + unencrypted_regex;
  if (!encrypted_regex.empty()) return "encrypted_regex: " + encrypted_regex;
  if (!unencrypted_comment_regex.empty()) {
    return "unencrypted_comment_regex: " + unencrypted_comment_regex;
  }
  if (!encrypted_comment_regex.empty()) return "encrypted_comment_regex: " + encrypted_comment_regex;
  return {};
}

bool CreationRule::Matches(std::string_view path) const {
  if (!compiled) return true;
  return RE2::PartialMatch(re2::StringPiece(path.data(), path.size()), *compiled);
}

const CreationRule* SopsConfig::RuleFor(std::string_view path) const {
  for (const CreationRule& rule : creation_rules) {
    if (rule.Matches(path)) return &rule;
  }
  return nullptr;
}

Result<SopsConfig> ParseSopsConfig(std::string_view text, const std::string& file) {
  Result<YAML::Node> root =
      LoadConfigYaml(text, file, "The sops configuration contains invalid YAML.");
  if (!root.ok()) return root.error();
  try {
    return SopsConfigParser(*root, file).Parse();
  } catch (const YAML::Exception& ex) {
    return MakeError(std::string("The sops configuration could not be read: ") + ex.what(), file);
  }
}

Result<std::optional<SopsConfig>> LoadSopsConfig(const RepoFiles& files) {
  Result<std::optional<std::string>> text = files.Read(kSopsConfigFileName);
  if (!text.ok()) return text.error();
  if (!*text) return std::optional<SopsConfig>();
  Result<SopsConfig> config = ParseSopsConfig(**text, kSopsConfigFileName);
  if (!config.ok()) return config.error();
  return std::optional<SopsConfig>(std::move(*config));
}

}  // namespace clef::manifest

// clef.yaml `service_identities` (clef-behaviour.md §4.2 step 6): machine identities that get
// their own age recipient or KMS key per environment, scoped to some namespaces.
#include <re2/re2.h>

#include <set>

#include "core/manifest/config_yaml.h"
#include "core/manifest/manifest_parse.h"

namespace clef::manifest::internal {

namespace {

constexpr const char* kField = "service_identities";

bool IsDnsLabel(const std::string& name) {
  static const RE2 kDns("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  return RE2::FullMatch(name, kDns);
}

// arn:<partition>:kms:<region>:<12-digit account>:key/<id> | alias/<name>, exactly 6 segments.
bool IsAwsKmsArn(const std::string& arn) {
  static const RE2 kArn(
      R"(arn:aws(-[a-z]+)*:kms:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:(key/[^:]+|alias/[^:]+))");
  size_t colons = 0;
  for (char c : arn) colons += c == ':';
  return colons == 5 && RE2::FullMatch(arn, kArn);
}

class ServiceIdentityParser {
 public:
  ServiceIdentityParser(const YAML::Node& root, const std::string& file, Manifest* manifest)
      : root_(root), file_(file), m_(manifest) {}

  Status Parse() {
    YAML::Node list = Child(root_, kField);
    if (TypeOf(list) == YamlType::kNull) return Status::Ok();
    if (TypeOf(list) != YamlType::kSeq) {
      return Fail("Field 'service_identities' must be an array.", list);
    }
    std::set<std::string> names;
    for (size_t i = 0; i < list.size(); ++i) {
      ServiceIdentity si;
      if (Status s = ParseOne(list[i], i, &si); !s.ok()) return s;
      if (!names.insert(si.name).second) {
        return Fail("Duplicate service identity name '" + si.name +
                        "'. Each service identity must have a unique name.",
                    Child(list[i], "name"));
      }
      m_->service_identities.push_back(std::move(si));
    }
    return Status::Ok();
  }

 private:
  Error Fail(const std::string& message, const YAML::Node& at,
             const YAML::Node& fallback = YAML::Node()) {
    return FieldError(file_, message, kField, at, LineOf(fallback) > 0 ? fallback : root_);
  }

  Status ParseOne(const YAML::Node& node, size_t index, ServiceIdentity* si) {
    const std::string at_index = "Service identity at index " + std::to_string(index);
    if (TypeOf(node) != YamlType::kMap) return Fail(at_index + " must be an object.", node);
    si->line = LineOf(node);
    YAML::Node name = Child(node, "name");
    if (TypeOf(name) != YamlType::kString || ScalarText(name).empty()) {
      return Fail(at_index + " is missing a 'name' string.", name, node);
    }
    si->name = ScalarText(name);
    if (!IsDnsLabel(si->name)) {
      return Fail("Service identity name '" + si->name +
                      "' is invalid. Names must be DNS labels: lowercase letters, digits and "
                      "hyphens, starting and ending with a letter or digit, at most 63 "
                      "characters.",
                  name);
    }
    const std::string prefix = "Service identity '" + si->name + "'";
    YAML::Node description = Child(node, "description");
    if (TypeOf(description) == YamlType::kString) si->description = ScalarText(description);
    YAML::Node pack_only = Child(node, "pack_only");
    si->pack_only = TypeOf(pack_only) == YamlType::kBool && (ScalarText(pack_only)[0] == 't' ||
                                                             ScalarText(pack_only)[0] == 'T');

    YAML::Node namespaces = Child(node, "namespaces");
    if (TypeOf(namespaces) != YamlType::kSeq || namespaces.size() == 0) {
      return Fail(prefix + " must have a non-empty 'namespaces' array.", namespaces, node);
    }
    for (const YAML::Node& ns : namespaces) {
      std::string ns_name = ScalarText(ns);
      if (TypeOf(ns) != YamlType::kString || !m_->FindNamespace(ns_name)) {
        return Fail(prefix + " references unknown namespace '" + ns_name + "'.", ns);
      }
      si->namespaces.push_back(ns_name);
    }

    YAML::Node envs = Child(node, "environments");
    if (TypeOf(envs) != YamlType::kMap) {
      return Fail(prefix + " must have an 'environments' object.", envs, node);
    }
    for (const auto& entry : envs) {
      ServiceIdentityEnvironment env;
      if (Status s = ParseEnvironment(prefix, entry.first, entry.second, &env); !s.ok()) return s;
      si->environments.push_back(std::move(env));
    }
    return Status::Ok();
  }

  Status ParseEnvironment(const std::string& prefix, const YAML::Node& key,
                          const YAML::Node& value, ServiceIdentityEnvironment* env) {
    env->environment = ScalarText(key);
    if (!m_->FindEnvironment(env->environment)) {
      return Fail(prefix + " references unknown environment '" + env->environment + "'.", key);
    }
    const std::string at = prefix + " environment '" + env->environment + "'";
    if (TypeOf(value) != YamlType::kMap) {
      return Fail(at + " must have either 'recipient' or 'kms'.", value, key);
    }
    YAML::Node recipient = Child(value, "recipient");
    YAML::Node kms = Child(value, "kms");
    bool has_recipient = TypeOf(recipient) != YamlType::kNull;
    bool has_kms = TypeOf(kms) != YamlType::kNull;
    if (has_recipient && has_kms) {
      return Fail(at + ": 'recipient' and 'kms' are mutually exclusive.", value);
    }
    if (!has_recipient && !has_kms) {
      return Fail(at + " must have either 'recipient' or 'kms'.", value, key);
    }
    if (has_recipient) {
      if (TypeOf(recipient) != YamlType::kString) {
        return Fail(at + ": 'recipient' must be an age public key string.", recipient);
      }
      Result<std::string> valid = ValidateAgePublicKey(ScalarText(recipient));
      if (!valid.ok()) return Fail(at + ": " + valid.error().message, recipient);
      env->recipient = *valid;
      return Status::Ok();
    }
    return ParseKms(at, kms, env);
  }

  Status ParseKms(const std::string& at, const YAML::Node& kms, ServiceIdentityEnvironment* env) {
    if (TypeOf(kms) != YamlType::kMap) return Fail(at + ": 'kms' must be an object.", kms);
    if (IsDefined(Child(kms, "region"))) {
      return Fail(at + ": 'kms.region' is no longer supported. The region is part of the key "
                       "ARN in 'kms.keyId'.",
                  Child(kms, "region"));
    }
    YAML::Node provider = Child(kms, "provider");
    std::string p = ScalarText(provider);
    if (TypeOf(provider) != YamlType::kString || (p != "aws" && p != "gcp" && p != "azure")) {
      return Fail(at + ": 'kms.provider' must be one of: aws, gcp, azure.", provider, kms);
    }
    YAML::Node key_id = Child(kms, "keyId");
    if (TypeOf(key_id) != YamlType::kString || ScalarText(key_id).empty()) {
      return Fail(at + ": 'kms.keyId' must be a non-empty string.", key_id, kms);
    }
    if (p == "aws" && !IsAwsKmsArn(ScalarText(key_id))) {
      return Fail(at + ": 'kms.keyId' must be a full AWS KMS key ARN "
                       "(arn:aws:kms:<region>:<12-digit account>:key/<id> or alias/<name>). "
                       "Got: '" +
                      ScalarText(key_id) + "'.",
                  key_id);
    }
    env->kms = ServiceIdentityKms{p, ScalarText(key_id)};
    return Status::Ok();
  }

  const YAML::Node& root_;
  const std::string& file_;
  Manifest* m_;
};

}  // namespace

Status ParseServiceIdentities(const YAML::Node& root, const std::string& file,
                              Manifest* manifest) {
  return ServiceIdentityParser(root, file, manifest).Parse();
}

}  // namespace clef::manifest::internal

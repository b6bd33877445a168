// clef.yaml validation, rule by rule in the order of clef-behaviour.md §4.2.
#include <re2/re2.h>

#include <set>

#include "core/manifest/config_yaml.h"
#include "core/manifest/manifest.h"
#include "core/manifest/manifest_parse.h"

namespace clef::manifest {

namespace internal {

Error FieldError(const std::string& file, const std::string& message, const std::string& field,
                 const YAML::Node& at, const YAML::Node& fallback) {
  Error e = MakeError(message, file);
  e.line = LineOf(at);
  e.column = ColumnOf(at);
  if (e.line == 0) {
    e.line = LineOf(fallback);
    e.column = ColumnOf(fallback);
  }
  e.hint = "Check the '" + field + "' field in clef.yaml";
  return e;
}

}  // namespace internal

namespace {

using internal::FieldError;

constexpr const char* kBackendList = "age, awskms, gcpkms, azurekv, pgp, hsm";

bool IsValidName(const std::string& name) {
  static const RE2 kName("[a-z][a-z0-9_-]*");
  return RE2::FullMatch(name, kName);
}

bool IsValidPkcs11Uri(const std::string& uri) {
  static const RE2 kPkcs11("^pkcs11:[a-zA-Z][a-zA-Z0-9_-]*=[^;]+");
  return RE2::PartialMatch(uri, kPkcs11);
}

bool IsNonEmptyString(const YAML::Node& node) {
  return TypeOf(node) == YamlType::kString && !ScalarText(node).empty();
}

// Strings are kept as they are; anything else is dropped (Clef keeps only string fields).
std::string StringOrEmpty(const YAML::Node& node) {
  return TypeOf(node) == YamlType::kString ? ScalarText(node) : std::string();
}

// The companion field a backend requires, or nullptr for age.
const char* CompanionField(Backend backend) {
  switch (backend) {
    case Backend::kAwsKms: return "aws_kms_arn";
    case Backend::kGcpKms: return "gcp_kms_resource_id";
    case Backend::kAzureKv: return "azure_kv_url";
    case Backend::kPgp: return "pgp_fingerprint";
    case Backend::kHsm: return "pkcs11_uri";
    case Backend::kAge: return nullptr;
  }
  return nullptr;
}

std::string Pkcs11Hint() {
  return "Must start with 'pkcs11:' and contain at least one attribute (e.g. "
         "'pkcs11:slot=0;label=clef-dek-wrapper').";
}

class ManifestParser {
 public:
  ManifestParser(const YAML::Node& root, const std::string& file) : root_(root), file_(file) {}

  Result<Manifest> Parse() {
    if (Status s = CheckRoot(); !s.ok()) return s.error();
    if (Status s = ParseVersion(); !s.ok()) return s.error();
    if (Status s = ParseEnvironments(); !s.ok()) return s.error();
    if (Status s = ParseNamespaces(); !s.ok()) return s.error();
    if (Status s = ParseSops(); !s.ok()) return s.error();
    if (Status s = ParseFilePattern(); !s.ok()) return s.error();
    if (Status s = internal::ParseServiceIdentities(root_, file_, &m_); !s.ok()) return s.error();
    return std::move(m_);
  }

 private:
  Error Fail(const std::string& message, const std::string& field, const YAML::Node& at,
             const YAML::Node& fallback = YAML::Node()) {
    return FieldError(file_, message, field, at, LineOf(fallback) > 0 ? fallback : root_);
  }

  Status CheckRoot() {
    if (TypeOf(root_) != YamlType::kMap) {
      return Fail("Manifest must be a YAML object, not null or a scalar value.", "root", root_);
    }
    static const std::set<std::string> kAllowed = {"version",  "environments", "namespaces",
                                                   "sops",     "file_pattern",
                                                   "service_identities"};
    for (const auto& entry : root_) {
      std::string key = ScalarText(entry.first);
      if (!kAllowed.count(key)) {
        return Fail("Unknown top-level key '" + key +
                        "' in manifest. Valid keys are: version, environments, namespaces, sops, "
                        "file_pattern, service_identities.",
                    key, entry.first);
      }
    }
    return Status::Ok();
  }

  Status ParseVersion() {
    YAML::Node v = Child(root_, "version");
    if (TypeOf(v) == YamlType::kNull) {
      return Fail("Missing required field 'version'.", "version", v);
    }
    if (TypeOf(v) != YamlType::kNumber || NumberValue(v) != 1) {
      return Fail("Field 'version' must be 1. Only version 1 is currently supported.", "version",
                  v);
    }
    m_.version = 1;
    return Status::Ok();
  }

  // Shared by environments and namespaces: the list itself, each entry's name and description.
  Status CheckEntryList(const YAML::Node& list, const std::string& field,
                        const std::string& missing_message) {
    if (IsFalsy(list)) return Fail(missing_message, field, list);
    if (TypeOf(list) != YamlType::kSeq || list.size() == 0) {
      return Fail("Field '" + field + "' must be a non-empty array.", field, list);
    }
    return Status::Ok();
  }

  Status CheckNameAndDescription(const YAML::Node& entry, size_t index, const std::string& field,
                                 const std::string& noun, std::string* name,
                                 std::string* description) {
    if (TypeOf(entry) != YamlType::kMap) {
      return Fail(noun + " at index " + std::to_string(index) +
                      " must be an object with 'name' and 'description'.",
                  field, entry);
    }
    YAML::Node n = Child(entry, "name");
    if (!IsNonEmptyString(n)) {
      return Fail(noun + " at index " + std::to_string(index) + " is missing a 'name' string.",
                  field, n, entry);
    }
    *name = ScalarText(n);
    if (!IsValidName(*name)) {
      return Fail(noun + " name '" + *name +
                      "' is invalid. Names must start with a lowercase letter and contain only "
                      "lowercase letters, digits, hyphens, and underscores.",
                  field, n);
    }
    YAML::Node d = Child(entry, "description");
    if (!IsNonEmptyString(d)) {
      return Fail(noun + " '" + *name + "' is missing a 'description' string.", field, d, entry);
    }
    *description = ScalarText(d);
    return Status::Ok();
  }

  Status ParseEnvironmentSops(const YAML::Node& node, Environment* env) {
    const std::string prefix = "Environment '" + env->name + "'";
    if (TypeOf(node) != YamlType::kMap) {
      return Fail(prefix + " has an invalid 'sops' field. It must be an object.", "environments",
                  node);
    }
    YAML::Node b = Child(node, "backend");
    if (!IsNonEmptyString(b)) {
      return Fail(prefix + " sops override is missing 'backend'. Must be one of: " +
                      kBackendList + ".",
                  "environments", b, node);
    }
    std::optional<Backend> backend = BackendFromName(ScalarText(b));
    if (!backend) {
      return Fail(prefix + " has invalid sops backend '" + ScalarText(b) +
                      "'. Must be one of: " + kBackendList + ".",
                  "environments", b);
    }
    BackendConfig config;
    config.backend = *backend;
    config.aws_kms_arn = StringOrEmpty(Child(node, "aws_kms_arn"));
    config.gcp_kms_resource_id = StringOrEmpty(Child(node, "gcp_kms_resource_id"));
    config.azure_kv_url = StringOrEmpty(Child(node, "azure_kv_url"));
    config.pgp_fingerprint = StringOrEmpty(Child(node, "pgp_fingerprint"));
    config.pkcs11_uri = StringOrEmpty(Child(node, "pkcs11_uri"));
    if (const char* companion = CompanionField(*backend)) {
      YAML::Node c = Child(node, companion);
      if (!IsNonEmptyString(c)) {
        return Fail(prefix + " uses '" + BackendName(*backend) + "' backend but is missing '" +
                        companion + "'.",
                    "environments", c, node);
      }
      if (*backend == Backend::kHsm && !IsValidPkcs11Uri(ScalarText(c))) {
        return Fail(prefix + " has an invalid 'pkcs11_uri' '" + ScalarText(c) + "'. " +
                        Pkcs11Hint(),
                    "environments", c);
      }
    }
    env->sops = config;
    return Status::Ok();
  }

  Status ParseEnvironmentRecipients(const YAML::Node& node, Environment* env) {
    const std::string prefix = "Environment '" + env->name + "'";
    if (TypeOf(node) != YamlType::kSeq) {
      return Fail(prefix + " has an invalid 'recipients' field. It must be an array.",
                  "environments", node);
    }
    for (size_t i = 0; i < node.size(); ++i) {
      YAML::Node r = node[i];
      const std::string at = prefix + " recipient at index " + std::to_string(i);
      AgeRecipientEntry entry;
      entry.line = LineOf(r);
      // Never assign to a YAML::Node: yaml-cpp's operator= rewrites the node it refers to.
      YAML::Node key_node = TypeOf(r) == YamlType::kMap ? Child(r, "key") : r;
      if (TypeOf(r) == YamlType::kMap) {
        if (TypeOf(key_node) != YamlType::kString) {
          return Fail(at + " must have a 'key' string.", "environments", key_node, r);
        }
        entry.label = StringOrEmpty(Child(r, "label"));
      } else if (TypeOf(r) != YamlType::kString) {
        return Fail(at + " must be a string or object.", "environments", r);
      }
      Result<std::string> key = ValidateAgePublicKey(ScalarText(key_node));
      if (!key.ok()) return Fail(at + ": " + key.error().message, "environments", key_node);
      entry.key = *key;
      env->recipients.push_back(std::move(entry));
    }
    return Status::Ok();
  }

  Status ParseEnvironments() {
    YAML::Node list = Child(root_, "environments");
    if (Status s = CheckEntryList(list, "environments",
                                  "Missing required field 'environments'. Define at least one "
                                  "environment.");
        !s.ok()) {
      return s;
    }
    std::set<std::string> names;
    for (size_t i = 0; i < list.size(); ++i) {
      YAML::Node node = list[i];
      Environment env;
      env.line = LineOf(node);
      if (Status s = CheckNameAndDescription(node, i, "environments", "Environment", &env.name,
                                             &env.description);
          !s.ok()) {
        return s;
      }
      YAML::Node p = Child(node, "protected");
      if (TypeOf(p) == YamlType::kBool) env.is_protected = ScalarText(p)[0] == 't' ||
                                                           ScalarText(p)[0] == 'T';
      YAML::Node sops = Child(node, "sops");
      if (TypeOf(sops) != YamlType::kNull) {
        if (Status s = ParseEnvironmentSops(sops, &env); !s.ok()) return s;
      }
      YAML::Node recipients = Child(node, "recipients");
      if (TypeOf(recipients) != YamlType::kNull) {
        if (Status s = ParseEnvironmentRecipients(recipients, &env); !s.ok()) return s;
      }
      if (!names.insert(env.name).second) {
        return Fail("Duplicate environment name '" + env.name +
                        "'. Each environment must have a unique name.",
                    "environments", Child(node, "name"));
      }
      m_.environments.push_back(std::move(env));
    }
    return Status::Ok();
  }

  Status ParseNamespaces() {
    YAML::Node list = Child(root_, "namespaces");
    if (Status s = CheckEntryList(list, "namespaces",
                                  "Missing required field 'namespaces'. Define at least one "
                                  "namespace.");
        !s.ok()) {
      return s;
    }
    std::set<std::string> names;
    for (size_t i = 0; i < list.size(); ++i) {
      YAML::Node node = list[i];
      Namespace ns;
      ns.line = LineOf(node);
      if (Status s = CheckNameAndDescription(node, i, "namespaces", "Namespace", &ns.name,
                                             &ns.description);
          !s.ok()) {
        return s;
      }
      ns.schema = StringOrEmpty(Child(node, "schema"));
      YAML::Node owners = Child(node, "owners");
      if (TypeOf(owners) == YamlType::kSeq) {
        ns.has_owners = true;
        for (const YAML::Node& o : owners) ns.owners.push_back(ScalarText(o));
      }
      if (!names.insert(ns.name).second) {
        return Fail("Duplicate namespace name '" + ns.name +
                        "'. Each namespace must have a unique name.",
                    "namespaces", Child(node, "name"));
      }
      m_.namespaces.push_back(std::move(ns));
    }
    return Status::Ok();
  }

  Status ParseSops() {
    YAML::Node sops = Child(root_, "sops");
    if (IsFalsy(sops)) {
      return Fail("Missing required field 'sops'. Configure at least 'default_backend'.", "sops",
                  sops);
    }
    if (TypeOf(sops) != YamlType::kMap) {
      return Fail("Field 'sops' must be an object.", "sops", sops);
    }
    YAML::Node b = Child(sops, "default_backend");
    if (!IsNonEmptyString(b)) {
      return Fail(std::string("Field 'sops.default_backend' is required and must be one of: ") +
                      kBackendList + ".",
                  "sops.default_backend", b, sops);
    }
    std::optional<Backend> backend = BackendFromName(ScalarText(b));
    if (!backend) {
      return Fail("Invalid sops.default_backend '" + ScalarText(b) + "'. Must be one of: " +
                      kBackendList + ".",
                  "sops.default_backend", b);
    }
    SopsSettings& s = m_.sops;
    s.default_backend = *backend;
    YAML::Node age = Child(sops, "age");
    YAML::Node age_recipients = Child(age, "recipients");
    if (TypeOf(age_recipients) == YamlType::kSeq) {
      for (const YAML::Node& r : age_recipients) {
        AgeRecipientEntry entry;
        entry.line = LineOf(r);
        if (TypeOf(r) == YamlType::kMap) {
          entry.key = ScalarText(Child(r, "key"));
          entry.label = StringOrEmpty(Child(r, "label"));
        } else {
          entry.key = ScalarText(r);
        }
        s.age_recipients.push_back(std::move(entry));
      }
    }
    s.aws_kms_arn = StringOrEmpty(Child(sops, "aws_kms_arn"));
    s.gcp_kms_resource_id = StringOrEmpty(Child(sops, "gcp_kms_resource_id"));
    s.azure_kv_url = StringOrEmpty(Child(sops, "azure_kv_url"));
    s.pgp_fingerprint = StringOrEmpty(Child(sops, "pgp_fingerprint"));
    YAML::Node pkcs11 = Child(sops, "pkcs11_uri");
    if (TypeOf(pkcs11) != YamlType::kNull) {
      if (TypeOf(pkcs11) != YamlType::kString) {
        return Fail("Field 'sops.pkcs11_uri' must be a string.", "sops.pkcs11_uri", pkcs11);
      }
      if (!IsValidPkcs11Uri(ScalarText(pkcs11))) {
        return Fail("Invalid sops.pkcs11_uri '" + ScalarText(pkcs11) + "'. " + Pkcs11Hint(),
                    "sops.pkcs11_uri", pkcs11);
      }
      s.pkcs11_uri = ScalarText(pkcs11);
    } else if (*backend == Backend::kHsm) {
      return Fail("Field 'sops.pkcs11_uri' is required when sops.default_backend is 'hsm'.",
                  "sops.pkcs11_uri", pkcs11, sops);
    }
    // Per-environment recipients only make sense where the environment encrypts with age.
    YAML::Node env_list = Child(root_, "environments");
    for (size_t i = 0; i < m_.environments.size(); ++i) {
      const Environment& env = m_.environments[i];
      Backend effective = env.sops ? env.sops->backend : s.default_backend;
      if (!env.recipients.empty() && effective != Backend::kAge) {
        return Fail("Environment '" + env.name + "' has per-environment recipients but uses '" +
                        BackendName(effective) +
                        "' backend. Per-environment recipients are only supported with the "
                        "'age' backend.",
                    "environments", Child(env_list[i], "recipients"));
      }
    }
    return Status::Ok();
  }

  Status ParseFilePattern() {
    YAML::Node p = Child(root_, "file_pattern");
    if (!IsNonEmptyString(p)) {
      return Fail(
          "Missing required field 'file_pattern'. Example: '{namespace}/{environment}.enc.yaml'.",
          "file_pattern", p);
    }
    std::string pattern = ScalarText(p);
    for (const char* token : {"{namespace}", "{environment}"}) {
      if (pattern.find(token) == std::string::npos) {
        return Fail(std::string("file_pattern must contain '") + token + "'. Got: '" + pattern +
                        "'.",
                    "file_pattern", p);
      }
    }
    m_.file_pattern = pattern;
    return Status::Ok();
  }

  const YAML::Node& root_;
  const std::string& file_;
  Manifest m_;
};

}  // namespace

Result<Manifest> ParseManifest(std::string_view text, const std::string& file) {
  Result<YAML::Node> root = LoadConfigYaml(
      text, file, "Manifest file contains invalid YAML. Check for syntax errors in clef.yaml.");
  if (!root.ok()) return root.error();
  try {
    return ManifestParser(*root, file).Parse();
  } catch (const YAML::Exception& ex) {
    return MakeError(std::string("Manifest could not be read: ") + ex.what(), file);
  }
}

}  // namespace clef::manifest

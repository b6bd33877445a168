// clef.yaml: the Clef manifest (clef-behaviour.md §4) — namespaces, environments, the sops
// backend, per-environment recipients, service identities and the file pattern that places
// each namespace × environment cell in the repository.
//
// Contract:
//   * ParseManifest applies Clef's validation rules in Clef's order and stops at the first
//     failure, with Clef's message. The Error also carries the file, the line of the offending
//     node (or of its parent when the field is missing) and the fix as `hint`
//     ("Check the '<field>' field in clef.yaml").
//   * Unknown keys inside environments, namespaces and sops are ignored, as in Clef; unknown
//     top-level keys are errors.
//   * Deliberate deviations from Clef: a YAML list at the root is "not an object" (Clef would
//     report its indexes as unknown keys); duplicate mapping keys are invalid YAML (as yaml@2).
//   * LoadManifest reads through RepoFiles, so it works on the working tree or at a git revision.
//
// Plain value types; thread-compatible.
//
//   Result<Manifest> m = LoadManifest(files);            // reads "clef.yaml"
//   if (!m.ok()) { std::cerr << m.error().Describe() << "\n"; return kExitError; }
//   for (const Namespace& ns : m->namespaces) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/manifest/recipient.h"
#include "core/result.h"

namespace clef::manifest {

class RepoFiles;

inline constexpr const char* kManifestFileName = "clef.yaml";

// The six sops backends Clef knows, in Clef's order.
enum class Backend { kAge, kAwsKms, kGcpKms, kAzureKv, kPgp, kHsm };
const char* BackendName(Backend backend);  // "age", "awskms", "gcpkms", "azurekv", "pgp", "hsm"
std::optional<Backend> BackendFromName(std::string_view name);

// A recipient entry of clef.yaml: `age1...` or `{key: age1..., label: ...}`.
struct AgeRecipientEntry {
  std::string key;
  std::string label;  // empty when none
  int line = 0;
};

// A backend and its companion fields (environment override, or resolved from the global sops).
struct BackendConfig {
  Backend backend = Backend::kAge;
  std::string aws_kms_arn;
  std::string gcp_kms_resource_id;
  std::string azure_kv_url;
  std::string pgp_fingerprint;
  std::string pkcs11_uri;
};

struct Environment {
  std::string name;
  std::string description;
  bool is_protected = false;
  std::optional<BackendConfig> sops;         // per-environment override
  std::vector<AgeRecipientEntry> recipients;  // empty = no override (use sops.age.recipients)
  int line = 0;
};

struct Namespace {
  std::string name;
  std::string description;
  std::string schema;               // path relative to the repo root; empty when none
  std::vector<std::string> owners;  // entries as strings (Clef does not check them)
  bool has_owners = false;
  int line = 0;
};

struct SopsSettings {
  Backend default_backend = Backend::kAge;
  std::vector<AgeRecipientEntry> age_recipients;  // not validated, as in Clef
  std::string aws_kms_arn;
  std::string gcp_kms_resource_id;
  std::string azure_kv_url;
  std::string pgp_fingerprint;
  std::string pkcs11_uri;
};

struct ServiceIdentityKms {
  std::string provider;  // "aws", "gcp", "azure"
  std::string key_id;
};

// A service identity's key for one environment: an age recipient xor a KMS key.
struct ServiceIdentityEnvironment {
  std::string environment;
  std::string recipient;                 // age key, empty when kms is set
  std::optional<ServiceIdentityKms> kms;
};

struct ServiceIdentity {
  std::string name;
  std::string description;
  bool pack_only = false;
  std::vector<std::string> namespaces;
  std::vector<ServiceIdentityEnvironment> environments;  // in file order
  int line = 0;
};

struct Manifest {
  int version = 1;
  std::vector<Environment> environments;
  std::vector<Namespace> namespaces;
  SopsSettings sops;
  std::string file_pattern;
  std::vector<ServiceIdentity> service_identities;

  const Environment* FindEnvironment(std::string_view name) const;
  const Namespace* FindNamespace(std::string_view name) const;
};

// Parses and validates the text of a manifest; `file` is used in errors (e.g. "clef.yaml").
Result<Manifest> ParseManifest(std::string_view text, const std::string& file = kManifestFileName);

// Reads `clef.yaml` at the root of `files` and parses it. A missing or unreadable file gives
// Clef's "Could not read manifest file at '<path>'. Run 'clef init' to create one."
Result<Manifest> LoadManifest(const RepoFiles& files);

// The backend of an environment: its override, else the global default with global fields.
BackendConfig ResolveBackend(const Manifest& manifest, const Environment& env);

// The age recipients the files of `env` must be encrypted to: the environment's own list when
// non-empty (it replaces the global list), else sops.age.recipients.
const std::vector<AgeRecipientEntry>& AgeRecipientsFor(const Manifest& manifest,
                                                       const Environment& env);

// Every recipient the manifest declares for `env`: the age list for the age backend, the
// backend's key (ARN, resource id, vault URL, fingerprint, pkcs11 URI) otherwise.
std::vector<Recipient> DeclaredRecipients(const Manifest& manifest, const Environment& env);

// file_pattern with the first "{namespace}" and the first "{environment}" replaced (Clef uses
// JavaScript's String.replace, which replaces only the first occurrence).
std::string CellPath(std::string_view file_pattern, std::string_view ns, std::string_view env);

// The sidecar of a cell file: same folder, ".enc.yaml"/".enc.json" stripped, then
// ".clef-meta.yaml" appended ("a/dev.enc.yaml" -> "a/dev.clef-meta.yaml").
std::string SidecarPath(std::string_view cell_path);

}  // namespace clef::manifest

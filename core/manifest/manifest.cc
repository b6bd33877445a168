#include "core/manifest/manifest.h"

#include "core/manifest/repo_files.h"

namespace clef::manifest {

namespace {

constexpr Backend kAllBackends[] = {Backend::kAge, Backend::kAwsKms, Backend::kGcpKms,
                                    Backend::kAzureKv, Backend::kPgp, Backend::kHsm};

}  // namespace

const char* BackendName(Backend backend) {
  switch (backend) {
    case Backend::kAge: return "age";
    case Backend::kAwsKms: return "awskms";
    case Backend::kGcpKms: return "gcpkms";
    case Backend::kAzureKv: return "azurekv";
    case Backend::kPgp: return "pgp";
    case Backend::kHsm: return "hsm";
  }
  return "unknown";
}

std::optional<Backend> BackendFromName(std::string_view name) {
  for (Backend b : kAllBackends) {
    if (name == BackendName(b)) return b;
  }
  return std::nullopt;
}

const Environment* Manifest::FindEnvironment(std::string_view name) const {
  for (const Environment& e : environments) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

const Namespace* Manifest::FindNamespace(std::string_view name) const {
  for (const Namespace& n : namespaces) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

Result<Manifest> LoadManifest(const RepoFiles& files) {
  Result<std::optional<std::string>> text = files.Read(kManifestFileName);
  if (!text.ok() || !text->has_value()) {
    Error e = MakeError(std::string("Could not read manifest file at '") + kManifestFileName +
                            "'. Run 'clef init' to create one.",
                        kManifestFileName);
    if (!text.ok()) e.message += " (" + text.error().message + ")";
    e.hint = "run 'clef init', or run the command from the repository root";
    return e;
  }
  return ParseManifest(**text, kManifestFileName);
}

BackendConfig ResolveBackend(const Manifest& manifest, const Environment& env) {
  if (env.sops) return *env.sops;
  const SopsSettings& s = manifest.sops;
  return BackendConfig{s.default_backend, s.aws_kms_arn,     s.gcp_kms_resource_id,
                       s.azure_kv_url,    s.pgp_fingerprint, s.pkcs11_uri};
}

const std::vector<AgeRecipientEntry>& AgeRecipientsFor(const Manifest& manifest,
                                                       const Environment& env) {
  return env.recipients.empty() ? manifest.sops.age_recipients : env.recipients;
}

std::vector<Recipient> DeclaredRecipients(const Manifest& manifest, const Environment& env) {
  BackendConfig backend = ResolveBackend(manifest, env);
  std::vector<Recipient> out;
  auto add = [&out](RecipientKind kind, const std::string& id, std::string label = {}) {
    if (id.empty()) return;
    Recipient r = MakeRecipient(kind, id, std::move(label));
    for (const Recipient& existing : out) {
      if (existing == r) return;
    }
    out.push_back(std::move(r));
  };
  switch (backend.backend) {
    case Backend::kAge:
      for (const AgeRecipientEntry& e : AgeRecipientsFor(manifest, env)) {
        add(RecipientKind::kAge, e.key, e.label);
      }
      break;
    case Backend::kAwsKms: add(RecipientKind::kAwsKms, backend.aws_kms_arn); break;
    case Backend::kGcpKms: add(RecipientKind::kGcpKms, backend.gcp_kms_resource_id); break;
    case Backend::kAzureKv: add(RecipientKind::kAzureKv, backend.azure_kv_url); break;
    case Backend::kPgp: add(RecipientKind::kPgp, backend.pgp_fingerprint); break;
    case Backend::kHsm: add(RecipientKind::kPkcs11, backend.pkcs11_uri); break;
  }
  return out;
}

std::string CellPath(std::string_view file_pattern, std::string_view ns, std::string_view env) {
  std::string out(file_pattern);
  if (size_t pos = out.find("{namespace}"); pos != std::string::npos) {
    out.replace(pos, 11, ns);
  }
  if (size_t pos = out.find("{environment}"); pos != std::string::npos) {
    out.replace(pos, 13, env);
  }
  return out;
}

std::string SidecarPath(std::string_view cell_path) {
  std::string out(cell_path);
  for (std::string_view suffix : {".enc.yaml", ".enc.json"}) {
    if (out.size() >= suffix.size() &&
        out.compare(out.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.resize(out.size() - suffix.size());
      break;
    }
  }
  return out + ".clef-meta.yaml";
}

}  // namespace clef::manifest

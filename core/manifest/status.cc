#include "core/manifest/sops_recipient.h"
#include "core/manifest/status.h"

#include <algorithm>

#include "core/doc/document.h"
#include "core/manifest/manifest.h"
#include "core/manifest/matrix.h"
#include "core/manifest/repo_files.h"
#include "core/manifest/sops_config.h"
#include "core/sops/encryption_check.h"
#include "core/sops/sops_file.h"

namespace clef::manifest {

namespace {

bool HasSopsMetadata(const doc::Document& document) {
  if (document.roots.empty()) return false;
  const doc::Node& root = document.root();
  if (document.format != doc::Format::kDotenv) return root.Find("sops") != nullptr;
  for (const doc::Item& item : root.items) {
    if (!item.is_comment() && sops::IsDotenvMetadataKey(item.key)) return true;
  }
  return false;
}

int TopLevelKeyCount(const doc::Document& document) {
  int n = 0;
  for (const doc::Node& root : document.roots) {
    for (const doc::Item& item : root.items) n += !item.is_comment();
  }
  return n;
}

// The manifest's recipient in the sops vocabulary; nullopt for Clef's hsm (pkcs11) keys, which
// sops stores as a KMS ARN that cannot be derived from the URI.
std::optional<bool> SameRecipients(const std::vector<Recipient>& declared,
                                   const sops::RecipientSet& actual) {
  if (declared.empty()) return std::nullopt;
  sops::RecipientSet want;
  for (const Recipient& r : declared) {
    std::optional<sops::Recipient> s = ToSopsRecipient(r);
    if (!s) return std::nullopt;
    want.Add(*s);
  }
  return want == actual;
}

// Fills everything that comes from the file's bytes.
void Inspect(const RepoFiles& files, const std::vector<Recipient>& declared, FileStatus* status) {
  status->declared_total = static_cast<int>(declared.size());
  Result<std::optional<std::string>> bytes = files.Read(status->path);
  if (!bytes.ok()) {
    status->state = FileState::kInvalid;
    status->problem = bytes.error().Describe();
    return;
  }
  if (!*bytes) {
    status->state = FileState::kMissing;
    return;
  }
  Result<doc::Document> document =
      doc::ParseDocument(**bytes, doc::FormatForPath(status->path), status->path);
  if (!document.ok()) {
    status->state = FileState::kInvalid;
    status->problem = document.error().Describe();
    return;
  }
  if (!HasSopsMetadata(*document)) {
    status->state = FileState::kNotSops;
    status->key_count = TopLevelKeyCount(*document);
    status->problem = status->path + ": not a sops file: it has no sops metadata";
    return;
  }
  Result<sops::SopsFile> file = sops::SopsFileFromDocument(std::move(*document), status->path);
  if (!file.ok()) {
    status->state = FileState::kInvalid;
    status->problem = file.error().Describe();
    return;
  }
  const sops::Metadata& meta = file->metadata;
  sops::RecipientSet recipients = meta.Recipients();
  for (const sops::Recipient& r : recipients.recipients()) {
    ++status->recipients_by_type[static_cast<int>(r.type)];
  }
  status->recipient_total = static_cast<int>(recipients.size());
  status->key_groups = static_cast<int>(meta.EffectiveGroups().size());
  status->key_count = TopLevelKeyCount(file->document);
  status->lastmodified = meta.lastmodified;
  status->sops_version = meta.version;
  status->mac_only_encrypted = meta.mac_only_encrypted;
  status->recipients_as_declared = SameRecipients(declared, recipients);
  Result<std::vector<sops::PlaintextLeaf>> open = sops::CheckEncryptedAsRequired(*file);
  if (!open.ok()) {
    status->state = FileState::kInvalid;
    status->problem = open.error().Describe();
    return;
  }
  for (const sops::PlaintextLeaf& leaf : *open) status->plaintext_paths.push_back(leaf.key_path);
  status->state = open->empty() ? FileState::kEncrypted : FileState::kPlaintext;
}

Result<StatusReport> ClefStatus(const RepoFiles& files, const SopsConfig* sops_config) {
  Result<Manifest> manifest = LoadManifest(files);
  if (!manifest.ok()) return manifest.error();
  StatusReport report;
  report.kind = RepoKind::kClef;
  report.namespace_count = static_cast<int>(manifest->namespaces.size());
  report.environment_count = static_cast<int>(manifest->environments.size());
  Matrix matrix = BuildMatrix(*manifest, sops_config, files);
  for (const MatrixCell& cell : matrix.cells) {
    FileStatus status;
    status.path = cell.path;
    status.ns = cell.ns;
    status.env = cell.env;
    status.is_protected = cell.is_protected;
    status.backend = BackendName(cell.backend);
    status.rule_index = cell.rule_index;
    Inspect(files, cell.declared, &status);
    report.files.push_back(std::move(status));
  }
  return report;
}

Result<StatusReport> SopsStatus(const RepoFiles& files, const SopsConfig* sops_config) {
  Result<std::vector<std::string>> paths = SopsFileCandidates(files, sops_config);
  if (!paths.ok()) return paths.error();
  StatusReport report;
  report.kind = RepoKind::kSops;
  for (const std::string& path : *paths) {
    FileStatus status;
    status.path = path;
    std::vector<Recipient> declared;
    if (sops_config) {
      if (const CreationRule* rule = sops_config->RuleFor(path)) {
        status.rule_index = rule->index;
        declared = rule->Recipients();
      }
    }
    Inspect(files, declared, &status);
    report.files.push_back(std::move(status));
  }
  return report;
}

}  // namespace

const char* FileStateName(FileState state) {
  switch (state) {
    case FileState::kMissing: return "missing";
    case FileState::kEncrypted: return "encrypted";
    case FileState::kPlaintext: return "plaintext";
    case FileState::kNotSops: return "not_sops";
    case FileState::kInvalid: return "invalid";
  }
  return "invalid";
}

int StatusReport::CountIn(FileState state) const {
  return static_cast<int>(std::count_if(files.begin(), files.end(),
                                        [state](const FileStatus& f) { return f.state == state; }));
}

Result<StatusReport> BuildStatus(const RepoFiles& files) {
  Result<RepoKind> kind = DetectRepoKind(files);
  if (!kind.ok()) return kind.error();
  if (*kind == RepoKind::kNone) {
    Error e = MakeError("not a Clef or SOPS repository: there is no clef.yaml, no .sops.yaml and "
                        "no *.enc.yaml, *.enc.json or *.enc.env file here");
    e.hint = "run the command at the repository root, or create clef.yaml / .sops.yaml first";
    return e;
  }
  Result<std::optional<SopsConfig>> sops_config = LoadSopsConfig(files);
  if (!sops_config.ok()) return sops_config.error();
  const SopsConfig* config = *sops_config ? &**sops_config : nullptr;
  return *kind == RepoKind::kClef ? ClefStatus(files, config) : SopsStatus(files, config);
}

}  // namespace clef::manifest

// The state of every secrets file of a repository, without any key: what `clef status` shows.
//
// In a Clef repository the files are the matrix cells (namespace × environment, manifest
// order); in a plain SOPS repository they are SopsFileCandidates (files named *.enc.* or
// matched by a .sops.yaml path_regex). For each file:
//   state      missing | encrypted | plaintext (values left unencrypted) | not_sops (no sops
//              metadata) | invalid (unparsable file or metadata block)
//   recipients by key type (from the file's sops block), their total, the key count
//   (top-level data keys, Clef's notion of "keys"; dotenv: every entry), lastmodified and the
//   sops version that wrote it, the plaintext key paths (names only, never values), and
//   whether the file's recipients equal the declared ones (clef.yaml for Clef cells, the
//   governing .sops.yaml rule otherwise; unknown when nothing is declared or the declaration
//   uses Clef's hsm backend).
//
// Errors (Result error): the repository is neither kind; clef.yaml or .sops.yaml is invalid
// (file:line, the fix). A single unreadable secrets file is not an error: its state is
// `invalid` with the reason.
//
//   WorkingTreeFiles files(root);
//   Result<StatusReport> report = BuildStatus(files);
//   std::cout << (json ? StatusJson(*report) : StatusText(*report));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/manifest/recipient.h"
#include "core/manifest/repo_kind.h"
#include "core/result.h"

namespace clef::manifest {

class RepoFiles;

enum class FileState { kMissing, kEncrypted, kPlaintext, kNotSops, kInvalid };
const char* FileStateName(FileState state);  // "missing", "encrypted", ...

// Recipient key types as sops names them, in sops's order.
inline constexpr const char* kStatusKeyTypes[] = {"age",      "pgp",      "kms",  "gcp_kms",
                                                  "azure_kv", "hc_vault", "hckms"};
inline constexpr int kStatusKeyTypeCount = 7;

struct FileStatus {
  std::string path;
  std::string ns;   // Clef cells only
  std::string env;  // Clef cells only
  bool is_protected = false;
  std::string backend;  // Clef cells: the environment's backend
  FileState state = FileState::kMissing;
  std::string problem;  // kInvalid / kNotSops: why (names the file and line, never a value)
  int recipients_by_type[kStatusKeyTypeCount] = {};
  int recipient_total = 0;
  int key_groups = 0;
  int key_count = 0;
  std::string lastmodified;
  std::string sops_version;
  bool mac_only_encrypted = false;
  std::vector<std::string> plaintext_paths;  // key paths of values that should be encrypted
  std::optional<bool> recipients_as_declared;
  int declared_total = 0;
  int rule_index = -1;  // governing .sops.yaml rule, -1 when none
};

struct StatusReport {
  RepoKind kind = RepoKind::kNone;
  int namespace_count = 0;    // Clef only
  int environment_count = 0;  // Clef only
  std::vector<FileStatus> files;

  int CountIn(FileState state) const;
};

Result<StatusReport> BuildStatus(const RepoFiles& files);

// The human table (stdout of `clef status`).
std::string StatusText(const StatusReport& report);
// The --format json document; schema in install/README-status.md.
std::string StatusJson(const StatusReport& report);

}  // namespace clef::manifest

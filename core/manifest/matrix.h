// The matrix: every namespace × environment cell of a Clef manifest, where its file lives,
// whether it exists, and who is declared to be able to decrypt it.
//
// Contract:
//   * Cells come namespace-major, in manifest order (Clef's resolveMatrix order).
//   * `path` is file_pattern with the first {namespace}/{environment} replaced (CellPath);
//     `sidecar_path` is its .clef-meta.yaml (SidecarPath).
//   * Existence is asked of the RepoFiles given, so a caller can evaluate the matrix at a git
//     revision or in the index instead of the working tree.
//   * `declared` is what clef.yaml declares for the cell's environment (DeclaredRecipients);
//     when a .sops.yaml is given, `rule_index`/`rule_recipients` tell which creation rule
//     governs the path and what it declares (-1/empty when no rule matches).
//
// Plain value types; BuildMatrix does no I/O beyond RepoFiles::Exists.
//
//   Matrix m = BuildMatrix(*manifest, sops_config ? &*sops_config : nullptr, files);
//   for (const MatrixCell& cell : m.cells) if (!cell.exists) ...
#pragma once

#include <string>
#include <vector>

#include "core/manifest/manifest.h"
#include "core/manifest/recipient.h"
#include "core/manifest/sops_config.h"

namespace clef::manifest {

class RepoFiles;

struct MatrixCell {
  std::string ns;
  std::string env;
  std::string path;          // repository-relative
  std::string sidecar_path;  // repository-relative .clef-meta.yaml
  bool exists = false;
  bool is_protected = false;
  Backend backend = Backend::kAge;
  std::vector<Recipient> declared;         // from clef.yaml
  int rule_index = -1;                     // governing .sops.yaml creation rule, -1 if none
  std::vector<Recipient> rule_recipients;  // what that rule declares
};

struct Matrix {
  std::vector<MatrixCell> cells;

  const MatrixCell* Find(const std::string& ns, const std::string& env) const;
  const MatrixCell* FindByPath(const std::string& path) const;
  int MissingCount() const;
};

// `sops_config` may be null (no .sops.yaml).
Matrix BuildMatrix(const Manifest& manifest, const SopsConfig* sops_config,
                   const RepoFiles& files);

}  // namespace clef::manifest

#include "core/manifest/matrix.h"

#include "core/manifest/repo_files.h"

namespace clef::manifest {

const MatrixCell* Matrix::Find(const std::string& ns, const std::string& env) const {
  for (const MatrixCell& c : cells) {
    if (c.ns == ns && c.env == env) return &c;
  }
  return nullptr;
}

const MatrixCell* Matrix::FindByPath(const std::string& path) const {
  for (const MatrixCell& c : cells) {
    if (c.path == path) return &c;
  }
  return nullptr;
}

int Matrix::MissingCount() const {
  int n = 0;
  for (const MatrixCell& c : cells) n += !c.exists;
  return n;
}

Matrix BuildMatrix(const Manifest& manifest, const SopsConfig* sops_config,
                   const RepoFiles& files) {
  Matrix matrix;
  for (const Namespace& ns : manifest.namespaces) {
    for (const Environment& env : manifest.environments) {
      MatrixCell cell;
      cell.ns = ns.name;
      cell.env = env.name;
      cell.path = CellPath(manifest.file_pattern, ns.name, env.name);
      cell.sidecar_path = SidecarPath(cell.path);
      cell.exists = files.Exists(cell.path);
      cell.is_protected = env.is_protected;
      cell.backend = ResolveBackend(manifest, env).backend;
      cell.declared = DeclaredRecipients(manifest, env);
      if (sops_config) {
        if (const CreationRule* rule = sops_config->RuleFor(cell.path)) {
          cell.rule_index = rule->index;
          cell.rule_recipients = rule->Recipients();
        }
      }
      matrix.cells.push_back(std::move(cell));
    }
  }
  return matrix;
}

}  // namespace clef::manifest

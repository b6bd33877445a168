#include "precommit/codeowners_coverage.h"

#include "core/manifest/manifest.h"
#include "core/manifest/sops_config.h"
#include "precommit/codeowners.h"

namespace clef::guard {

Result<CoverageResult> CheckCodeownersCoverage(const manifest::RepoFiles& files,
                                               const std::vector<std::string>& fallback_owners) {
  CoverageResult result;
  std::string text;
  for (const char* location : kCodeownersLocations) {
    auto content = files.Read(location);
    if (!content.ok()) return content.error();
    if (*content) {
      result.codeowners_path = location;
      result.exists = true;
      text = **content;
      break;
    }
  }
  if (!result.exists) result.codeowners_path = kCodeownersLocations[0];
  Codeowners owners = Codeowners::Parse(text, result.codeowners_path);

  std::vector<OwnershipGap> wanted;
  std::optional<manifest::Manifest> m;
  if (files.Exists(manifest::kManifestFileName)) {
    auto loaded = manifest::LoadManifest(files);
    if (!loaded.ok()) return loaded.error();
    m = std::move(*loaded);
    wanted.push_back({manifest::kManifestFileName, fallback_owners});
  }
  if (files.Exists(manifest::kSopsConfigFileName))
    wanted.push_back({manifest::kSopsConfigFileName, fallback_owners});
  if (m) {
    for (const auto& env : m->environments) {
      if (!env.is_protected) continue;
      for (const auto& ns : m->namespaces) {
        std::vector<std::string> cell_owners = ns.owners.empty() ? fallback_owners : ns.owners;
        wanted.push_back({manifest::CellPath(m->file_pattern, ns.name, env.name), cell_owners});
      }
    }
  }
  for (auto& w : wanted) {
    const CodeownersRule* rule = owners.Match(w.path);
    if (rule == nullptr || rule->owners.empty()) result.gaps.push_back(std::move(w));
  }
  return result;
}

Result<std::string> AppendOwnership(const std::string& current, const CoverageResult& coverage) {
  if (coverage.gaps.empty()) return current;
  std::string block = "# clef guard: owners who must review changes to who can decrypt secrets\n";
  for (const auto& gap : coverage.gaps) {
    if (gap.owners.empty()) {
      return MakeError("no owner is known for " + gap.path +
                           ": name one with --owner @team (or set the namespace's owners in "
                           "clef.yaml)",
                       coverage.codeowners_path);
    }
    std::string pattern = "/" + gap.path;
    for (size_t i = 0; (i = pattern.find(' ', i)) != std::string::npos; i += 2)
      pattern.replace(i, 1, "\\ ");
    block += pattern;
    for (const auto& o : gap.owners) block += " " + o;
    block += "\n";
  }
  std::string out = current;
  if (!out.empty() && out.back() != '\n') out += '\n';
  if (!out.empty()) out += '\n';
  return out + block;
}

}  // namespace clef::guard

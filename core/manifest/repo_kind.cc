#include "core/manifest/repo_kind.h"

#include "core/manifest/manifest.h"
#include "core/manifest/repo_files.h"

namespace clef::manifest {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsConfigFile(std::string_view path) {
  return path == kSopsConfigFileName || path == kManifestFileName ||
         EndsWith(path, ".clef-meta.yaml");
}

}  // namespace

const char* RepoKindName(RepoKind kind) {
  switch (kind) {
    case RepoKind::kClef: return "clef";
    case RepoKind::kSops: return "sops";
    case RepoKind::kNone: return "none";
  }
  return "none";
}

bool HasSopsFileName(std::string_view path) {
  for (std::string_view ext : {".enc.yaml", ".enc.yml", ".enc.json", ".enc.env"}) {
    if (EndsWith(path, ext)) return true;
  }
  return false;
}

Result<RepoKind> DetectRepoKind(const RepoFiles& files) {
  if (files.Exists(kManifestFileName)) return RepoKind::kClef;
  if (files.Exists(kSopsConfigFileName)) return RepoKind::kSops;
  Result<std::vector<std::string>> all = files.List();
  if (!all.ok()) return all.error();
  for (const std::string& path : *all) {
    if (HasSopsFileName(path)) return RepoKind::kSops;
  }
  return RepoKind::kNone;
}

Result<std::vector<std::string>> SopsFileCandidates(const RepoFiles& files,
                                                    const SopsConfig* config) {
  Result<std::vector<std::string>> all = files.List();
  if (!all.ok()) return all.error();
  std::vector<std::string> out;
  for (const std::string& path : *all) {
    if (IsConfigFile(path)) continue;
    bool candidate = HasSopsFileName(path);
    if (!candidate && config) {
      for (const CreationRule& rule : config->creation_rules) {
        if (!rule.path_regex.empty() && rule.Matches(path)) {
          candidate = true;
          break;
        }
      }
    }
    if (candidate) out.push_back(path);
  }
  return out;
}

}  // namespace clef::manifest

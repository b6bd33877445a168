// Loading a Snapshot from a git revision, and the declaration look-ups on it.
#include <algorithm>

#include "core/git/objects.h"
#include "core/git/tree_diff.h"
#include "precommit/guard_facts.h"

namespace clef::guard {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool HasEncExtension(const std::string& path) {
  for (const char* ext : {".enc.yaml", ".enc.yml", ".enc.json", ".enc.env"})
    if (EndsWith(path, ext)) return true;
  return false;
}

struct TreeFile {
  std::string path;
  git_oid id;
};

int CollectBlob(const char* root, const git_tree_entry* entry, void* payload) {
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  auto* out = static_cast<std::vector<TreeFile>*>(payload);
  out->push_back({std::string(root) + git_tree_entry_name(entry), *git_tree_entry_id(entry)});
  return 0;
}

}  // namespace

std::vector<Recipient> Snapshot::DeclaredFor(const std::string& path, bool* declared) const {
  std::vector<Recipient> out;
  *declared = false;
  auto cell = cells.find(path);
  if (manifest && cell != cells.end()) {
    if (const auto* env = manifest->FindEnvironment(cell->second.environment)) {
      out = manifest::DeclaredRecipients(*manifest, *env);
      *declared = true;
    }
  }
  if (sops_config) {
    if (const auto* rule = sops_config->RuleFor(path)) {
      for (const auto& r : rule->Recipients())
        if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
      *declared = true;
    }
  }
  return out;
}

std::string Snapshot::EnvironmentOf(const std::string& path) const {
  auto it = cells.find(path);
  return it == cells.end() ? "" : it->second.environment;
}

bool Snapshot::IsProtected(const std::string& environment) const {
  if (!manifest) return false;
  const auto* env = manifest->FindEnvironment(environment);
  return env != nullptr && env->is_protected;
}

bool IsGuardedPath(const std::string& path, const Snapshot& snapshot) {
  if (HasEncExtension(path) || snapshot.cells.count(path)) return true;
  if (snapshot.sops_config) {
    const auto* rule = snapshot.sops_config->RuleFor(path);
    if (rule != nullptr && !rule->path_regex.empty()) return true;
  }
  return false;
}

Result<std::optional<std::set<std::string>>> PathsToCompare(git_repository* repo,
                                                            const std::string& base,
                                                            const std::string& head) {
  auto changes = git::DiffRevisions(repo, base, head);
  if (!changes.ok()) return changes.error();
  std::set<std::string> paths;
  for (const auto& c : *changes) {
    for (const std::string* p : {&c.old_path, &c.new_path}) {
      if (p->empty()) continue;
      bool declaration = *p == manifest::kManifestFileName || *p == manifest::kSopsConfigFileName;
      for (const char* location : kCodeownersLocations) declaration |= *p == location;
      if (declaration) return std::optional<std::set<std::string>>();
      paths.insert(*p);
    }
  }
  return std::optional<std::set<std::string>>(std::move(paths));
}

Result<Snapshot> LoadSnapshot(git_repository* repo, const std::string& revision,
                              const std::set<std::string>* only_paths,
                              const sops::IdentitySet* identities) {
  Snapshot snap;
  snap.revision = revision;
  auto tree = git::TreeOfRevision(repo, revision);
  if (!tree.ok()) {
    Error e = tree.error();
    e.hint = "if this is a shallow clone, fetch the revision first: `git fetch --unshallow` "
             "or `git fetch origin <base-branch>` (actions/checkout: fetch-depth: 0)";
    return e;
  }
  std::vector<TreeFile> files;
  if (git_tree_walk(tree->get(), GIT_TREEWALK_PRE, CollectBlob, &files) != 0) {
    return git::GitError("cannot list the files of " + revision);
  }
  auto read = [&](const git_oid& id) { return git::ReadBlob(repo, id); };
  auto find = [&](std::string_view p) {
    return std::find_if(files.begin(), files.end(), [&](const TreeFile& f) { return f.path == p; });
  };

  if (auto it = find(manifest::kManifestFileName); it != files.end()) {
    auto text = read(it->id);
    if (!text.ok()) return text.error();
    auto m = manifest::ParseManifest(*text, manifest::kManifestFileName);
    if (m.ok()) {
      snap.manifest = std::move(*m);
    } else {
      snap.manifest_error = m.error().Describe();
    }
  }
  if (auto it = find(manifest::kSopsConfigFileName); it != files.end()) {
    auto text = read(it->id);
    if (!text.ok()) return text.error();
    auto c = manifest::ParseSopsConfig(*text, manifest::kSopsConfigFileName);
    if (c.ok()) {
      snap.sops_config = std::move(*c);
    } else {
      snap.sops_config_error = c.error().Describe();
    }
  }
  for (const char* location : kCodeownersLocations) {
    if (auto it = find(location); it != files.end()) {
      auto text = read(it->id);
      if (!text.ok()) return text.error();
      snap.codeowners = Codeowners::Parse(*text, location);
      break;
    }
  }
  if (snap.manifest) {
    for (const auto& ns : snap.manifest->namespaces)
      for (const auto& env : snap.manifest->environments)
        snap.cells[manifest::CellPath(snap.manifest->file_pattern, ns.name, env.name)] =
            CellRef{ns.name, env.name};
  }
  for (const auto& f : files) {
    if (!IsGuardedPath(f.path, snap)) continue;
    if (only_paths != nullptr && !only_paths->count(f.path)) continue;
    auto text = read(f.id);
    if (!text.ok()) return text.error();
    snap.files[f.path] = FactsOf(f.path, *text, identities);
  }
  return snap;
}

}  // namespace clef::guard

#include "core/git/tree_diff.h"

#include "core/git/objects.h"

namespace clef::git {
namespace {

bool IsBlobMode(uint32_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE ||
         mode == GIT_FILEMODE_LINK;
}

std::vector<TreeChange> Collect(git_diff* diff) {
  std::vector<TreeChange> out;
  size_t n = git_diff_num_deltas(diff);
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff, i);
    TreeChange c;
    switch (d->status) {
      case GIT_DELTA_ADDED: c.kind = TreeChange::kAdded; break;
      case GIT_DELTA_DELETED: c.kind = TreeChange::kDeleted; break;
      case GIT_DELTA_TYPECHANGE: c.kind = TreeChange::kTypeChange; break;
      default: c.kind = TreeChange::kModified; break;
    }
    if (c.kind != TreeChange::kAdded) {
      c.old_path = d->old_file.path;
      c.old_blob = d->old_file.id;
      c.old_mode = d->old_file.mode;
    }
    if (c.kind != TreeChange::kDeleted) {
      c.new_path = d->new_file.path;
      c.new_blob = d->new_file.id;
      c.new_mode = d->new_file.mode;
    }
    bool old_ok = c.old_mode == 0 || IsBlobMode(c.old_mode);
    bool new_ok = c.new_mode == 0 || IsBlobMode(c.new_mode);
    if (old_ok && new_ok) out.push_back(std::move(c));
  }
  return out;
}

git_diff_options Options() {
  git_diff_options opts;
  git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
  // Ids come from the trees and index; no content is compared, so binary probing is waste.
  opts.flags |= GIT_DIFF_SKIP_BINARY_CHECK | GIT_DIFF_IGNORE_SUBMODULES;
  return opts;
}

}  // namespace

Result<std::vector<TreeChange>> DiffRevisions(git_repository* repo, const std::string& from,
                                              const std::string& to) {
  TreePtr old_tree;
  if (!from.empty()) {
    auto t = TreeOfRevision(repo, from);
    if (!t.ok()) return t.error();
    old_tree = std::move(*t);
  }
  auto new_tree = TreeOfRevision(repo, to);
  if (!new_tree.ok()) return new_tree.error();
  git_diff_options opts = Options();
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, repo, old_tree.get(), new_tree->get(), &opts) != 0)
    return GitError("cannot diff '" + from + "' against '" + to + "'");
  DiffPtr diff(raw);
  return Collect(diff.get());
}

Result<std::vector<TreeChange>> StagedChanges(git_repository* repo) {
  TreePtr head_tree;
  int unborn = git_repository_head_unborn(repo);
  if (unborn < 0) return GitError("cannot read HEAD");
  if (unborn == 0) {
    auto t = TreeOfRevision(repo, "HEAD");
    if (!t.ok()) return t.error();
    head_tree = std::move(*t);
  }
  git_index* idx = nullptr;
  if (git_repository_index(&idx, repo) != 0) return GitError("cannot read the index");
  IndexPtr index(idx);
  git_diff_options opts = Options();
  git_diff* raw = nullptr;
  if (git_diff_tree_to_index(&raw, repo, head_tree.get(), index.get(), &opts) != 0)
    return GitError("cannot diff HEAD against the index");
  DiffPtr diff(raw);
  return Collect(diff.get());
}

}  // namespace clef::git

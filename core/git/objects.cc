#include "core/git/objects.h"

namespace clef::git {

Result<CommitPtr> ResolveCommit(git_repository* repo, const std::string& revision) {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo, revision.c_str()) != 0) {
    Error e = GitError("unknown revision '" + revision + "'");
    e.hint = "check the name with `git rev-parse " + revision + "`";
    return e;
  }
  ObjectPtr object(obj);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0)
    return GitError("revision '" + revision + "' is not a commit");
  return CommitPtr(reinterpret_cast<git_commit*>(peeled));
}

Result<TreePtr> TreeOfRevision(git_repository* repo, const std::string& revision) {
  auto commit = ResolveCommit(repo, revision);
  if (!commit.ok()) return commit.error();
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, commit->get()) != 0)
    return GitError("cannot read the tree of '" + revision + "'");
  return TreePtr(tree);
}

Result<std::string> ReadBlob(git_repository* repo, const git_oid& id) {
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo, &id) != 0) return GitError("cannot read blob " + OidHex(id));
  BlobPtr blob(raw);
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<size_t>(git_blob_rawsize(blob.get())));
}

Result<std::optional<std::string>> BlobAtRevision(git_repository* repo, const std::string& revision,
                                                  const std::string& path) {
  auto tree = TreeOfRevision(repo, revision);
  if (!tree.ok()) return tree.error();
  git_tree_entry* raw = nullptr;
  int rc = git_tree_entry_bypath(&raw, tree->get(), path.c_str());
  if (rc == GIT_ENOTFOUND) return std::optional<std::string>();
  if (rc != 0) return GitError("cannot look up '" + path + "' in '" + revision + "'");
  TreeEntryPtr entry(raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::optional<std::string>();
  auto blob = ReadBlob(repo, *git_tree_entry_id(entry.get()));
  if (!blob.ok()) return blob.error().InFile(path);
  return std::optional<std::string>(std::move(*blob));
}

}  // namespace clef::git

#include "core/git/handles.h"

namespace clef::git {

LibGit2::LibGit2() {
  git_libgit2_init();
  // Blobless clones and sparse checkouts mark their repositories with extensions libgit2 1.5
  // refuses by default; we only read objects that are present, so accepting them is safe.
  const char* extensions[] = {"partialclone", "worktreeconfig", "preciousobjects"};
  git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, extensions, sizeof(extensions) / sizeof(*extensions));
  // Trees above 4 KiB are never cached by default, which makes history walks re-parse them.
  git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(1) << 20);
}

LibGit2::~LibGit2() { git_libgit2_shutdown(); }

Error GitError(const std::string& what, const std::string& file) {
  const git_error* e = git_error_last();
  std::string message = what;
  if (e && e->message) message += std::string(": ") + e->message;
  return MakeError(message, file);
}

std::string OidHex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof(buf), &oid);
  return buf;
}

}  // namespace clef::git

#include "core/git/history.h"

#include <cstring>
#include <ctime>
#include <unordered_set>

#include "core/git/objects.h"

namespace clef::git {
namespace {

struct OidHash {
  size_t operator()(const git_oid& o) const {
    size_t h;
    std::memcpy(&h, o.id, sizeof(h));
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
};
using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

class TreeWalker {
 public:
  TreeWalker(git_repository* repo, std::vector<Error>* warnings) : repo_(repo), warnings_(warnings) {}

  // Marks everything under `tree` as seen; records new blobs when `out` is non-null.
  void Walk(const git_oid& tree_id, const std::string& prefix, uint32_t commit_index,
            std::vector<BlobIntroduction>* out) {
    if (!trees_.insert(tree_id).second) return;
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, repo_, &tree_id) != 0) {
      if (warnings_) {
        warnings_->push_back(GitError("cannot read tree " + OidHex(tree_id) + " at '" +
                                      (prefix.empty() ? std::string("/") : prefix) + "'"));
      }
      return;
    }
    TreePtr tree(raw);
    size_t n = git_tree_entrycount(tree.get());
    for (size_t i = 0; i < n; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(tree.get(), i);
      git_object_t type = git_tree_entry_type(e);
      const git_oid* id = git_tree_entry_id(e);
      if (type == GIT_OBJECT_TREE) {
        Walk(*id, prefix + git_tree_entry_name(e) + "/", commit_index, out);
      } else if (type == GIT_OBJECT_BLOB) {
        if (blobs_.insert(*id).second && out)
          out->push_back(BlobIntroduction{*id, prefix + git_tree_entry_name(e), commit_index});
      }
    }
  }

 private:
  git_repository* repo_;
  std::vector<Error>* warnings_;
  OidSet trees_;
  OidSet blobs_;
};

Status PushRevision(git_repository* repo, git_revwalk* walk, const std::string& rev, bool hide) {
  auto commit = ResolveCommit(repo, rev);
  if (!commit.ok()) return commit.error();
  const git_oid* id = git_commit_id(commit->get());
  int rc = hide ? git_revwalk_hide(walk, id) : git_revwalk_push(walk, id);
  if (rc != 0) return GitError("cannot walk from '" + rev + "'");
  return Status::Ok();
}

Status PushAllRefs(git_repository* repo, git_revwalk* walk) {
  git_reference_iterator* it_raw = nullptr;
  if (git_reference_iterator_new(&it_raw, repo) != 0) return GitError("cannot list references");
  std::unique_ptr<git_reference_iterator, void (*)(git_reference_iterator*)> it(
      it_raw, git_reference_iterator_free);
  git_reference* ref_raw = nullptr;
  while (git_reference_next(&ref_raw, it.get()) == 0) {
    ReferencePtr ref(ref_raw);
    git_object* peeled = nullptr;
    if (git_reference_peel(&peeled, ref.get(), GIT_OBJECT_COMMIT) != 0) continue;  // e.g. tag of a blob
    ObjectPtr obj(peeled);
    git_revwalk_push(walk, git_object_id(obj.get()));
  }
  if (git_repository_head_unborn(repo) == 0) git_revwalk_push_head(walk);
  return Status::Ok();
}

}  // namespace

HistoryRange ParseRange(const std::string& spec) {
  HistoryRange r;
  if (spec.empty()) return r;
  size_t dots = spec.find("..");
  if (dots == std::string::npos) {
    r.include.push_back(spec);
    return r;
  }
  size_t after = dots + 2;
  if (after < spec.size() && spec[after] == '.') ++after;
  std::string from = spec.substr(0, dots);
  std::string to = spec.substr(after);
  r.include.push_back(to.empty() ? "HEAD" : to);
  r.exclude.push_back(from.empty() ? "HEAD" : from);
  return r;
}

Result<UniqueBlobsResult> UniqueBlobs(git_repository* repo, const HistoryRange& range,
                                      std::vector<Error>* warnings) {
  git_revwalk* walk_raw = nullptr;
  if (git_revwalk_new(&walk_raw, repo) != 0) return GitError("cannot walk history");
  RevwalkPtr walk(walk_raw);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  if (range.include.empty()) {
    if (Status s = PushAllRefs(repo, walk.get()); !s.ok()) return s.error();
  }
  for (const auto& rev : range.include)
    if (Status s = PushRevision(repo, walk.get(), rev, false); !s.ok()) return s.error();
  TreeWalker walker(repo, warnings);
  for (const auto& rev : range.exclude) {
    if (Status s = PushRevision(repo, walk.get(), rev, true); !s.ok()) return s.error();
    auto tree = TreeOfRevision(repo, rev);
    if (tree.ok()) walker.Walk(*git_tree_id(tree->get()), "", 0, nullptr);
  }

  UniqueBlobsResult result;
  git_oid id;
  int rc;
  while ((rc = git_revwalk_next(&id, walk.get())) == 0) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &id) != 0) {
      if (warnings) warnings->push_back(GitError("cannot read commit " + OidHex(id)));
      continue;
    }
    CommitPtr commit(raw);
    CommitInfo info;
    info.id = id;
    if (const git_signature* a = git_commit_author(commit.get())) {
      info.author_name = a->name ? a->name : "";
      info.author_email = a->email ? a->email : "";
      info.time = a->when.time;
      info.offset_minutes = a->when.offset;
    }
    if (const char* s = git_commit_summary(commit.get())) info.summary = s;
    uint32_t index = static_cast<uint32_t>(result.commits.size());
    result.commits.push_back(std::move(info));
    walker.Walk(*git_commit_tree_id(commit.get()), "", index, &result.blobs);
  }
  if (rc != GIT_ITEROVER) return GitError("history walk stopped");
  return result;
}

std::string FormatCommitTime(const CommitInfo& c) {
  time_t t = static_cast<time_t>(c.time + static_cast<int64_t>(c.offset_minutes) * 60);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  int off = c.offset_minutes;
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  char tz[16];
  std::snprintf(tz, sizeof(tz), "%c%02d:%02d", sign, off / 60, off % 60);
  return std::string(buf) + tz;
}

}  // namespace clef::git

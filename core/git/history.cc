#include "core/git/history.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/git/git_cli.h"
#include "core/git/objects.h"

namespace clef::git {
namespace {

// Buffered reader over a pipe: lines and exact byte counts.
class PipeReader {
 public:
  explicit PipeReader(int fd) : fd_(fd) {}
  bool Line(std::string& line) {
    line.clear();
    for (;;) {
      const char* b = buf_.data() + pos_;
      const void* nl = memchr(b, '\n', buf_.size() - pos_);
      if (nl) {
        size_t len = static_cast<size_t>(static_cast<const char*>(nl) - b);
        line.append(b, len);
        pos_ += len + 1;
        return true;
      }
      line.append(b, buf_.size() - pos_);
      pos_ = buf_.size();
      if (!Fill()) return !line.empty();
    }
  }
  bool Bytes(size_t n, std::string& out) {
    out.clear();
    out.reserve(n);
    while (out.size() < n) {
      if (pos_ == buf_.size() && !Fill()) return false;
      size_t take = std::min(n - out.size(), buf_.size() - pos_);
      out.append(buf_.data() + pos_, take);
      pos_ += take;
    }
    return true;
  }

 private:
  bool Fill() {
    buf_.resize(1 << 16);
    pos_ = 0;
    for (;;) {
      ssize_t n = read(fd_, buf_.data(), buf_.size());
      if (n < 0 && errno == EINTR) continue;
      buf_.resize(n > 0 ? static_cast<size_t>(n) : 0);
      return n > 0;
    }
  }
  int fd_;
  std::string buf_;
  size_t pos_ = 0;
};

bool ParseHex(const std::string& hex, git_oid* out) {
  return hex.size() == GIT_OID_HEXSZ && git_oid_fromstrn(out, hex.data(), GIT_OID_HEXSZ) == 0;
}

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
  TreeWalker(git_repository* repo, std::vector<Error>* warnings)
      : repo_(repo), warnings_(warnings) {}

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

// Every ref peeled to a commit (tags of blobs or trees skipped), plus HEAD when it is born.
Status CollectAllRefs(git_repository* repo, std::vector<git_oid>& tips) {
  git_reference_iterator* it_raw = nullptr;
  if (git_reference_iterator_new(&it_raw, repo) != 0) return GitError("cannot list references");
  std::unique_ptr<git_reference_iterator, void (*)(git_reference_iterator*)> it(
      it_raw, git_reference_iterator_free);
  git_reference* ref_raw = nullptr;
  while (git_reference_next(&ref_raw, it.get()) == 0) {
    ReferencePtr ref(ref_raw);
    git_object* peeled = nullptr;
    if (git_reference_peel(&peeled, ref.get(), GIT_OBJECT_COMMIT) != 0)
      continue;  // e.g. tag of a blob
    ObjectPtr obj(peeled);
    tips.push_back(*git_object_id(obj.get()));
  }
  if (git_repository_head_unborn(repo) == 0) {
    git_oid head;
    if (git_reference_name_to_id(&head, repo, "HEAD") == 0) tips.push_back(head);
  }
  return Status::Ok();
}

Status PushAllRefs(git_repository* repo, git_revwalk* walk) {
  std::vector<git_oid> tips;
  if (Status s = CollectAllRefs(repo, tips); !s.ok()) return s;
  for (const git_oid& tip : tips) git_revwalk_push(walk, &tip);
  return Status::Ok();
}

// git's own walk: `rev-list --objects --in-commit-order` (parents first) into
// `cat-file --batch-check` for the object types. False when git cannot run or fails (for
// example on a damaged object): the caller then walks with libgit2, which reports and goes on.
bool WalkWithGit(git_repository* repo, const std::vector<git_oid>& include,
                 const std::vector<git_oid>& exclude, UniqueBlobsResult& result) {
  std::string git_dir = git_repository_path(repo);
  auto revlist = GitProcess::Start({"--git-dir=" + git_dir, "rev-list", "--objects",
                                    "--in-commit-order", "--topo-order", "--reverse", "--stdin"},
                                   {.write_stdin = true});
  if (!revlist.ok()) return false;
  auto check = GitProcess::Start({"--git-dir=" + git_dir, "cat-file",
                                  "--batch-check=%(objecttype) %(objectname) %(rest)", "--buffer"},
                                 {.stdin_fd = revlist->out()});
  revlist->CloseStdout();  // cat-file holds it now
  if (!check.ok()) return false;
  std::string revs;
  for (const auto& id : include) revs += OidHex(id) + "\n";
  for (const auto& id : exclude) revs += "^" + OidHex(id) + "\n";
  revlist->WriteToStdin(revs);  // rev-list reads all of stdin before it writes anything
  revlist->CloseStdin();
  PipeReader reader(check->out());
  std::string line;
  bool ok = true;
  uint32_t commit = UINT32_MAX;
  while (reader.Line(line)) {
    size_t sp1 = line.find(' ');
    if (sp1 == std::string::npos) continue;
    size_t sp2 = line.find(' ', sp1 + 1);
    std::string_view type(line.data(), sp1);
    std::string hex =
        line.substr(sp1 + 1, (sp2 == std::string::npos ? line.size() : sp2) - sp1 - 1);
    git_oid id;
    if (type == "commit") {
      if (!ParseHex(hex, &id)) {
        ok = false;
        continue;
      }
      CommitInfo info;
      info.id = id;
      commit = static_cast<uint32_t>(result.commits.size());
      result.commits.push_back(std::move(info));
    } else if (type == "blob") {
      if (commit == UINT32_MAX || sp2 == std::string::npos || !ParseHex(hex, &id)) continue;
      result.blobs.push_back(BlobIntroduction{id, line.substr(sp2 + 1), commit});
    } else if (type != "tree") {
      ok = false;  // "missing" or anything unexpected
    }
  }
  int rc1 = revlist->Wait();
  int rc2 = check->Wait();
  return ok && rc1 == 0 && rc2 == 0;
}

// Author, time and summary of `commit` into `info`.
void FillAuthor(git_commit* commit, CommitInfo& info) {
  if (const git_signature* a = git_commit_author(commit)) {
    info.author_name = a->name ? a->name : "";
    info.author_email = a->email ? a->email : "";
    info.time = a->when.time;
    info.offset_minutes = a->when.offset;
  }
  if (const char* s = git_commit_summary(commit)) info.summary = s;
}

// Author, date and summary of each commit (the git walk records only ids).
void FillCommitInfo(git_repository* repo, std::vector<CommitInfo>& commits,
                    std::vector<Error>* warnings) {
  for (auto& info : commits) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &info.id) != 0) {
      if (warnings) warnings->push_back(GitError("cannot read commit " + OidHex(info.id)));
      continue;
    }
    CommitPtr commit(raw);
    FillAuthor(commit.get(), info);
  }
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
  // Resolve every revision first: unknown ones are errors before any walking.
  std::vector<git_oid> include, exclude;
  if (range.include.empty()) {
    if (Status s = CollectAllRefs(repo, include); !s.ok()) return s.error();
  }
  for (const auto* list : {&range.include, &range.exclude}) {
    for (const auto& rev : *list) {
      auto commit = ResolveCommit(repo, rev);
      if (!commit.ok()) return commit.error();
      (list == &range.include ? include : exclude).push_back(*git_commit_id(commit->get()));
    }
  }
  if (include.empty()) return UniqueBlobsResult{};
  if (std::getenv("CLEF_HISTORY_LIBGIT2") == nullptr) {
    UniqueBlobsResult fast;
    if (WalkWithGit(repo, include, exclude, fast)) {
      FillCommitInfo(repo, fast.commits, warnings);
      return fast;
    }
  }
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
    FillAuthor(commit.get(), info);
    uint32_t index = static_cast<uint32_t>(result.commits.size());
    result.commits.push_back(std::move(info));
    walker.Walk(*git_commit_tree_id(commit.get()), "", index, &result.blobs);
  }
  if (rc != GIT_ITEROVER) return GitError("history walk stopped");
  return result;
}

Status ReadBlobsWithGit(const std::string& cwd, const std::vector<std::string>& ids,
                        const std::function<void(size_t, std::string_view)>& sink,
                        std::vector<size_t>* missing) {
  if (ids.empty()) return Status::Ok();
  auto child = GitProcess::Start({"-C", cwd, "cat-file", "--batch"}, {.write_stdin = true});
  if (!child.ok()) return child.error();
  std::string input;
  for (const auto& id : ids) input += id + "\n";
  // A writer thread: git answers while we still write, and both pipes have finite buffers.
  GitProcess& git = *child;
  std::thread writer([&git, &input] {
    git.WriteToStdin(input);
    git.CloseStdin();
  });
  PipeReader reader(git.out());
  std::string header, content;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!reader.Line(header)) break;
    // "<id> <type> <size>" or "<id> missing"
    size_t sp1 = header.find(' ');
    size_t sp2 = sp1 == std::string::npos ? std::string::npos : header.find(' ', sp1 + 1);
    if (sp2 == std::string::npos) {
      if (missing) missing->push_back(i);
      continue;
    }
    size_t size = std::strtoull(header.c_str() + sp2 + 1, nullptr, 10);
    if (!reader.Bytes(size + 1, content)) break;  // content and its newline
    content.pop_back();
    if (header.compare(sp1 + 1, sp2 - sp1 - 1, "blob") == 0)
      sink(i, content);
    else if (missing)
      missing->push_back(i);
  }
  git.CloseStdout();
  writer.join();
  int rc = git.Wait();
  if (rc != 0)
    return MakeError("git cat-file --batch failed (exit " + std::to_string(rc) + ")", cwd);
  return Status::Ok();
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

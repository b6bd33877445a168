// Specifications of core/git against real repositories made with the git CLI.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/git/git_cli.h"
#include "core/git/handles.h"
#include "core/git/history.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/git/tree_diff.h"
#include "git/git_repo_support.h"

namespace clef::git {
namespace {

using clef::testing::TempGitRepo;

class GitTest : public ::testing::Test {
 protected:
  void TearDown() override {
    unsetenv("GIT_INDEX_FILE");
    unsetenv("GIT_DIR");
    unsetenv("GIT_WORK_TREE");
  }
  LibGit2 session_;
  TempGitRepo repo_;
};

std::string ReadToEnd(int fd) {
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof(buf))) > 0) text.append(buf, static_cast<size_t>(n));
  return text;
}

std::vector<std::string> NewPaths(const std::vector<TreeChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.kind == TreeChange::kDeleted ? "-" + c.old_path : c.new_path);
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(GitTest, OpenRepositoryDiscoversTheRepositoryFromASubdirectory) {
  repo_.Write("a/b/file.txt", "x\n");
  auto repo = OpenRepository(repo_.path() + "/a/b");
  ASSERT_TRUE(repo.ok()) << repo.error().Describe();
  EXPECT_EQ(WorkDir(repo->get()), std::filesystem::canonical(repo_.path()).string());
}

TEST_F(GitTest, OpenRepositoryOutsideAnyRepositoryNamesTheFolderAndTheFix) {
  char tmpl[] = "/tmp/clef-git-norepo-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  setenv("GIT_CEILING_DIRECTORIES", "/tmp", 1);
  auto repo = OpenRepository(dir);
  unsetenv("GIT_CEILING_DIRECTORIES");
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(repo.ok());
  EXPECT_EQ(repo.error().file, dir);
  EXPECT_NE(repo.error().message.find("not inside a git repository"), std::string::npos);
  EXPECT_FALSE(repo.error().hint.empty());
}

TEST_F(GitTest, StagedChangesListsAddedModifiedAndDeletedFilesAgainstHead) {
  repo_.Write("keep.txt", "1\n");
  repo_.Write("change.txt", "1\n");
  repo_.Write("remove.txt", "1\n");
  repo_.CommitAll("base");
  repo_.Write("change.txt", "2\n");
  repo_.Write("new.txt", "n\n");
  repo_.Git("add change.txt new.txt");
  repo_.Git("rm -q remove.txt");
  repo_.Write("unstaged.txt", "u\n");
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  auto staged = StagedChanges(repo->get());
  ASSERT_TRUE(staged.ok()) << staged.error().Describe();
  EXPECT_EQ(NewPaths(*staged), (std::vector<std::string>{"-remove.txt", "change.txt", "new.txt"}));
}

TEST_F(GitTest, StagedChangesOnAnUnbornHeadListsEveryStagedFile) {
  repo_.Write("first.txt", "1\n");
  repo_.Git("add first.txt");
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  auto staged = StagedChanges(repo->get());
  ASSERT_TRUE(staged.ok()) << staged.error().Describe();
  EXPECT_EQ(NewPaths(*staged), (std::vector<std::string>{"first.txt"}));
}

TEST_F(GitTest, StagedChangesReadsTheIndexNamedByGitIndexFile) {
  repo_.Write("base.txt", "1\n");
  repo_.CommitAll("base");
  // A second index, as `git commit -a` prepares in .git/index.lock, holding one more file.
  std::string alt = repo_.path() + "/.git/alt-index";
  repo_.Write("only-in-alt.txt", "a\n");
  clef::testing::Shell("cd '" + repo_.path() + "' && cp .git/index .git/alt-index && GIT_INDEX_FILE=" +
                       alt + " git add only-in-alt.txt");
  setenv("GIT_INDEX_FILE", alt.c_str(), 1);
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok()) << repo.error().Describe();
  auto staged = StagedChanges(repo->get());
  ASSERT_TRUE(staged.ok());
  EXPECT_EQ(NewPaths(*staged), (std::vector<std::string>{"only-in-alt.txt"}));
}

TEST_F(GitTest, GitWorkTreeAndGitDirAreHonouredTogether) {
  repo_.Write("base.txt", "1\n");
  repo_.CommitAll("base");
  repo_.Write("staged.txt", "s\n");
  repo_.Git("add staged.txt");
  setenv("GIT_DIR", (repo_.path() + "/.git").c_str(), 1);
  setenv("GIT_WORK_TREE", repo_.path().c_str(), 1);
  auto repo = OpenRepository("/");
  ASSERT_TRUE(repo.ok()) << repo.error().Describe();
  auto staged = StagedChanges(repo->get());
  ASSERT_TRUE(staged.ok());
  EXPECT_EQ(NewPaths(*staged), (std::vector<std::string>{"staged.txt"}));
}

TEST_F(GitTest, BlobAtRevisionReturnsTheContentAtThatRevision) {
  repo_.Write("dir/config.yaml", "v: 1\n");
  repo_.CommitAll("one");
  repo_.Write("dir/config.yaml", "v: 2\n");
  repo_.CommitAll("two");
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  auto old_text = BlobAtRevision(repo->get(), "HEAD~1", "dir/config.yaml");
  ASSERT_TRUE(old_text.ok()) << old_text.error().Describe();
  ASSERT_TRUE(old_text->has_value());
  EXPECT_EQ(**old_text, "v: 1\n");
  auto missing = BlobAtRevision(repo->get(), "HEAD", "dir/absent.yaml");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(GitTest, AnUnknownRevisionIsAnErrorNamingIt) {
  repo_.Write("a.txt", "a\n");
  repo_.CommitAll("one");
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  auto text = BlobAtRevision(repo->get(), "no-such-branch", "a.txt");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().message.find("no-such-branch"), std::string::npos);
}

TEST_F(GitTest, DiffRevisionsReportsEachChangedFileOnce) {
  repo_.Write("a.txt", "a\n");
  repo_.Write("b.txt", "b\n");
  repo_.CommitAll("one");
  repo_.Write("b.txt", "b2\n");
  repo_.Write("c/d.txt", "d\n");
  repo_.Git("rm -q a.txt");
  repo_.CommitAll("two");
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  auto diff = DiffRevisions(repo->get(), "HEAD~1", "HEAD");
  ASSERT_TRUE(diff.ok()) << diff.error().Describe();
  EXPECT_EQ(NewPaths(*diff), (std::vector<std::string>{"-a.txt", "b.txt", "c/d.txt"}));
}

TEST_F(GitTest, UniqueBlobsAttributesEachBlobToTheCommitThatIntroducedIt) {
  repo_.Write("a.txt", "same\n");
  repo_.CommitAll("first");
  repo_.Write("copy/a.txt", "same\n");  // same blob under a new path: not new
  repo_.Write("b.txt", "bee\n");
  repo_.CommitAll("second");
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  std::vector<Error> warnings;
  auto result = UniqueBlobs(repo->get(), HistoryRange{}, &warnings);
  ASSERT_TRUE(result.ok()) << result.error().Describe();
  EXPECT_TRUE(warnings.empty());
  ASSERT_EQ(result->commits.size(), 2u);
  ASSERT_EQ(result->blobs.size(), 2u);
  EXPECT_EQ(result->blobs[0].path, "a.txt");
  EXPECT_EQ(result->commits[result->blobs[0].commit_index].summary, "first");
  EXPECT_EQ(result->blobs[1].path, "b.txt");
  EXPECT_EQ(result->commits[result->blobs[1].commit_index].summary, "second");
  EXPECT_EQ(result->commits[1].author_email, "tester@example.com");
}

TEST_F(GitTest, UniqueBlobsOfARangeSkipsContentAlreadyInTheBase) {
  repo_.Write("old.txt", "old\n");
  repo_.CommitAll("base");
  repo_.Git("tag base");
  repo_.Write("new.txt", "new\n");
  repo_.CommitAll("feature");
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  auto result = UniqueBlobs(repo->get(), ParseRange("base..HEAD"), nullptr);
  ASSERT_TRUE(result.ok()) << result.error().Describe();
  ASSERT_EQ(result->blobs.size(), 1u);
  EXPECT_EQ(result->blobs[0].path, "new.txt");
}

TEST_F(GitTest, UniqueBlobsSeesBlobsOnEveryBranchAndInMergeResolutions) {
  repo_.Write("f.txt", "base\n");
  repo_.CommitAll("base");
  repo_.Git("checkout -q -b side");
  repo_.Write("f.txt", "side\n");
  repo_.CommitAll("side");
  repo_.Git("checkout -q main");
  repo_.Write("f.txt", "main\n");
  repo_.CommitAll("main");
  clef::testing::Shell("git -C '" + repo_.path() + "' merge -q side >/dev/null 2>&1");
  repo_.Write("f.txt", "resolved\n");
  repo_.CommitAll("merge");
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  auto result = UniqueBlobs(repo->get(), HistoryRange{}, nullptr);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->blobs.size(), 4u);
  EXPECT_EQ(result->commits[result->blobs.back().commit_index].summary, "merge");
}

TEST_F(GitTest, UniqueBlobsReportsACorruptTreeAndContinues) {
  repo_.Write("dir/a.txt", "a\n");
  repo_.CommitAll("one");
  repo_.Write("b.txt", "b\n");
  repo_.CommitAll("two");
  std::string tree = repo_.Git("rev-parse HEAD~1:dir");
  std::string obj = repo_.path() + "/.git/objects/" + tree.substr(0, 2) + "/" + tree.substr(2);
  std::filesystem::permissions(obj, std::filesystem::perms::owner_all);
  // Garbage where the zlib stream should be (a truncated stream makes libgit2 1.5 spin).
  std::ofstream(obj, std::ios::binary | std::ios::trunc) << "this is not a zlib stream";
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  std::vector<Error> warnings;
  auto result = UniqueBlobs(repo->get(), HistoryRange{}, &warnings);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].message.find(tree), std::string::npos);
  EXPECT_EQ(result->blobs.back().path, "b.txt");
}

TEST_F(GitTest, UniqueBlobsFindsTheSameWithTheLibgit2Walk) {
  repo_.Write("a.txt", "a\n");
  repo_.CommitAll("one");
  repo_.Write("d/b.txt", "b\n");
  repo_.Write("a.txt", "a2\n");
  repo_.CommitAll("two");
  auto repo = OpenRepository(repo_.path());
  ASSERT_TRUE(repo.ok());
  auto with_git = UniqueBlobs(repo->get(), HistoryRange{}, nullptr);
  setenv("CLEF_HISTORY_LIBGIT2", "1", 1);
  auto with_libgit2 = UniqueBlobs(repo->get(), HistoryRange{}, nullptr);
  unsetenv("CLEF_HISTORY_LIBGIT2");
  ASSERT_TRUE(with_git.ok());
  ASSERT_TRUE(with_libgit2.ok());
  auto described = [](const UniqueBlobsResult& r) {
    std::vector<std::string> out;
    for (const auto& b : r.blobs)
      out.push_back(OidHex(b.blob) + " " + b.path + " " + r.commits[b.commit_index].summary);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(described(*with_git), described(*with_libgit2));
  EXPECT_EQ(with_git->blobs.size(), 3u);
}

TEST_F(GitTest, ReadBlobsWithGitHandsOverEachContentAndListsTheMissingIds) {
  repo_.Write("a.txt", "alpha\n");
  repo_.Write("b.txt", "");
  repo_.CommitAll("one");
  std::vector<std::string> ids = {repo_.Git("rev-parse HEAD:a.txt").substr(0, 40),
                                  std::string(40, '0'),
                                  repo_.Git("rev-parse HEAD:b.txt").substr(0, 40)};
  std::vector<std::string> seen(ids.size(), "(none)");
  std::vector<size_t> missing;
  Status s = ReadBlobsWithGit(
      repo_.path(), ids, [&](size_t i, std::string_view content) { seen[i] = content; }, &missing);
  ASSERT_TRUE(s.ok()) << s.error().Describe();
  EXPECT_EQ(seen, (std::vector<std::string>{"alpha\n", "(none)", ""}));
  EXPECT_EQ(missing, (std::vector<size_t>{1}));
}

TEST_F(GitTest, RunGitCapturesOutputAndExitCode) {
  auto ok = RunGit({"rev-parse", "--is-inside-work-tree"}, repo_.path());
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->exit_code, 0);
  EXPECT_EQ(ok->stdout_text, "true\n");
  auto bad = RunGit({"rev-parse", "--verify", "nope"}, repo_.path());
  ASSERT_TRUE(bad.ok());
  EXPECT_NE(bad->exit_code, 0);
  EXPECT_FALSE(bad->stderr_text.empty());
}

TEST_F(GitTest, GitProcessReadsWhatTheChildWritesForTheInputWeGiveIt) {
  auto git =
      GitProcess::Start({"-C", repo_.path(), "hash-object", "--stdin"}, {.write_stdin = true});
  ASSERT_TRUE(git.ok()) << git.error().Describe();
  EXPECT_TRUE(git->WriteToStdin("hello\n"));
  git->CloseStdin();
  EXPECT_EQ(ReadToEnd(git->out()), "ce013625030ba8dba906f756967f9e9ca394464a\n");
  EXPECT_EQ(git->Wait(), 0);
}

TEST_F(GitTest, GitProcessFeedsOneChildsOutputIntoAnother) {
  repo_.Write("a.txt", "a\n");
  repo_.CommitAll("one");
  std::string head = repo_.Git("rev-parse HEAD");
  auto revlist = GitProcess::Start({"-C", repo_.path(), "rev-list", "HEAD"});
  ASSERT_TRUE(revlist.ok());
  auto check = GitProcess::Start({"-C", repo_.path(), "cat-file", "--batch-check"},
                                 {.stdin_fd = revlist->out()});
  revlist->CloseStdout();
  ASSERT_TRUE(check.ok());
  std::string out = ReadToEnd(check->out());
  EXPECT_EQ(revlist->Wait(), 0);
  EXPECT_EQ(check->Wait(), 0);
  EXPECT_EQ(out.substr(0, 40), head.substr(0, 40));
  EXPECT_NE(out.find(" commit "), std::string::npos);
}

TEST_F(GitTest, GitProcessReportsAFailingCommandByItsExitStatus) {
  auto git = GitProcess::Start({"-C", repo_.path(), "rev-parse", "--verify", "nope"},
                               {.read_stderr = true});
  ASSERT_TRUE(git.ok());
  EXPECT_EQ(ReadToEnd(git->out()), "");
  EXPECT_FALSE(ReadToEnd(git->err()).empty());
  EXPECT_NE(git->Wait(), 0);
}

TEST_F(GitTest, RunGitWithoutGitOnPathSaysHowToFixIt) {
  std::string path = getenv("PATH");
  setenv("PATH", "/nonexistent-clef-test", 1);
  auto out = RunGit({"--version"}, repo_.path());
  auto child = GitProcess::Start({"--version"});
  setenv("PATH", path.c_str(), 1);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("cannot run git"), std::string::npos);
  EXPECT_NE(out.error().hint.find("install git"), std::string::npos);
  ASSERT_FALSE(child.ok());
  EXPECT_EQ(child.error().hint, out.error().hint);
}

}  // namespace
}  // namespace clef::git

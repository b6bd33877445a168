// clef install / --uninstall / --dry-run on real repositories: what is written, that a second
// install changes nothing, and that uninstall leaves every byte as it was.
#include <sys/stat.h>

#include <filesystem>

#include "install/install_repo_support.h"

namespace fs = std::filesystem;

namespace clef::install::testing {
namespace {

class InstallTest : public InstallFixture {
 protected:
  // install, install again (no change), uninstall (byte-identical to before); the shared
  // contract of every repository layout below. `root` is what is compared.
  void ExpectInstallRoundTrip(const std::string& repo, const std::string& root) {
    Snapshot before = TakeSnapshot(root);
    CommandResult first = Clef("install", repo);
    ASSERT_EQ(first.exit_code, 0) << first.output;
    Snapshot installed = TakeSnapshot(root);
    EXPECT_NE(DescribeDifference(before, installed), "");
    CommandResult second = Clef("install", repo);
    ASSERT_EQ(second.exit_code, 0) << second.output;
    EXPECT_NE(second.output.find("nothing to change"), std::string::npos) << second.output;
    EXPECT_EQ(DescribeDifference(installed, TakeSnapshot(root)), "");
    CommandResult removed = Clef("install --uninstall", repo);
    ASSERT_EQ(removed.exit_code, 0) << removed.output;
    EXPECT_EQ(DescribeDifference(before, TakeSnapshot(root)), "");
  }

  std::string Attr(const std::string& repo, const std::string& attribute, const std::string& path) {
    CommandResult r = Git("check-attr " + attribute + " -- " + path, repo);
    return r.output.substr(r.output.rfind(": ") + 2, r.output.size() - r.output.rfind(": ") - 3);
  }
};

TEST_F(InstallTest, FreshRepoGetsAttributesConfigAndHook) {
  std::string repo = MakeRepo();
  CommandResult r = Clef("install", repo);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* attr : {"merge", "diff", "filter"}) {
    EXPECT_EQ(Attr(repo, attr, "secrets/api/dev.enc.yaml"), "clef-sops") << attr;
    EXPECT_EQ(Attr(repo, attr, "a/b/prod.enc.json"), "clef-sops") << attr;
  }
  EXPECT_EQ(Attr(repo, "merge", "secrets/api/dev.clef-meta.yaml"), "clef-sops");
  EXPECT_EQ(Attr(repo, "filter", "secrets/api/dev.clef-meta.yaml"), "unspecified");
  EXPECT_EQ(Attr(repo, "merge", "README"), "unspecified");

  std::string tools = CLEF_TOOLS_DIR;
  EXPECT_EQ(Git("config merge.clef-sops.driver", repo).output,
            "'" + tools + "/clef-merge-driver' %O %A %B %L %P\n");
  EXPECT_EQ(Git("config diff.clef-sops.textconv", repo).output, "'" + tools + "/clef-filter' textconv\n");
  EXPECT_EQ(Git("config filter.clef-sops.process", repo).output, "'" + tools + "/clef-filter' process\n");
  EXPECT_EQ(Git("config filter.clef-sops.required", repo).output, "true\n");
  EXPECT_EQ(Git("config diff.clef-sops.cachetextconv", repo).exit_code, 1);

  std::string hook = repo + "/.git/hooks/pre-commit";
  EXPECT_EQ(access(hook.c_str(), X_OK), 0);
  EXPECT_NE(ReadText(hook).find(tools + "/clef-lint"), std::string::npos);
}

TEST_F(InstallTest, FreshRepoRoundTrip) {
  std::string repo = MakeRepo();
  ExpectInstallRoundTrip(repo, repo);
}

TEST_F(InstallTest, DryRunDescribesButChangesNothing) {
  std::string repo = MakeRepo();
  Snapshot before = TakeSnapshot(repo);
  CommandResult r = Clef("install --dry-run", repo);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("would set merge.clef-sops.driver"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("would install clef's pre-commit hook"), std::string::npos) << r.output;
  EXPECT_EQ(DescribeDifference(before, TakeSnapshot(repo)), "");
}

TEST_F(InstallTest, UninstallDryRunChangesNothing) {
  std::string repo = MakeRepo();
  ASSERT_EQ(Clef("install", repo).exit_code, 0);
  Snapshot installed = TakeSnapshot(repo);
  CommandResult r = Clef("install --uninstall --dry-run", repo);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("would delete clef's pre-commit hook"), std::string::npos) << r.output;
  EXPECT_EQ(DescribeDifference(installed, TakeSnapshot(repo)), "");
}

TEST_F(InstallTest, UninstallWithoutInstallChangesNothing) {
  std::string repo = MakeRepo();
  Snapshot before = TakeSnapshot(repo);
  CommandResult r = Clef("install --uninstall", repo);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("not installed"), std::string::npos) << r.output;
  EXPECT_EQ(DescribeDifference(before, TakeSnapshot(repo)), "");
}

TEST_F(InstallTest, ExistingHookStillRunsAfterInstall) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.git/hooks/pre-commit", "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/existing-hook-ran\"\n", 0755);
  ASSERT_EQ(Clef("install", repo).exit_code, 0);
  WriteText(repo + "/notes.txt", "x\n");
  Git("add notes.txt", repo);
  Git("commit -q -m notes", repo);  // clef-lint's verdict is not what this test is about
  EXPECT_EQ(ReadText(repo + "/.git/existing-hook-ran"), "ran\n");
}

TEST_F(InstallTest, FailingExistingHookStillBlocksTheCommit) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.git/hooks/pre-commit", "#!/bin/sh\necho 'existing hook says no' >&2\nexit 3\n", 0755);
  ASSERT_EQ(Clef("install", repo).exit_code, 0);
  WriteText(repo + "/notes.txt", "x\n");
  Git("add notes.txt", repo);
  CommandResult commit = Git("commit -q -m notes", repo);
  EXPECT_NE(commit.exit_code, 0);
  EXPECT_NE(commit.output.find("existing hook says no"), std::string::npos) << commit.output;
}

TEST_F(InstallTest, ExistingHookRoundTrip) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.git/hooks/pre-commit", "#!/bin/sh\nexit 0\n", 0750);
  ExpectInstallRoundTrip(repo, repo);
  EXPECT_EQ(ReadText(repo + "/.git/hooks/pre-commit"), "#!/bin/sh\nexit 0\n");
}

TEST_F(InstallTest, CoreHooksPathIsHonoured) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.githooks/pre-commit", "#!/bin/sh\nexit 0\n", 0755);
  Git("config core.hooksPath .githooks", repo);
  ASSERT_EQ(Clef("install", repo).exit_code, 0);
  EXPECT_NE(ReadText(repo + "/.githooks/pre-commit").find("clef-git pre-commit hook"), std::string::npos);
  EXPECT_EQ(ReadText(repo + "/.githooks/pre-commit.before-clef"), "#!/bin/sh\nexit 0\n");
  EXPECT_FALSE(fs::exists(repo + "/.git/hooks/pre-commit"));
  ASSERT_EQ(Clef("install --uninstall", repo).exit_code, 0);
}

TEST_F(InstallTest, CoreHooksPathRoundTrip) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.githooks/pre-commit", "#!/bin/sh\nexit 0\n", 0755);
  Git("config core.hooksPath .githooks", repo);
  ExpectInstallRoundTrip(repo, repo);
}

TEST_F(InstallTest, CoreHooksPathToAMissingFolderIsCreatedAndRemoved) {
  std::string repo = MakeRepo();
  Git("config core.hooksPath hooks-not-yet", repo);
  ExpectInstallRoundTrip(repo, repo);
  EXPECT_FALSE(fs::exists(repo + "/hooks-not-yet"));
}

TEST_F(InstallTest, HuskyHookGetsABlockInItsTrackedFile) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.husky/_/pre-commit", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n", 0755);
  WriteText(repo + "/.husky/pre-commit", "npm test\n", 0644);
  Git("config core.hooksPath .husky/_", repo);
  ASSERT_EQ(Clef("install", repo).exit_code, 0);
  std::string text = ReadText(repo + "/.husky/pre-commit");
  EXPECT_EQ(text.rfind("npm test\n# >>> clef-git", 0), 0u) << text;
  EXPECT_NE(text.find("\nclef-lint --staged\n"), std::string::npos) << text;
  EXPECT_EQ(ReadText(repo + "/.husky/_/pre-commit"), "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n");
}

TEST_F(InstallTest, HuskyRoundTrip) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.husky/pre-commit", "npm test\n", 0644);
  Git("config core.hooksPath .husky/_", repo);
  ExpectInstallRoundTrip(repo, repo);
}

TEST_F(InstallTest, LinkedWorktreeInstallsHookInTheCommonDir) {
  std::string repo = MakeRepo();
  ASSERT_EQ(Git("worktree add -q ../wt", repo).exit_code, 0);
  std::string wt = temp_ + "/wt";
  ASSERT_EQ(Clef("install", wt).exit_code, 0);
  EXPECT_NE(ReadText(repo + "/.git/hooks/pre-commit").find("clef-git pre-commit hook"), std::string::npos);
  EXPECT_NE(ReadText(wt + "/.gitattributes").find("merge=clef-sops"), std::string::npos);
  EXPECT_FALSE(fs::exists(repo + "/.gitattributes"));
  EXPECT_NE(Git("config merge.clef-sops.driver", repo).output.find("clef-merge-driver"), std::string::npos);
}

TEST_F(InstallTest, LinkedWorktreeRoundTrip) {
  std::string repo = MakeRepo();
  ASSERT_EQ(Git("worktree add -q ../wt", repo).exit_code, 0);
  // The whole temp folder: the main worktree with its .git and the linked one.
  ExpectInstallRoundTrip(temp_ + "/wt", temp_);
}

TEST_F(InstallTest, ExistingAttributesForTheSamePatternsAreKeptAndOverridden) {
  std::string repo = MakeRepo();
  std::string mine = "# Clef: SOPS-aware merge driver for encrypted files\n*.enc.yaml merge=sops\n*.enc.json -diff linguist-generated";
  WriteText(repo + "/.gitattributes", mine);  // no final newline
  ASSERT_EQ(Clef("install", repo).exit_code, 0);
  std::string text = ReadText(repo + "/.gitattributes");
  EXPECT_EQ(text.rfind(mine + "\n# >>> clef-git", 0), 0u) << text;
  EXPECT_EQ(Attr(repo, "merge", "s/dev.enc.yaml"), "clef-sops");
  EXPECT_EQ(Attr(repo, "diff", "s/dev.enc.json"), "clef-sops");
  EXPECT_EQ(Attr(repo, "linguist-generated", "s/dev.enc.json"), "set");
}

TEST_F(InstallTest, ExistingAttributesRoundTrip) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.gitattributes", "*.enc.yaml merge=sops\n*.png binary");
  ExpectInstallRoundTrip(repo, repo);
}

TEST_F(InstallTest, ClefManifestFilePatternIsRouted) {
  std::string repo = MakeRepo();
  WriteText(repo + "/clef.yaml",
            "version: 1\nenvironments:\n  - name: dev\n    description: Dev\nnamespaces:\n"
            "  - name: api\n    description: API\nsops:\n  default_backend: age\n"
            "file_pattern: \"vault/{namespace}/{environment}.yaml\"\n");
  ASSERT_EQ(Clef("install", repo).exit_code, 0);
  EXPECT_EQ(Attr(repo, "merge", "vault/api/dev.yaml"), "clef-sops");
  EXPECT_EQ(Attr(repo, "filter", "vault/api/dev.yaml"), "clef-sops");
  EXPECT_EQ(Attr(repo, "merge", "vault/api/dev.clef-meta.yaml"), "clef-sops");
  EXPECT_EQ(Attr(repo, "merge", "other/dev.yaml"), "unspecified");
}

TEST_F(InstallTest, SopsPathRegexRulesAreRoutedOrReported) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.sops.yaml",
            "creation_rules:\n"
            "  - path_regex: ^config/.*\\.yaml$\n    age: age1vtrtpzl7v46xd0r2cjueg5d2ertgzgk5scpz2lv434ynac5ycpnq5adeu2\n"
            "  - path_regex: (dev|prod)\\.json$\n    age: age1vtrtpzl7v46xd0r2cjueg5d2ertgzgk5scpz2lv434ynac5ycpnq5adeu2\n");
  CommandResult r = Clef("install", repo);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Attr(repo, "merge", "config/deep/app.yaml"), "clef-sops");
  EXPECT_EQ(Attr(repo, "merge", "config/app.yaml"), "clef-sops");
  EXPECT_EQ(Attr(repo, "merge", "other/app.yaml"), "unspecified");
  EXPECT_NE(r.output.find("(dev|prod)\\.json$"), std::string::npos) << r.output;
}

TEST_F(InstallTest, GlobalConfigGoesToHomeAndComesBack) {
  std::string repo = MakeRepo();
  Snapshot home_before = TakeSnapshot(home_);
  ASSERT_EQ(Clef("install --global", repo).exit_code, 0);
  EXPECT_NE(ReadText(home_ + "/.gitconfig").find("[merge \"clef-sops\"]"), std::string::npos);
  EXPECT_EQ(Git("config --local merge.clef-sops.driver", repo).exit_code, 1);
  ASSERT_EQ(Clef("install --global --uninstall", repo).exit_code, 0);
  EXPECT_EQ(DescribeDifference(home_before, TakeSnapshot(home_)), "");
}

TEST_F(InstallTest, GlobalUninstallKeepsTheUsersOwnGlobalConfigByteForByte) {
  std::string repo = MakeRepo();
  WriteText(home_ + "/.gitconfig", "[user]\n\tname = Someone\n[alias]\n\tst = status\n");
  Snapshot home_before = TakeSnapshot(home_);
  ASSERT_EQ(Clef("install --global", repo).exit_code, 0);
  ASSERT_EQ(Clef("install --global", repo).output.find("nothing to change") != std::string::npos, true);
  ASSERT_EQ(Clef("install --global --uninstall", repo).exit_code, 0);
  EXPECT_EQ(DescribeDifference(home_before, TakeSnapshot(home_)), "");
}

TEST_F(InstallTest, OutsideARepositoryIsAnError) {
  CommandResult r = Clef("install", home_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("not inside a git work tree"), std::string::npos) << r.output;
}

TEST_F(InstallTest, UnterminatedBlockIsAnErrorAndChangesNothing) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.gitattributes", "*.png binary\n# >>> clef-git: managed by `clef install`\n*.enc.yaml merge=clef-sops\n");
  Snapshot before = TakeSnapshot(repo);
  CommandResult r = Clef("install", repo);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find(".gitattributes:2"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("end marker"), std::string::npos) << r.output;
  EXPECT_EQ(DescribeDifference(before, TakeSnapshot(repo)), "");
}

TEST_F(InstallTest, ForeignHookBesideAnOldChainedHookIsAnErrorAndChangesNothing) {
  std::string repo = MakeRepo();
  WriteText(repo + "/.git/hooks/pre-commit", "#!/bin/sh\nexit 0\n", 0755);
  WriteText(repo + "/.git/hooks/pre-commit.before-clef", "#!/bin/sh\nexit 0\n", 0755);
  WriteText(repo + "/.gitattributes", "*.png binary\n");
  Snapshot hooks_before = TakeSnapshot(repo + "/.git/hooks");
  CommandResult r = Clef("install", repo);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("pre-commit.before-clef"), std::string::npos) << r.output;
  EXPECT_EQ(DescribeDifference(hooks_before, TakeSnapshot(repo + "/.git/hooks")), "");
}

TEST_F(InstallTest, HelpAndVersion) {
  std::string repo = MakeRepo();
  CommandResult help = Clef("install --help", repo);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--uninstall"), std::string::npos);
  CommandResult version = Clef("install --version", repo);
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output, std::string("clef-install ") + CLEF_VERSION + "\n");
}

}  // namespace
}  // namespace clef::install::testing

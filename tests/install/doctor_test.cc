// clef doctor on real repositories: healthy after install (exit 0), and each broken state
// (exit 1) named with the command that fixes it.
#include <sys/stat.h>

#include <filesystem>

#include "install/install_repo_support.h"

namespace fs = std::filesystem;

namespace clef::install::testing {
namespace {

constexpr const char* kRecipientA = "age1turugrjvgdqztgutwpg6x36xchgptlyylx395e4pt2u69ulk3asqamaq6s";
constexpr const char* kRecipientB = "age19vh2eu7zma8ycmfw7derzst78chcd3s4ze2tfdtremc6u45q9gqs7pwg86";

class DoctorTest : public InstallFixture {
 protected:
  // The tools clef install wires in; doctor can only be healthy when they are built.
  void RequireWiredTools() {
    for (const char* tool : {"clef-merge-driver", "clef-filter", "clef-lint"}) {
      if (!fs::exists(fs::path(CLEF_TOOLS_DIR) / tool)) {
        GTEST_SKIP() << tool << " is not built in " << CLEF_TOOLS_DIR << " yet";
      }
    }
  }

  std::string InstalledRepo() {
    std::string repo = MakeRepo();
    CommandResult r = Clef("install", repo);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return repo;
  }

  // The report lines for `subject`, from the subject to the next check.
  static std::string Entry(const std::string& report, const std::string& subject) {
    size_t at = report.find("  " + subject + ": ");
    if (at == std::string::npos) return "<no entry for " + subject + ">";
    at = report.rfind('\n', at) + 1;  // from the start of the line, with its status
    size_t end = report.find("\n  ", at + 1);
    while (end != std::string::npos && report.compare(end, 14, "\n          fix") == 0) {
      end = report.find("\n  ", end + 1);
    }
    return report.substr(at, end == std::string::npos ? std::string::npos : end - at);
  }
};

TEST_F(DoctorTest, HealthyAfterInstall) {
  RequireWiredTools();
  if (IsSkipped()) return;
  std::string repo = InstalledRepo();
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("healthy"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("FAIL"), std::string::npos) << r.output;
}

TEST_F(DoctorTest, NotInstalledNamesClefInstall) {
  std::string repo = MakeRepo();
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::string entry = Entry(r.output, ".gitattributes");
  EXPECT_NE(entry.find("FAIL"), std::string::npos) << r.output;
  EXPECT_NE(entry.find("fix: clef install"), std::string::npos) << r.output;
}

TEST_F(DoctorTest, ToolThatMovedIsAProblemNamingItsOldPath) {
  // Stand-ins, installed from a folder that then disappears (the "moved tool" case).
  std::string old_dir = temp_ + "/old-tools";
  for (const char* tool : {"clef-merge-driver", "clef-filter", "clef-lint"}) {
    WriteText(old_dir + "/" + tool, "#!/bin/sh\nexit 0\n", 0755);
  }
  std::string repo = MakeRepo();
  CommandResult install = RunShell("CLEF_TOOLS_DIR='" + old_dir + "' " + Tool("clef-install"), repo);
  ASSERT_EQ(install.exit_code, 0) << install.output;
  fs::rename(old_dir, temp_ + "/moved-tools");
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::string entry = Entry(r.output, "merge.clef-sops.driver");
  EXPECT_NE(entry.find(old_dir + "/clef-merge-driver, which is not there"), std::string::npos) << r.output;
  EXPECT_NE(entry.find("fix: clef install"), std::string::npos) << entry;
  EXPECT_NE(Entry(r.output, "diff.clef-sops.textconv").find("not there"), std::string::npos) << r.output;
  EXPECT_NE(Entry(r.output, repo + "/.git/hooks/pre-commit").find(old_dir + "/clef-lint, which is not there"),
            std::string::npos)
      << r.output;
}

TEST_F(DoctorTest, ReinstallFixesAMovedTool) {
  RequireWiredTools();
  if (IsSkipped()) return;
  std::string old_dir = temp_ + "/old-tools";
  for (const char* tool : {"clef-merge-driver", "clef-filter", "clef-lint"}) {
    WriteText(old_dir + "/" + tool, "#!/bin/sh\nexit 0\n", 0755);
  }
  std::string repo = MakeRepo();
  ASSERT_EQ(RunShell("CLEF_TOOLS_DIR='" + old_dir + "' " + Tool("clef-install"), repo).exit_code, 0);
  fs::remove_all(old_dir);
  ASSERT_EQ(Clef("doctor", repo).exit_code, 1);
  ASSERT_EQ(Clef("install", repo).exit_code, 0);
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(DoctorTest, AttributesWithoutConfigSayGitFallsBackToATextMerge) {
  std::string repo = InstalledRepo();
  ASSERT_EQ(Git("config --remove-section merge.clef-sops", repo).exit_code, 0);
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::string entry = Entry(r.output, "merge.clef-sops.driver");
  EXPECT_NE(entry.find("not set"), std::string::npos) << r.output;
  EXPECT_NE(entry.find("line merge of ciphertext"), std::string::npos) << entry;
  EXPECT_NE(entry.find("fix: clef install"), std::string::npos) << entry;
}

TEST_F(DoctorTest, MissingHookIsAProblem) {
  std::string repo = InstalledRepo();
  fs::remove(repo + "/.git/hooks/pre-commit");
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::string entry = Entry(r.output, repo + "/.git/hooks/pre-commit");
  EXPECT_NE(entry.find("no pre-commit hook"), std::string::npos) << r.output;
  EXPECT_NE(entry.find("fix: clef install"), std::string::npos) << entry;
}

TEST_F(DoctorTest, HookReplacedByAForeignOneIsNotChaining) {
  std::string repo = InstalledRepo();
  WriteText(repo + "/.git/hooks/pre-commit", "#!/bin/sh\nexit 0\n", 0755);
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::string entry = Entry(r.output, repo + "/.git/hooks/pre-commit");
  EXPECT_NE(entry.find("not clef's"), std::string::npos) << r.output;
  EXPECT_NE(entry.find("keeps this hook and runs it first"), std::string::npos) << entry;
}

TEST_F(DoctorTest, HookThatIsNotExecutableIsAProblem) {
  std::string repo = InstalledRepo();
  std::string hook = repo + "/.git/hooks/pre-commit";
  chmod(hook.c_str(), 0644);
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(Entry(r.output, hook).find("fix: chmod +x " + hook), std::string::npos) << r.output;
}

TEST_F(DoctorTest, CachedTextconvIsAProblem) {
  std::string repo = InstalledRepo();
  Git("config diff.clef-sops.cachetextconv true", repo);
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(Entry(r.output, "diff.clef-sops.cachetextconv").find("git config --unset diff.clef-sops.cachetextconv"),
            std::string::npos)
      << r.output;
}

TEST_F(DoctorTest, FilterNotRequiredIsAProblem) {
  std::string repo = InstalledRepo();
  Git("config filter.clef-sops.required false", repo);
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(Entry(r.output, "filter.clef-sops.required").find("fix: git config filter.clef-sops.required true"),
            std::string::npos)
      << r.output;
}

TEST_F(DoctorTest, LaterAttributeLineOverridingTheBlockIsAProblem) {
  std::string repo = MakeRepo();
  WriteText(repo + "/s/dev.enc.yaml", "a: 1\n");
  ASSERT_EQ(Git("add s/dev.enc.yaml", repo).exit_code, 0);  // doctor samples tracked files
  ASSERT_EQ(Clef("install", repo).exit_code, 0);
  WriteText(repo + "/.gitattributes", ReadText(repo + "/.gitattributes") + "*.enc.yaml merge=sops\n");
  CommandResult r = Clef("doctor", repo);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(Entry(r.output, "s/dev.enc.yaml").find("merge is 'sops'"), std::string::npos) << r.output;
}

TEST_F(DoctorTest, ReportsIdentitiesPerEnvironmentFromPublicKeysOnly) {
  std::string repo = MakeRepo();
  WriteText(repo + "/clef.yaml",
            std::string("version: 1\nenvironments:\n  - name: dev\n    description: Dev\n"
                        "    recipients: [") + kRecipientA + "]\n  - name: production\n    description: Prod\n"
                        "    recipients: [" + kRecipientB + "]\nnamespaces:\n  - name: api\n    description: API\n"
                        "sops:\n  default_backend: age\nfile_pattern: \"secrets/{namespace}/{environment}.enc.yaml\"\n");
  std::string identity = std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/identity-a.txt";
  CommandResult r = RunShell("SOPS_AGE_KEY_FILE='" + identity + "' " + Tool("clef-doctor"), repo);
  EXPECT_NE(Entry(r.output, "environment dev").find("can decrypt: local age identity"), std::string::npos) << r.output;
  EXPECT_NE(Entry(r.output, "environment production").find("no local identity"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("AGE-SECRET-KEY"), std::string::npos);
}

TEST_F(DoctorTest, JsonReportHasStableFields) {
  std::string repo = MakeRepo();
  CommandResult r = Clef("doctor --format json", repo);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("\"healthy\": false"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"status\": \"problem\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"fix\": \"clef install\""), std::string::npos) << r.output;
}

TEST_F(DoctorTest, OutsideARepositoryIsAnError) {
  CommandResult r = Clef("doctor", home_);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("not inside a git work tree"), std::string::npos) << r.output;
}

TEST_F(DoctorTest, HelpAndVersion) {
  std::string repo = MakeRepo();
  EXPECT_EQ(Clef("doctor --help", repo).exit_code, 0);
  EXPECT_EQ(Clef("doctor --version", repo).output, std::string("clef-doctor ") + CLEF_VERSION + "\n");
}

}  // namespace
}  // namespace clef::install::testing

// The matrix of a Clef manifest, the repo-kind detector, and the filesystem seam.
#include "core/manifest/matrix.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/manifest/repo_files.h"
#include "core/manifest/repo_kind.h"
#include "manifest/manifest_example.h"

namespace clef::manifest {
namespace {

namespace fs = std::filesystem;

Manifest Example() {
  Result<Manifest> m = ParseManifest(testing::kCompleteExample);
  EXPECT_TRUE(m.ok());
  return *m;
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "clef-manifest-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void Write(const std::string& rel, const std::string& content) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << content;
  }

 private:
  fs::path path_;
};

TEST(Matrix, CellsAreNamespaceMajorWithPatternPaths) {
  MemoryFiles files;
  Matrix m = BuildMatrix(Example(), nullptr, files);
  ASSERT_EQ(m.cells.size(), 6u);
  EXPECT_EQ(m.cells[0].path, "secrets/database/dev.enc.yaml");
  EXPECT_EQ(m.cells[1].path, "secrets/database/staging.enc.yaml");
  EXPECT_EQ(m.cells[3].path, "secrets/payments/dev.enc.yaml");
  EXPECT_EQ(m.cells[5].sidecar_path, "secrets/payments/production.clef-meta.yaml");
  EXPECT_TRUE(m.cells[2].is_protected);
  EXPECT_EQ(m.cells[2].backend, Backend::kAwsKms);
}

TEST(Matrix, ExistenceIsAskedOfTheGivenFiles) {
  MemoryFiles files;
  files.Put("secrets/payments/staging.enc.yaml", "sops: {}\n");
  Matrix m = BuildMatrix(Example(), nullptr, files);
  EXPECT_TRUE(m.Find("payments", "staging")->exists);
  EXPECT_FALSE(m.Find("payments", "dev")->exists);
  EXPECT_EQ(m.MissingCount(), 5);
  EXPECT_EQ(m.FindByPath("secrets/payments/staging.enc.yaml")->env, "staging");
}

TEST(Matrix, DeclaredRecipientsComeFromTheEnvironment) {
  MemoryFiles files;
  Matrix m = BuildMatrix(Example(), nullptr, files);
  const MatrixCell* staging = m.Find("database", "staging");
  ASSERT_EQ(staging->declared.size(), 2u);
  EXPECT_EQ(staging->declared[0].label, "ops-team");
  EXPECT_EQ(m.Find("database", "production")->declared.at(0).kind, RecipientKind::kAwsKms);
  EXPECT_EQ(staging->rule_index, -1);
}

TEST(Matrix, GoverningSopsRuleIsRecordedPerCell) {
  Result<SopsConfig> config = ParseSopsConfig(
      "creation_rules:\n  - path_regex: /production\\.enc\\.yaml$\n    kms: arn:aws:kms:x\n"
      "  - path_regex: ^secrets/\n    age: age1a,age1b\n");
  ASSERT_TRUE(config.ok());
  MemoryFiles files;
  Matrix m = BuildMatrix(Example(), &*config, files);
  EXPECT_EQ(m.Find("payments", "production")->rule_index, 0);
  EXPECT_EQ(m.Find("payments", "dev")->rule_index, 1);
  EXPECT_EQ(m.Find("payments", "dev")->rule_recipients.size(), 2u);
}

TEST(RepoKind, ClefYamlMakesAClefRepo) {
  MemoryFiles files;
  files.Put("clef.yaml", "x");
  files.Put(".sops.yaml", "x");
  EXPECT_EQ(*DetectRepoKind(files), RepoKind::kClef);
}

TEST(RepoKind, SopsYamlAloneMakesASopsRepo) {
  MemoryFiles files;
  files.Put(".sops.yaml", "creation_rules: []\n");
  EXPECT_EQ(*DetectRepoKind(files), RepoKind::kSops);
}

TEST(RepoKind, EncFilesAloneMakeASopsRepo) {
  MemoryFiles files;
  files.Put("deploy/app.enc.env", "A=1\n");
  EXPECT_EQ(*DetectRepoKind(files), RepoKind::kSops);
}

TEST(RepoKind, OrdinaryFilesAreNeither) {
  MemoryFiles files;
  files.Put("README.md", "hi");
  files.Put("config.yaml", "a: 1");
  EXPECT_EQ(*DetectRepoKind(files), RepoKind::kNone);
}

TEST(RepoKind, CandidatesAreEncNamesAndPathRegexMatchesButNotConfigFiles) {
  MemoryFiles files;
  files.Put(".sops.yaml", "");
  files.Put("a.enc.json", "");
  files.Put("k8s/secret.yaml", "");
  files.Put("k8s/deploy.yaml", "");
  files.Put("x/dev.clef-meta.yaml", "");
  Result<SopsConfig> config = ParseSopsConfig(
      "creation_rules:\n  - path_regex: secret\\.yaml$\n    age: age1a\n  - age: age1b\n");
  ASSERT_TRUE(config.ok());
  Result<std::vector<std::string>> c = SopsFileCandidates(files, &*config);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, (std::vector<std::string>{"a.enc.json", "k8s/secret.yaml"}));
}

TEST(WorkingTreeFiles, ReadsExistingFilesAndReportsAbsence) {
  TempDir dir;
  dir.Write("clef.yaml", "version: 1\n");
  WorkingTreeFiles files(dir.path());
  Result<std::optional<std::string>> text = files.Read("clef.yaml");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(**text, "version: 1\n");
  EXPECT_FALSE(files.Read("nope.yaml")->has_value());
  EXPECT_TRUE(files.Exists("clef.yaml"));
  EXPECT_FALSE(files.Exists("nope.yaml"));
}

TEST(WorkingTreeFiles, ListSkipsGitAndIsSorted) {
  TempDir dir;
  dir.Write("b/x.enc.yaml", "");
  dir.Write("a.txt", "");
  dir.Write(".git/config", "");
  Result<std::vector<std::string>> list = WorkingTreeFiles(dir.path()).List();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, (std::vector<std::string>{"a.txt", "b/x.enc.yaml"}));
}

TEST(WorkingTreeFiles, AFolderWhereAFileShouldBeIsAnError) {
  TempDir dir;
  fs::create_directories(dir.path() / "clef.yaml");
  Result<std::optional<std::string>> text = WorkingTreeFiles(dir.path()).Read("clef.yaml");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().file, "clef.yaml");
  EXPECT_EQ(text.error().message, "is not a regular file");
}

TEST(WorkingTreeFiles, UnreadableFileIsAnErrorNamingIt) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads files regardless of permissions";
  TempDir dir;
  dir.Write("clef.yaml", "version: 1\n");
  fs::permissions(dir.path() / "clef.yaml", fs::perms::none);
  Result<std::optional<std::string>> text = WorkingTreeFiles(dir.path()).Read("clef.yaml");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().file, "clef.yaml");
}

TEST(WorkingTreeFiles, ListingAMissingFolderIsAnError) {
  Result<std::vector<std::string>> list = WorkingTreeFiles("/nonexistent/clef-test").List();
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.error().message.find("cannot list the repository"), std::string::npos);
}

TEST(FindRepoRoot, PrefersTheNearestClefYaml) {
  TempDir dir;
  dir.Write(".git/HEAD", "");
  dir.Write("secrets/clef.yaml", "");
  dir.Write("secrets/api/x", "");
  EXPECT_EQ(FindRepoRoot(dir.path() / "secrets/api"), dir.path() / "secrets");
  EXPECT_EQ(FindRepoRoot(dir.path()), dir.path());
}

}  // namespace
}  // namespace clef::manifest

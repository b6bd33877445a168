// BuildStatus through the RepoFiles seam, on files the real sops 3.12.2 wrote.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/manifest/repo_files.h"
#include "core/manifest/status.h"

namespace clef::manifest {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  EXPECT_FALSE(out.str().empty()) << name;
  return out.str();
}

constexpr const char* kManifest =
    "version: 1\n"
    "environments:\n  - {name: dev, description: d}\n  - {name: prod, description: p}\n"
    "namespaces:\n  - {name: app, description: a}\n"
    "sops: {default_backend: age}\n"
    "file_pattern: \"{namespace}/{environment}.enc.yaml\"\n";

TEST(Status, ClefCellsReportStateRecipientsAndKeys) {
  MemoryFiles files;
  files.Put("clef.yaml", kManifest);
  files.Put("app/dev.enc.yaml", Fixture("rich.two-recipients.enc.yaml"));
  Result<StatusReport> r = BuildStatus(files);
  ASSERT_TRUE(r.ok()) << r.error().Describe();
  ASSERT_EQ(r->files.size(), 2u);
  const FileStatus& dev = r->files[0];
  EXPECT_EQ(dev.state, FileState::kEncrypted);
  EXPECT_EQ(dev.recipients_by_type[0], 2);
  EXPECT_EQ(dev.recipient_total, 2);
  EXPECT_EQ(dev.lastmodified, "2026-11-28T18:17:51Z");
  EXPECT_EQ(dev.sops_version, "3.12.2");
  EXPECT_GT(dev.key_count, 0);
  EXPECT_FALSE(dev.recipients_as_declared.has_value());  // clef.yaml declares no recipient
  EXPECT_EQ(r->files[1].state, FileState::kMissing);
  EXPECT_EQ(r->CountIn(FileState::kMissing), 1);
}

TEST(Status, PlainFileAndBrokenFileAreReportedNotFatal) {
  MemoryFiles files;
  files.Put("clef.yaml", kManifest);
  files.Put("app/dev.enc.yaml", Fixture("flat.yaml"));
  files.Put("app/prod.enc.yaml", "a: [unclosed\n");
  Result<StatusReport> r = BuildStatus(files);
  ASSERT_TRUE(r.ok()) << r.error().Describe();
  EXPECT_EQ(r->files[0].state, FileState::kNotSops);
  EXPECT_EQ(r->files[1].state, FileState::kInvalid);
  EXPECT_NE(r->files[1].problem.find("app/prod.enc.yaml"), std::string::npos);
}

TEST(Status, SopsRepoListsEncFilesWithTheirRule) {
  MemoryFiles files;
  files.Put(".sops.yaml",
            "creation_rules:\n  - age: age1turugrjvgdqztgutwpg6x36xchgptlyylx395e4pt2u69ulk3asqamaq6s\n");
  files.Put("flat.enc.env", Fixture("flat.enc.env"));
  files.Put("rich.enc.json", Fixture("rich.enc.json"));
  Result<StatusReport> r = BuildStatus(files);
  ASSERT_TRUE(r.ok()) << r.error().Describe();
  ASSERT_EQ(r->files.size(), 2u);
  EXPECT_EQ(r->kind, RepoKind::kSops);
  EXPECT_EQ(r->files[0].path, "flat.enc.env");
  EXPECT_EQ(r->files[0].state, FileState::kEncrypted);
  EXPECT_EQ(r->files[0].rule_index, 0);
  EXPECT_EQ(r->files[1].state, FileState::kEncrypted);
  std::string json = StatusJson(*r);
  EXPECT_NE(json.find("\"kind\": \"sops\""), std::string::npos);
  EXPECT_NE(json.find("\"sops_rule\": 0"), std::string::npos);
}

TEST(Status, InvalidManifestIsTheError) {
  MemoryFiles files;
  files.Put("clef.yaml", "version: 1\n");
  Result<StatusReport> r = BuildStatus(files);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Missing required field 'environments'. Define at least one environment.");
}

TEST(Status, InvalidSopsConfigIsTheError) {
  MemoryFiles files;
  files.Put(".sops.yaml", "creation_rules:\n  - path_regex: \"(\"\n");
  Result<StatusReport> r = BuildStatus(files);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().file, ".sops.yaml");
  EXPECT_EQ(r.error().line, 2);
}

TEST(Status, NeitherKindIsAnError) {
  MemoryFiles files;
  files.Put("README.md", "x");
  Result<StatusReport> r = BuildStatus(files);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("not a Clef or SOPS repository", 0), 0u);
}

}  // namespace
}  // namespace clef::manifest

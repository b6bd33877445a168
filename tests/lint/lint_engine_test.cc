// clef lint on working trees: each check fires on the input that should trigger it, with the
// file, line and key path, and never with a secret value.
#include "precommit/lint_engine.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/git/handles.h"
#include "precommit/lint_output.h"

namespace clef::lint {
namespace {

namespace fs = std::filesystem;
const std::string kData = std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/";
const char* kKeyA = "age1turugrjvgdqztgutwpg6x36xchgptlyylx395e4pt2u69ulk3asqamaq6s";

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class LintTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::temp_directory_path() / ("clef-lint-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "secrets/app");
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }
  void Manifest(const std::string& extra_recipient = "") {
    std::string m =
        "version: 1\nenvironments:\n  - name: dev\n    description: d\n  - name: prod\n"
        "    description: p\nnamespaces:\n  - name: app\n    description: a\nsops:\n"
        "  default_backend: age\n  age:\n    recipients:\n      - " +
        std::string(kKeyA) + "\n" +
        (extra_recipient.empty() ? "" : "      - " + extra_recipient + "\n") +
        "file_pattern: \"secrets/{namespace}/{environment}.enc.yaml\"\n";
    Write("clef.yaml", m);
  }
  void CopyFixture(const std::string& fixture, const std::string& rel) {
    Write(rel, ReadAll(kData + fixture));
  }
  LintReport Lint() {
    LintOptions o;
    o.start_dir = root_.string();
    auto r = RunLint(o);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().Describe());
    return r.ok() ? *r : LintReport{};
  }
  static const Problem* Find(const LintReport& r, const std::string& check) {
    for (const auto& p : r.problems)
      if (p.check == check) return &p;
    return nullptr;
  }

  git::LibGit2 libgit2_;
  fs::path root_;
};

TEST_F(LintTest, CompleteClefRepositoryHasNoProblems) {
  Manifest();
  Write(".gitattributes", "*.enc.yaml merge=clef-sops diff=clef-sops\n");
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  LintReport r = Lint();
  EXPECT_EQ(r.kind, manifest::RepoKind::kClef);
  EXPECT_EQ(r.files_checked, 2);
  EXPECT_TRUE(r.problems.empty()) << LintText(r);
  EXPECT_FALSE(r.HasErrors());
}

TEST_F(LintTest, EncryptedFilesNotRoutedToClefDriversIsInfo) {
  Manifest();
  Write(".gitattributes", "*.enc.yaml diff=clef-sops\n");  // no merge driver
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  LintReport r = Lint();
  const Problem* p = Find(r, "attributes.not-routed");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->severity, Severity::kInfo);
  EXPECT_NE(p->message.find("2 encrypted file"), std::string::npos) << p->message;
  EXPECT_FALSE(r.HasErrors());
}

TEST_F(LintTest, PendingPlaceholderInSidecarIsAWarning) {
  Manifest();
  Write(".gitattributes", "secrets/**/*.enc.yaml merge=clef-sops diff=clef-sops\n");
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  Write("secrets/app/prod.clef-meta.yaml",
        "version: 1\npending:\n  - key: API_TOKEN\n    since: \"2026-01-01T00:00:00Z\"\n"
        "    setBy: alice@example.com\n");
  LintReport r = Lint();
  EXPECT_EQ(Find(r, "attributes.not-routed"), nullptr) << LintText(r);
  const Problem* p = Find(r, "keys.pending");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->path, "secrets/app/prod.clef-meta.yaml");
  EXPECT_EQ(p->key_path, "API_TOKEN");
  EXPECT_EQ(p->line, 3);
}

TEST_F(LintTest, MissingCellIsAnError) {
  Manifest();
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  LintReport r = Lint();
  const Problem* p = Find(r, "matrix.missing-cell");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->path, "secrets/app/prod.enc.yaml");
  EXPECT_EQ(p->severity, Severity::kError);
  EXPECT_TRUE(r.HasErrors());
}

TEST_F(LintTest, FileInSecretsTreeMatchingNoCellIsAWarning) {
  Manifest();
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/qa.enc.yaml");
  LintReport r = Lint();
  const Problem* p = Find(r, "matrix.unknown-file");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->path, "secrets/app/qa.enc.yaml");
  EXPECT_EQ(p->severity, Severity::kWarning);
}

TEST_F(LintTest, KeyMissingInOneEnvironmentIsDrift) {
  Manifest();
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  // The same file without its API_TOKEN entry (the MAC no longer matches: lint is keyless).
  std::string text = ReadAll(kData + "flat.enc.yaml");
  size_t at = text.find("API_TOKEN:");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, text.find('\n', at) - at + 1);
  Write("secrets/app/prod.enc.yaml", text);
  LintReport r = Lint();
  const Problem* p = Find(r, "keys.drift");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->path, "secrets/app/prod.enc.yaml");
  EXPECT_EQ(p->key_path, "API_TOKEN");
  EXPECT_EQ(p->severity, Severity::kWarning);
}

TEST_F(LintTest, RecipientInFileButNotDeclaredIsAnError) {
  Manifest();
  CopyFixture("rich.two-recipients.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("rich.two-recipients.enc.yaml", "secrets/app/prod.enc.yaml");
  LintReport r = Lint();
  const Problem* p = Find(r, "recipients.undeclared");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->severity, Severity::kError);
}

TEST_F(LintTest, DeclaredRecipientMissingFromFileIsAWarningWithUpdatekeys) {
  Manifest("age1en5teedut0u3z7pv2hdqeqdv2v4acujwqgh65nrrxpaz6vhudy7q0x3rju");
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  LintReport r = Lint();
  const Problem* p = Find(r, "recipients.missing");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->severity, Severity::kWarning);
  EXPECT_NE(p->fix.find("sops updatekeys"), std::string::npos);
  EXPECT_FALSE(r.HasErrors()) << LintText(r);
}

TEST_F(LintTest, MalformedManifestIsAProblemWithLine) {
  Write("clef.yaml", "version: 1\nenvironments: [\n");
  LintReport r = Lint();
  const Problem* p = Find(r, "manifest.invalid");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->path, "clef.yaml");
  EXPECT_GT(p->line, 0);
}

TEST_F(LintTest, BinaryFileAtACellIsNotEncrypted) {
  Manifest();
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  Write("secrets/app/prod.enc.yaml", std::string("\x7f"
                                                 "ELF\0\0\x01",
                                                 7));
  LintReport r = Lint();
  const Problem* p = Find(r, "sops.not-encrypted");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->path, "secrets/app/prod.enc.yaml");
}

TEST_F(LintTest, PlaintextValueNamesKeyPathAndLineNeverTheValue) {
  Manifest();
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  std::string text = ReadAll(kData + "flat.enc.yaml");
  size_t at = text.find("API_TOKEN: ENC[");
  ASSERT_NE(at, std::string::npos);
  size_t end = text.find('\n', at);
  text.replace(at, end - at, "API_TOKEN: tok_leaked_value_123");
  Write("secrets/app/prod.enc.yaml", text);
  LintReport r = Lint();
  const Problem* p = Find(r, "sops.plaintext-value");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->key_path, "API_TOKEN");
  EXPECT_EQ(p->line, 4);
  EXPECT_EQ(LintText(r).find("tok_leaked_value_123"), std::string::npos);
  EXPECT_EQ(LintJson(r).find("tok_leaked_value_123"), std::string::npos);
}

TEST_F(LintTest, FileWithoutMacIsAnError) {
  Manifest();
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  std::string text = ReadAll(kData + "flat.enc.yaml");
  size_t at = text.find("    mac: ");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, text.find('\n', at) - at + 1);
  Write("secrets/app/prod.enc.yaml", text);
  LintReport r = Lint();
  ASSERT_NE(Find(r, "sops.no-mac"), nullptr) << LintText(r);
}

TEST_F(LintTest, MacOnlyEncryptedIsAWarning) {
  Manifest();
  CopyFixture("flat.mac-only-encrypted.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.mac-only-encrypted.enc.yaml", "secrets/app/prod.enc.yaml");
  LintReport r = Lint();
  const Problem* p = Find(r, "sops.mac-only-encrypted");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->severity, Severity::kWarning);
}

TEST_F(LintTest, RepositoryWithoutSecretsSaysSoAndPasses) {
  Write("README", "hello\n");
  LintReport r = Lint();
  EXPECT_EQ(r.kind, manifest::RepoKind::kNone);
  EXPECT_NE(r.note.find("nothing to lint"), std::string::npos);
  EXPECT_FALSE(r.HasErrors());
}

TEST_F(LintTest, PlainSopsRepositoryChecksEncFilesAndInvalidConfig) {
  Write(".sops.yaml", "creation_rules:\n  - path_regex: '(['\n");
  LintReport r = Lint();
  const Problem* p = Find(r, "sops-config.invalid");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->path, ".sops.yaml");
}

TEST_F(LintTest, SecretInPlaintextFileIsRedacted) {
  ASSERT_EQ(std::system(("git init -q " + root_.string()).c_str()), 0);
  Manifest();
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  Write("app.py", "aws = \"AKIAIOSFODNN7EXAMPLQ\"\n");
  LintReport r = Lint();
  const Problem* found = nullptr;
  for (const auto& p : r.problems)
    if (p.check.rfind("secret.", 0) == 0) found = &p;
  ASSERT_NE(found, nullptr) << LintText(r);
  EXPECT_EQ(found->path, "app.py");
  EXPECT_EQ(found->line, 1);
  EXPECT_EQ(LintJson(r).find("AKIAIOSFODNN7EXAMPLQ"), std::string::npos);
}

}  // namespace
}  // namespace clef::lint

// clef lint on working trees: each check fires on the input that should trigger it, with the
// file, line and key path, and never with a secret value.
#include "precommit/lint_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/git/handles.h"
#include "precommit/lint_output.h"
#include "precommit/lint_schema.h"

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
  LintReport Lint(bool verify = false, int64_t now = 0) {
    LintOptions o;
    o.start_dir = root_.string();
    o.verify = verify;
    o.now = now;
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


// --- lines of sops-block problems ------------------------------------------------------------

TEST_F(LintTest, SopsBlockProblemsCarryTheLineOfTheField) {
  Manifest();
  std::string text = ReadAll(kData + "flat.enc.yaml");
  size_t at = text.find("    mac: ");
  text.erase(at, text.find('\n', at) - at + 1);
  Write("secrets/app/dev.enc.yaml", text);
  CopyFixture("rich.two-recipients.enc.yaml", "secrets/app/prod.enc.yaml");
  LintReport r = Lint();
  const Problem* no_mac = Find(r, "sops.no-mac");
  ASSERT_NE(no_mac, nullptr) << LintText(r);
  EXPECT_EQ(no_mac->line, 5);  // `sops:`
  const Problem* undeclared = Find(r, "recipients.undeclared");
  ASSERT_NE(undeclared, nullptr) << LintText(r);
  std::string prod = ReadAll(kData + "rich.two-recipients.enc.yaml");
  size_t rec = prod.find("recipient: age1", prod.find("recipient: age1") + 1);
  int expected = 1 + static_cast<int>(std::count(prod.begin(), prod.begin() + rec, '\n'));
  EXPECT_EQ(undeclared->line, expected) << LintText(r);
}

// --- schemas ---------------------------------------------------------------------------------

class LintSchemaTest : public LintTest {
 protected:
  void ManifestWithSchema(const std::string& schema) {
    Manifest();
    std::string m = ReadAll(root_ / "clef.yaml");
    size_t at = m.find("    description: a\n") + std::string("    description: a\n").size();
    m.insert(at, "    schema: schemas/app.yaml\n");
    Write("clef.yaml", m);
    Write("schemas/app.yaml", schema);
    Write(".gitattributes", "*.enc.yaml merge=clef-sops diff=clef-sops\n");
    CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
    CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  }
};

TEST_F(LintSchemaTest, RequiredKeyMissingIsAnErrorAndUndeclaredKeyAWarning) {
  ManifestWithSchema(
      "keys:\n  DB_HOST: {type: string, required: true}\n  DB_PORT: {type: integer}\n"
      "  DB_PASSWORD: {type: string}\n  SMTP_URL: {type: string, required: true}\n");
  LintReport r = Lint();
  const Problem* missing = Find(r, "schema.missing-key");
  ASSERT_NE(missing, nullptr) << LintText(r);
  EXPECT_EQ(missing->severity, Severity::kError);
  EXPECT_EQ(missing->key_path, "SMTP_URL");
  EXPECT_NE(missing->message.find("schemas/app.yaml:5"), std::string::npos) << missing->message;
  const Problem* undeclared = Find(r, "schema.undeclared-key");
  ASSERT_NE(undeclared, nullptr) << LintText(r);
  EXPECT_EQ(undeclared->key_path, "API_TOKEN");
  EXPECT_EQ(undeclared->line, 4);
  EXPECT_EQ(undeclared->severity, Severity::kWarning);
}

TEST_F(LintSchemaTest, AnUnreadableSchemaIsReportedOnceWithItsLine) {
  ManifestWithSchema("keys:\n  DB_HOST: {type: uuid}\n");
  LintReport r = Lint();
  int count = 0;
  for (const auto& p : r.problems) count += p.check == "schema.invalid" ? 1 : 0;
  EXPECT_EQ(count, 1) << LintText(r);
  const Problem* p = Find(r, "schema.invalid");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->path, "schemas/app.yaml");
  EXPECT_EQ(p->line, 2);
  EXPECT_NE(p->message.find("string, integer or boolean"), std::string::npos) << p->message;
}

// --- --verify --------------------------------------------------------------------------------

// Points the identity lookup at one identity file only (no SOPS_AGE_KEY, no ~/.config).
class LintVerifyTest : public LintSchemaTest {
 protected:
  void UseIdentity(const std::string& file) {
    for (const char* v : {"SOPS_AGE_KEY", "CLEF_AGE_KEY", "CLEF_AGE_KEY_FILE", "SOPS_AGE_KEY_CMD"})
      unsetenv(v);
    setenv("XDG_CONFIG_HOME", (root_ / "no-config").c_str(), 1);
    setenv("SOPS_AGE_KEY_FILE", (kData + file).c_str(), 1);
  }
  void TearDown() override {
    unsetenv("SOPS_AGE_KEY_FILE");
    unsetenv("XDG_CONFIG_HOME");
    LintTest::TearDown();
  }
};

TEST_F(LintVerifyTest, IntactFilesVerifyAndAreCounted) {
  UseIdentity("identity-a.txt");
  ManifestWithSchema(
      "keys:\n  DB_HOST: {type: string, pattern: \"^[a-z.]+$\"}\n  DB_PORT: {type: integer}\n"
      "  DB_PASSWORD: {type: string}\n  API_TOKEN: {type: string, pattern: \"^tok_\"}\n");
  LintReport r = Lint(/*verify=*/true);
  EXPECT_FALSE(r.HasErrors()) << LintText(r);
  EXPECT_EQ(r.files_verified, 2);
  EXPECT_NE(LintText(r).find("2 MACs verified"), std::string::npos) << LintText(r);
  EXPECT_NE(LintJson(r).find("\"files_verified\": 2"), std::string::npos) << LintJson(r);
}

TEST_F(LintVerifyTest, ATamperedValueIsAMacErrorByKeyPath) {
  UseIdentity("identity-a.txt");
  ManifestWithSchema("keys:\n  DB_HOST: {}\n  DB_PORT: {}\n  DB_PASSWORD: {}\n  API_TOKEN: {}\n");
  std::string text = ReadAll(kData + "flat.enc.yaml");
  size_t at = text.find("data:", text.find("DB_PASSWORD:")) + 5;
  text[at] = text[at] == 'A' ? 'B' : 'A';
  Write("secrets/app/prod.enc.yaml", text);
  EXPECT_FALSE(Lint().HasErrors()) << "without --verify a tampered ciphertext looks fine";
  LintReport r = Lint(/*verify=*/true);
  const Problem* p = Find(r, "sops.mac-mismatch");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->path, "secrets/app/prod.enc.yaml");
  EXPECT_NE(p->message.find("DB_PASSWORD"), std::string::npos) << p->message;
  EXPECT_EQ(p->line, 3);
  EXPECT_EQ(r.files_verified, 1);
}

TEST_F(LintVerifyTest, AFileNoLocalIdentityOpensIsAWarningNotAnError) {
  UseIdentity("identity-b.txt");
  ManifestWithSchema("keys:\n  DB_HOST: {}\n  DB_PORT: {}\n  DB_PASSWORD: {}\n  API_TOKEN: {}\n");
  LintReport r = Lint(/*verify=*/true);
  const Problem* p = Find(r, "sops.unverified");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->severity, Severity::kWarning);
  EXPECT_FALSE(r.HasErrors()) << LintText(r);
  EXPECT_EQ(r.files_verified, 0);
  EXPECT_EQ(LintText(r).find("AGE-SECRET-KEY"), std::string::npos);
}

TEST_F(LintVerifyTest, SchemaTypesAndPatternsAreCheckedWithoutShowingValues) {
  UseIdentity("identity-a.txt");
  ManifestWithSchema(
      "keys:\n  DB_HOST: {type: integer}\n  DB_PORT: {type: boolean}\n"
      "  DB_PASSWORD: {type: string, pattern: \"^[a-z]+$\"}\n  API_TOKEN: {type: string}\n");
  LintReport r = Lint(/*verify=*/true);
  std::map<std::string, const Problem*> by_key;
  for (const auto& p : r.problems)
    if (p.check == "schema.invalid-value" && p.path == "secrets/app/dev.enc.yaml")
      by_key[p.key_path] = &p;
  ASSERT_EQ(by_key.size(), 3u) << LintText(r);
  EXPECT_NE(by_key["DB_HOST"]->message.find("is not an integer"), std::string::npos);
  EXPECT_EQ(by_key["DB_HOST"]->line, 1);
  EXPECT_NE(by_key["DB_PORT"]->message.find("is not a boolean"), std::string::npos);
  EXPECT_NE(by_key["DB_PASSWORD"]->message.find("does not match the pattern"), std::string::npos);
  for (const std::string& out : {LintText(r), LintJson(r)}) {
    for (const char* value : {"localhost", "5432", "s3cr3t", "tok_0123456789abcdef"})
      EXPECT_EQ(out.find(value), std::string::npos) << value;
  }
}

TEST(LintSchemaValue, BooleansAndIntegersAsSopsStoresThem) {
  SchemaKey integer;
  integer.type = SchemaType::kInteger;
  EXPECT_EQ(CheckSchemaValue(integer, sops::ValueType::kInt, "42"), "");
  EXPECT_EQ(CheckSchemaValue(integer, sops::ValueType::kStr, "-7"), "");
  EXPECT_NE(CheckSchemaValue(integer, sops::ValueType::kStr, "4.2"), "");
  EXPECT_NE(CheckSchemaValue(integer, sops::ValueType::kStr, ""), "");
  SchemaKey boolean;
  boolean.type = SchemaType::kBoolean;
  EXPECT_EQ(CheckSchemaValue(boolean, sops::ValueType::kBool, "True"), "");
  EXPECT_EQ(CheckSchemaValue(boolean, sops::ValueType::kStr, "FALSE"), "");
  EXPECT_NE(CheckSchemaValue(boolean, sops::ValueType::kStr, "yes"), "");
}

// --- rotation policy and sidecar consistency --------------------------------------------------

constexpr int64_t k2026_06_01 = 1780272000;  // 2026-06-01T00:00:00Z

TEST_F(LintTest, RotationOlderThanThePolicyIsOverdueWithTheKeyLine) {
  Manifest();
  Write(".gitattributes", "*.enc.yaml merge=clef-sops diff=clef-sops\n");
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  Write(".clef/policy.yaml",
        "version: 1\nrotation:\n  max_age_days: 90\n  environments:\n    prod:\n"
        "      max_age_days: 30\n");
  std::string rotations =
      "version: 1\npending: []\nrotations:\n"
      "  - key: DB_PASSWORD\n    last_rotated_at: \"2026-04-01T00:00:00.000Z\"\n"
      "    rotated_by: alice@example.com\n    rotation_count: 2\n";
  Write("secrets/app/dev.clef-meta.yaml", rotations);
  Write("secrets/app/prod.clef-meta.yaml", rotations);
  LintReport r = Lint(false, k2026_06_01);
  std::vector<const Problem*> overdue;
  for (const auto& p : r.problems)
    if (p.check == "keys.rotation-overdue") overdue.push_back(&p);
  // 61 days old: over prod's 30 days, within dev's 90.
  ASSERT_EQ(overdue.size(), 1u) << LintText(r);
  EXPECT_EQ(overdue[0]->path, "secrets/app/prod.enc.yaml");
  EXPECT_EQ(overdue[0]->key_path, "DB_PASSWORD");
  EXPECT_EQ(overdue[0]->line, 3);
  EXPECT_NE(overdue[0]->message.find("31 day(s) past the 30-day policy"), std::string::npos)
      << overdue[0]->message;
  const Problem* unknown = Find(r, "keys.rotation-unknown");
  ASSERT_NE(unknown, nullptr) << LintText(r);
  EXPECT_EQ(unknown->severity, Severity::kInfo);
  EXPECT_NE(unknown->message.find("3 key(s)"), std::string::npos) << unknown->message;
}

TEST_F(LintTest, OrphanAndContradictorySidecarEntriesAreReported) {
  Manifest();
  Write(".gitattributes", "*.enc.yaml merge=clef-sops diff=clef-sops\n");
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  Write("secrets/app/prod.clef-meta.yaml",
        "version: 1\npending:\n  - key: API_TOKEN\n    since: \"2026-05-01T00:00:00Z\"\n"
        "    setBy: bob@example.com\nrotations:\n"
        "  - key: GONE_KEY\n    last_rotated_at: \"2026-05-01T00:00:00Z\"\n"
        "    rotated_by: alice@example.com\n    rotation_count: 1\n"
        "  - key: API_TOKEN\n    last_rotated_at: \"2026-05-01T00:00:00Z\"\n"
        "    rotated_by: alice@example.com\n    rotation_count: 1\n");
  LintReport r = Lint(false, k2026_06_01);
  const Problem* orphan = Find(r, "sidecar.orphan-rotation");
  ASSERT_NE(orphan, nullptr) << LintText(r);
  EXPECT_EQ(orphan->key_path, "GONE_KEY");
  EXPECT_EQ(orphan->line, 7);
  const Problem* both = Find(r, "sidecar.pending-and-rotated");
  ASSERT_NE(both, nullptr) << LintText(r);
  EXPECT_EQ(both->severity, Severity::kError);
  EXPECT_EQ(both->key_path, "API_TOKEN");
  EXPECT_EQ(Find(r, "keys.rotation-overdue"), nullptr) << "default 90 days: not overdue";
}

TEST_F(LintTest, AnInvalidPolicyIsAnErrorWithItsLine) {
  Manifest();
  CopyFixture("flat.enc.yaml", "secrets/app/dev.enc.yaml");
  CopyFixture("flat.enc.yaml", "secrets/app/prod.enc.yaml");
  Write(".clef/policy.yaml", "version: 1\nrotation:\n  max_age_days: -3\n");
  LintReport r = Lint();
  const Problem* p = Find(r, "policy.invalid");
  ASSERT_NE(p, nullptr) << LintText(r);
  EXPECT_EQ(p->path, ".clef/policy.yaml");
  EXPECT_EQ(p->line, 3);
}

}  // namespace
}  // namespace clef::lint

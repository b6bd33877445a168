// .clef-meta.yaml sidecars and .clef/policy.yaml.
#include <gtest/gtest.h>

#include "core/manifest/clef_meta.h"
#include "core/manifest/policy.h"
#include "core/manifest/repo_files.h"

namespace clef::manifest {
namespace {

constexpr const char* kSidecar =
    "# Managed by Clef. Do not edit manually.\n"
    "version: 1\n"
    "pending:\n"
    "  - key: DATABASE_URL\n"
    "    since: 2026-04-10T14:22:01.000Z\n"
    "    setBy: alice@example.com\n"
    "rotations:\n"
    "  - key: STRIPE_KEY\n"
    "    last_rotated_at: 2026-03-15T09:11:02.000Z\n"
    "    rotated_by: alice <alice@example.com>\n"
    "    rotation_count: 4\n";

TEST(ClefMeta, ClefsSerializationIsRead) {
  Result<ClefMeta> meta = ParseClefMeta(kSidecar, "a/dev.clef-meta.yaml");
  ASSERT_TRUE(meta.ok()) << meta.error().Describe();
  ASSERT_EQ(meta->pending.size(), 1u);
  EXPECT_EQ(meta->pending[0].key, "DATABASE_URL");
  EXPECT_EQ(meta->pending[0].since, "2026-04-10T14:22:01.000Z");
  EXPECT_EQ(meta->pending[0].set_by, "alice@example.com");
  EXPECT_EQ(meta->pending[0].line, 4);
  ASSERT_EQ(meta->rotations.size(), 1u);
  EXPECT_EQ(meta->rotations[0].rotated_by, "alice <alice@example.com>");
  EXPECT_EQ(meta->rotations[0].rotation_count, 4);
  EXPECT_TRUE(meta->IsPending("DATABASE_URL"));
  EXPECT_FALSE(meta->IsPending("STRIPE_KEY"));
  EXPECT_NE(meta->RotationFor("STRIPE_KEY"), nullptr);
  EXPECT_EQ(meta->dropped_entries, 0);
}

TEST(ClefMeta, MalformedEntriesAreDroppedAndCounted) {
  Result<ClefMeta> meta = ParseClefMeta(
      "version: 1\npending:\n  - key: A\n  - {key: B, since: x, setBy: y}\nrotations:\n"
      "  - {key: C, last_rotated_at: t, rotated_by: r, rotation_count: \"4\"}\n",
      "m.clef-meta.yaml");
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->pending.size(), 1u);
  EXPECT_TRUE(meta->rotations.empty());
  EXPECT_EQ(meta->dropped_entries, 2);
}

TEST(ClefMeta, EmptyListsAreFine) {
  Result<ClefMeta> meta = ParseClefMeta("version: 1\npending: []\nrotations: []\n", "m");
  ASSERT_TRUE(meta.ok());
  EXPECT_TRUE(meta->present);
  EXPECT_TRUE(meta->pending.empty());
}

TEST(ClefMeta, InvalidYamlIsAnErrorWithLine) {
  Result<ClefMeta> meta = ParseClefMeta("pending: [\n", "a/dev.clef-meta.yaml");
  ASSERT_FALSE(meta.ok());
  EXPECT_EQ(meta.error().file, "a/dev.clef-meta.yaml");
  EXPECT_GT(meta.error().line, 0);
}

TEST(ClefMeta, ScalarRootIsAnError) {
  Result<ClefMeta> meta = ParseClefMeta("hello\n", "a/dev.clef-meta.yaml");
  ASSERT_FALSE(meta.ok());
  EXPECT_EQ(meta.error().message.rfind("The .clef-meta.yaml file must be a mapping", 0), 0u);
}

TEST(ClefMeta, MissingSidecarIsEmptyAndNotPresent) {
  MemoryFiles files;
  Result<ClefMeta> meta = LoadClefMeta(files, "a/dev.clef-meta.yaml");
  ASSERT_TRUE(meta.ok());
  EXPECT_FALSE(meta->present);
  EXPECT_TRUE(meta->pending.empty());
}

TEST(ClefMeta, LoadReadsThroughTheSeam) {
  MemoryFiles files;
  files.Put("a/dev.clef-meta.yaml", kSidecar);
  Result<ClefMeta> meta = LoadClefMeta(files, "a/dev.clef-meta.yaml");
  ASSERT_TRUE(meta.ok());
  EXPECT_TRUE(meta->present);
  EXPECT_EQ(meta->rotations.size(), 1u);
}

// --- policy ---------------------------------------------------------------------------------

Error PolicyError(const std::string& text) {
  Result<Policy> p = ParsePolicy(text);
  EXPECT_FALSE(p.ok()) << text;
  return p.ok() ? Error{} : p.error();
}

TEST(Policy, MissingFileGivesTheNinetyDayDefault) {
  MemoryFiles files;
  Result<Policy> p = LoadPolicy(files);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->from_file);
  EXPECT_EQ(p->MaxAgeDays("production"), 90);
}

TEST(Policy, EnvironmentOverridesWin) {
  Result<Policy> p = ParsePolicy(
      "version: 1\nrotation:\n  max_age_days: 45.5\n  environments:\n    production:\n"
      "      max_age_days: 30\n");
  ASSERT_TRUE(p.ok()) << p.error().Describe();
  EXPECT_TRUE(p->from_file);
  EXPECT_EQ(p->MaxAgeDays("production"), 30);
  EXPECT_EQ(p->MaxAgeDays("dev"), 45.5);
}

TEST(Policy, NoRotationSectionMeansNinetyDays) {
  Result<Policy> p = ParsePolicy("version: 1\n");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->MaxAgeDays("dev"), 90);
}

TEST(Policy, RootMustBeAnObject) {
  Error e = PolicyError("- a\n");
  EXPECT_EQ(e.message, "Policy file must be a YAML object.");
  EXPECT_EQ(e.file, ".clef/policy.yaml");
}

TEST(Policy, VersionMustBeOneAndIsQuotedAsJson) {
  EXPECT_EQ(PolicyError("version: 2\n").message, "Policy file must declare 'version: 1', got: 2.");
  EXPECT_EQ(PolicyError("version: \"1\"\n").message,
            "Policy file must declare 'version: 1', got: \"1\".");
  Error missing = PolicyError("rotation: {max_age_days: 1}\n");
  EXPECT_EQ(missing.message, "Policy file must declare 'version: 1', got: undefined.");
  EXPECT_EQ(missing.hint, "Check the 'version' field in .clef/policy.yaml");
}

TEST(Policy, RotationMustBeAnObject) {
  Error e = PolicyError("version: 1\nrotation: 30\n");
  EXPECT_EQ(e.message, "Policy 'rotation' must be an object.");
  EXPECT_EQ(e.line, 2);
}

class BadMaxAge : public ::testing::TestWithParam<const char*> {};

TEST_P(BadMaxAge, IsRejected) {
  Error e = PolicyError(std::string("version: 1\nrotation:\n  max_age_days: ") + GetParam() + "\n");
  EXPECT_EQ(e.message, "Policy 'rotation.max_age_days' must be a positive number.");
  EXPECT_EQ(e.hint, "Check the 'rotation.max_age_days' field in .clef/policy.yaml");
  EXPECT_EQ(e.line, 3);
}

INSTANTIATE_TEST_SUITE_P(Values, BadMaxAge,
                         ::testing::Values("0", "-5", ".inf", ".nan", "\"30\"", "[]"));

TEST(Policy, EnvironmentsMustBeAnObjectOfObjects) {
  EXPECT_EQ(PolicyError("version: 1\nrotation:\n  max_age_days: 1\n  environments: [a]\n").message,
            "Policy 'rotation.environments' must be an object.");
  EXPECT_EQ(
      PolicyError("version: 1\nrotation:\n  max_age_days: 1\n  environments:\n    prod: 3\n")
          .message,
      "Policy 'rotation.environments.prod' must be an object.");
}

TEST(Policy, EnvironmentMaxAgeMustBePositive) {
  Error e = PolicyError(
      "version: 1\nrotation:\n  max_age_days: 1\n  environments:\n    prod:\n      max_age_days: 0\n");
  EXPECT_EQ(e.message, "Policy 'rotation.environments.prod.max_age_days' must be a positive number.");
  EXPECT_EQ(e.line, 6);
}

TEST(Policy, InvalidYamlUsesClefsMessage) {
  Error e = PolicyError("version: [1\n");
  EXPECT_EQ(e.message.rfind("Policy file contains invalid YAML. Check for syntax errors.", 0), 0u);
}

}  // namespace
}  // namespace clef::manifest

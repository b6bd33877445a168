// clef.yaml: what a valid manifest yields, and the helpers built on it.
#include "core/manifest/manifest.h"

#include <gtest/gtest.h>

#include "core/manifest/repo_files.h"
#include "manifest/manifest_example.h"

namespace clef::manifest {
namespace {

using testing::kCompleteExample;

TEST(Manifest, CompleteExampleParsesWithEveryPart) {
  Result<Manifest> m = ParseManifest(kCompleteExample);
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  ASSERT_EQ(m->environments.size(), 3u);
  EXPECT_EQ(m->environments[0].name, "dev");
  EXPECT_EQ(m->environments[0].description, "Local development");
  EXPECT_FALSE(m->environments[0].is_protected);
  EXPECT_TRUE(m->environments[2].is_protected);
  ASSERT_TRUE(m->environments[2].sops.has_value());
  EXPECT_EQ(m->environments[2].sops->backend, Backend::kAwsKms);
  EXPECT_EQ(m->environments[2].sops->aws_kms_arn,
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  ASSERT_EQ(m->environments[1].recipients.size(), 2u);
  EXPECT_EQ(m->environments[1].recipients[0].label, "ops-team");
  EXPECT_EQ(m->environments[1].recipients[1].key,
            "age1en5teedut0u3z7pv2hdqeqdv2v4acujwqgh65nrrxpaz6vhudy7q0x3rju");
  ASSERT_EQ(m->namespaces.size(), 2u);
  EXPECT_EQ(m->namespaces[0].schema, "schemas/database.yaml");
  EXPECT_TRUE(m->namespaces[0].has_owners);
  EXPECT_EQ(m->namespaces[0].owners, std::vector<std::string>{"platform-team"});
  EXPECT_FALSE(m->namespaces[1].has_owners);
  EXPECT_EQ(m->sops.default_backend, Backend::kAge);
  ASSERT_EQ(m->sops.age_recipients.size(), 2u);
  EXPECT_EQ(m->sops.age_recipients[0].label, "Alice");
  EXPECT_EQ(m->file_pattern, "secrets/{namespace}/{environment}.enc.yaml");
  ASSERT_EQ(m->service_identities.size(), 2u);
  const ServiceIdentity& gw = m->service_identities[0];
  EXPECT_EQ(gw.name, "api-gateway");
  EXPECT_EQ(gw.description, "API gateway Lambda");
  EXPECT_FALSE(gw.pack_only);
  ASSERT_EQ(gw.environments.size(), 3u);
  EXPECT_EQ(gw.environments[0].recipient,
            "age1sdmxrh6nwpacns8kjl5h7sjqxmzuezttw9mcfqpxxy95nhcsr9lst5zpc7");
  ASSERT_TRUE(gw.environments[2].kms.has_value());
  EXPECT_EQ(gw.environments[2].kms->provider, "aws");
  EXPECT_EQ(m->service_identities[1].description, "");
  EXPECT_TRUE(m->service_identities[1].pack_only);
  EXPECT_EQ(m->service_identities[1].namespaces.size(), 2u);
}

TEST(Manifest, NodesRememberTheirLines) {
  Result<Manifest> m = ParseManifest(kCompleteExample);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->environments[0].line, 4);
  EXPECT_EQ(m->environments[1].recipients[0].line, 9);
  EXPECT_EQ(m->namespaces[0].line, 20);
}

TEST(Manifest, PerEnvironmentRecipientsReplaceTheGlobalList) {
  Result<Manifest> m = ParseManifest(kCompleteExample);
  ASSERT_TRUE(m.ok());
  const auto& staging = AgeRecipientsFor(*m, *m->FindEnvironment("staging"));
  ASSERT_EQ(staging.size(), 2u);
  EXPECT_EQ(staging[0].label, "ops-team");
  const auto& dev = AgeRecipientsFor(*m, *m->FindEnvironment("dev"));
  EXPECT_EQ(dev[0].label, "Alice");
}

TEST(Manifest, ResolveBackendPrefersTheEnvironmentOverride) {
  Result<Manifest> m = ParseManifest(kCompleteExample);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(ResolveBackend(*m, *m->FindEnvironment("production")).backend, Backend::kAwsKms);
  EXPECT_EQ(ResolveBackend(*m, *m->FindEnvironment("dev")).backend, Backend::kAge);
}

TEST(Manifest, DeclaredRecipientsFollowTheBackend) {
  Result<Manifest> m = ParseManifest(kCompleteExample);
  ASSERT_TRUE(m.ok());
  std::vector<Recipient> prod = DeclaredRecipients(*m, *m->FindEnvironment("production"));
  ASSERT_EQ(prod.size(), 1u);
  EXPECT_EQ(prod[0].kind, RecipientKind::kAwsKms);
  EXPECT_EQ(prod[0].id,
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  std::vector<Recipient> dev = DeclaredRecipients(*m, *m->FindEnvironment("dev"));
  ASSERT_EQ(dev.size(), 2u);
  EXPECT_EQ(dev[0].kind, RecipientKind::kAge);
  EXPECT_EQ(dev[0].label, "Alice");
}

TEST(Manifest, CellPathReplacesTheFirstOccurrenceOfEachTokenLikeClef) {
  EXPECT_EQ(CellPath("secrets/{namespace}/{environment}.enc.yaml", "db", "dev"),
            "secrets/db/dev.enc.yaml");
  EXPECT_EQ(CellPath("{environment}/{namespace}-{namespace}.enc.json", "db", "dev"),
            "dev/db-{namespace}.enc.json");
}

TEST(Manifest, SidecarSitsBesideTheCellWithoutTheEncSuffix) {
  EXPECT_EQ(SidecarPath("secrets/db/dev.enc.yaml"), "secrets/db/dev.clef-meta.yaml");
  EXPECT_EQ(SidecarPath("secrets/db/dev.enc.json"), "secrets/db/dev.clef-meta.yaml");
  EXPECT_EQ(SidecarPath("db/dev.yaml"), "db/dev.yaml.clef-meta.yaml");
}

TEST(Manifest, LoadReadsClefYamlAtTheRoot) {
  MemoryFiles files;
  files.Put("clef.yaml", kCompleteExample);
  Result<Manifest> m = LoadManifest(files);
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  EXPECT_EQ(m->namespaces.size(), 2u);
}

TEST(Manifest, LoadWithoutClefYamlSaysRunClefInit) {
  MemoryFiles files;
  Result<Manifest> m = LoadManifest(files);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message,
            "Could not read manifest file at 'clef.yaml'. Run 'clef init' to create one.");
  EXPECT_EQ(m.error().file, "clef.yaml");
}

}  // namespace
}  // namespace clef::manifest

// .sops.yaml creation rules: which rule governs a path and which recipients it declares.
#include "core/manifest/sops_config.h"

#include <gtest/gtest.h>

#include "core/manifest/repo_files.h"

namespace clef::manifest {
namespace {

constexpr const char* kA = "age1turugrjvgdqztgutwpg6x36xchgptlyylx395e4pt2u69ulk3asqamaq6s";
constexpr const char* kB = "age19vh2eu7zma8ycmfw7derzst78chcd3s4ze2tfdtremc6u45q9gqs7pwg86";

SopsConfig Parse(const std::string& text) {
  Result<SopsConfig> c = ParseSopsConfig(text);
  EXPECT_TRUE(c.ok()) << c.error().Describe();
  return c.ok() ? *c : SopsConfig{};
}

Error ParseError(const std::string& text) {
  Result<SopsConfig> c = ParseSopsConfig(text);
  EXPECT_FALSE(c.ok());
  return c.ok() ? Error{} : c.error();
}

TEST(SopsConfig, FirstMatchingRuleWins) {
  SopsConfig c = Parse(std::string("creation_rules:\n") +
                       "  - path_regex: prod/.*\n    age: " + kA + "\n" +
                       "  - path_regex: \\.enc\\.yaml$\n    age: " + kB + "\n");
  const CreationRule* prod = c.RuleFor("prod/app.enc.yaml");
  ASSERT_NE(prod, nullptr);
  EXPECT_EQ(prod->index, 0);
  EXPECT_EQ(prod->line, 2);
  EXPECT_EQ(c.RuleFor("dev/app.enc.yaml")->index, 1);
}

TEST(SopsConfig, PathRegexIsUnanchoredLikeGo) {
  SopsConfig c = Parse("creation_rules:\n  - path_regex: secrets\n    age: age1x\n");
  EXPECT_NE(c.RuleFor("deploy/secrets/a.yaml"), nullptr);
}

TEST(SopsConfig, NoMatchingRuleGivesNull) {
  SopsConfig c = Parse("creation_rules:\n  - path_regex: ^prod/\n    age: age1x\n");
  EXPECT_EQ(c.RuleFor("dev/a.yaml"), nullptr);
}

TEST(SopsConfig, RuleWithoutPathRegexMatchesEverything) {
  SopsConfig c = Parse("creation_rules:\n  - path_regex: ^prod/\n    age: age1x\n  - age: age1y\n");
  ASSERT_NE(c.RuleFor("anything/at/all"), nullptr);
  EXPECT_EQ(c.RuleFor("anything/at/all")->index, 1);
}

TEST(SopsConfig, CommaSeparatedAgeRecipientsAreSplitAndTrimmed) {
  SopsConfig c = Parse(std::string("creation_rules:\n  - age: >-\n      ") + kA + ",\n      " + kB +
                       "\n");
  std::vector<Recipient> r = c.creation_rules[0].Recipients();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0], MakeRecipient(RecipientKind::kAge, kA));
  EXPECT_EQ(r[1], MakeRecipient(RecipientKind::kAge, kB));
}

TEST(SopsConfig, ListsAreAcceptedForFlatKeyFields) {
  SopsConfig c = Parse(std::string("creation_rules:\n  - age:\n      - ") + kA + "\n      - " + kB +
                       "\n    pgp: [\"85d7 7543 478d 0f9c\"]\n");
  std::vector<Recipient> r = c.creation_rules[0].Recipients();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].kind, RecipientKind::kPgp);
  EXPECT_EQ(r[0].id, "85D77543478D0F9C");
}

TEST(SopsConfig, EveryFlatKeyTypeIsRecognised) {
  SopsConfig c = Parse(
      "creation_rules:\n"
      "  - kms: arn:aws:kms:us-east-1:1:key/a+arn:aws:iam::1:role/r\n"
      "    gcp_kms: projects/p/locations/global/keyRings/r/cryptoKeys/k\n"
      "    azure_keyvault: https://v.vault.azure.net/keys/k/1\n"
      "    hc_vault_transit_uri: https://vault:8200/v1/sops/keys/k\n"
      "    hckms: tr-west-1:key-id\n"
      "    pgp: ABCDEF\n"
      "    age: age1x\n");
  std::vector<Recipient> r = c.creation_rules[0].Recipients();
  ASSERT_EQ(r.size(), 7u);
  RecipientCounts counts = CountByKind(r);
  for (int k = 0; k < 7; ++k) EXPECT_EQ(counts.counts[k], 1) << RecipientKindName(RecipientKind(k));
  EXPECT_EQ(r[0], MakeRecipient(RecipientKind::kAwsKms, "arn:aws:kms:us-east-1:1:key/a"));
}

TEST(SopsConfig, KeyGroupsReplaceFlatFieldsAndKeepTheirShape) {
  SopsConfig c = Parse(
      "creation_rules:\n"
      "  - age: age1ignored\n"
      "    shamir_threshold: 2\n"
      "    key_groups:\n"
      "      - age: [age1a]\n"
      "        kms:\n"
      "          - arn: arn:aws:kms:eu-west-1:1:key/k\n"
      "            role: r\n"
      "        merge:\n"
      "          - pgp: [fp1]\n"
      "      - gcp_kms: [{resource_id: projects/p/k}]\n"
      "        azure_keyvault: [{vaultUrl: \"https://v\", key: k, version: \"7\"}]\n"
      "        hc_vault: [\"https://vault/v1/t/keys/k\"]\n"
      "        hckms: [{key_id: \"r:k\"}]\n");
  const CreationRule& rule = c.creation_rules[0];
  EXPECT_EQ(rule.shamir_threshold, 2);
  ASSERT_EQ(rule.key_groups.size(), 2u);
  ASSERT_EQ(rule.key_groups[0].size(), 3u);
  // sops's order inside a group: kms, gcp_kms, hckms, azure_kv, hc_vault, pgp, age; merged
  // groups after the group's own keys.
  EXPECT_EQ(rule.key_groups[0][0],
            MakeRecipient(RecipientKind::kAwsKms, "arn:aws:kms:eu-west-1:1:key/k"));
  EXPECT_EQ(rule.key_groups[0][1], MakeRecipient(RecipientKind::kAge, "age1a"));
  EXPECT_EQ(rule.key_groups[0][2], MakeRecipient(RecipientKind::kPgp, "FP1"));
  ASSERT_EQ(rule.key_groups[1].size(), 4u);
  EXPECT_EQ(rule.key_groups[1][0], MakeRecipient(RecipientKind::kGcpKms, "projects/p/k"));
  EXPECT_EQ(rule.key_groups[1][1], MakeRecipient(RecipientKind::kHcKms, "r:k"));
  EXPECT_EQ(rule.key_groups[1][2], MakeRecipient(RecipientKind::kAzureKv, "https://v/keys/k/7"));
  EXPECT_EQ(rule.key_groups[1][3],
            MakeRecipient(RecipientKind::kHcVault, "https://vault/v1/t/keys/k"));
  for (const Recipient& r : rule.Recipients()) EXPECT_NE(r.id, "age1ignored");
}

TEST(SopsConfig, EncryptionRuleFieldsAndMacOnlyEncryptedAreRead) {
  SopsConfig c = Parse(
      "creation_rules:\n  - encrypted_regex: ^DB_PASSWORD$\n    mac_only_encrypted: true\n"
      "    age: age1x\n");
  EXPECT_EQ(c.creation_rules[0].encryption.encrypted_regex, "^DB_PASSWORD$");
  EXPECT_EQ(c.creation_rules[0].encryption.Describe(), "encrypted_regex: ^DB_PASSWORD$");
  EXPECT_TRUE(c.creation_rules[0].mac_only_encrypted);
}

TEST(SopsConfig, TwoEncryptionRuleFieldsAreRefusedLikeSops) {
  Error e = ParseError(
      "creation_rules:\n  - encrypted_regex: a\n    unencrypted_suffix: _plain\n");
  EXPECT_EQ(e.message.rfind("Cannot use more than one of encrypted_suffix", 0), 0u);
  EXPECT_EQ(e.line, 2);
}

TEST(SopsConfig, InvalidPathRegexNamesTheLine) {
  Error e = ParseError("creation_rules:\n  - path_regex: \"(unclosed\"\n    age: age1x\n");
  EXPECT_EQ(e.file, ".sops.yaml");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.message.rfind("Invalid path_regex '(unclosed':", 0), 0u) << e.message;
}

TEST(SopsConfig, CreationRulesThatAreNotAList) {
  Error e = ParseError("creation_rules:\n  age: age1x\n");
  EXPECT_EQ(e.message, "'creation_rules' must be a list of rules.");
  EXPECT_EQ(e.line, 2);
}

TEST(SopsConfig, KeyFieldOfTheWrongType) {
  EXPECT_EQ(ParseError("creation_rules:\n  - age: {a: b}\n").message,
            "'age' must be a comma-separated string or a list of strings.");
}

TEST(SopsConfig, KmsGroupEntryWithoutArn) {
  EXPECT_EQ(ParseError("creation_rules:\n  - key_groups:\n      - kms: [{role: r}]\n").message,
            "'kms' entry is missing 'arn'.");
}

TEST(SopsConfig, MalformedYamlNamesFileAndLine) {
  Error e = ParseError("creation_rules:\n  - age: [unclosed\n");
  EXPECT_EQ(e.file, ".sops.yaml");
  EXPECT_GT(e.line, 0);
}

TEST(SopsConfig, EmptyFileHasNoRules) {
  EXPECT_TRUE(Parse("").creation_rules.empty());
  EXPECT_EQ(Parse("").RuleFor("a"), nullptr);
}

TEST(SopsConfig, LoadReportsAbsenceAsNullopt) {
  MemoryFiles none;
  Result<std::optional<SopsConfig>> c = LoadSopsConfig(none);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->has_value());
}

TEST(SopsConfig, TheRealFixtureRuleMatchesWhatSopsWrote) {
  // tests/data/sops-3.12.2/flat.mac-only-encrypted.enc.yaml was written under this rule.
  MemoryFiles files;
  files.Put(".sops.yaml", std::string("creation_rules:\n  - path_regex: \\.yaml$\n") +
                              "    encrypted_regex: '^DB_PASSWORD$'\n    mac_only_encrypted: true\n"
                              "    age: " + kA + "\n");
  Result<std::optional<SopsConfig>> c = LoadSopsConfig(files);
  ASSERT_TRUE(c.ok() && c->has_value());
  const CreationRule* rule = (*c)->RuleFor("flat.mac-only-encrypted.enc.yaml");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->Recipients(), std::vector<Recipient>{MakeRecipient(RecipientKind::kAge, kA)});
}

}  // namespace
}  // namespace clef::manifest

// clef.yaml service_identities (clef-behaviour.md §4.2 step 6).
#include <gtest/gtest.h>

#include <string>

#include "core/manifest/manifest.h"

namespace clef::manifest {
namespace {

constexpr const char* kBase =
    "version: 1\n"
    "environments:\n"
    "  - {name: dev, description: Development}\n"
    "  - {name: production, description: Production}\n"
    "namespaces:\n"
    "  - {name: api, description: API}\n"
    "  - {name: db, description: Database}\n"
    "sops: {default_backend: age}\n"
    "file_pattern: \"{namespace}/{environment}.enc.yaml\"\n"
    "service_identities:\n";  // line 10

constexpr const char* kKey = "age1sdmxrh6nwpacns8kjl5h7sjqxmzuezttw9mcfqpxxy95nhcsr9lst5zpc7";

std::string With(const std::string& identities) { return std::string(kBase) + identities; }

std::string Identity(const std::string& envs, const std::string& name = "api-gateway",
                     const std::string& namespaces = "[api]") {
  return "  - name: " + name + "\n    namespaces: " + namespaces + "\n    environments:\n" + envs;
}

std::string AgeEnv(const std::string& env) {
  return "      " + env + ":\n        recipient: " + kKey + "\n";
}

std::string KmsEnv(const std::string& env, const std::string& provider, const std::string& key) {
  return "      " + env + ":\n        kms:\n          provider: " + provider +
         "\n          keyId: \"" + key + "\"\n";
}

Error ParseError(const std::string& text) {
  Result<Manifest> m = ParseManifest(text);
  EXPECT_FALSE(m.ok()) << text;
  return m.ok() ? Error{} : m.error();
}

std::string Message(const std::string& text) { return ParseError(text).message; }

TEST(ServiceIdentity, AgeAndKmsEnvironmentsParse) {
  Result<Manifest> m = ParseManifest(With(Identity(
      AgeEnv("dev") +
      KmsEnv("production", "aws", "arn:aws:kms:us-east-1:123456789012:alias/clef-api"))));
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  const ServiceIdentity& si = m->service_identities.at(0);
  EXPECT_EQ(si.name, "api-gateway");
  EXPECT_EQ(si.line, 11);
  ASSERT_EQ(si.environments.size(), 2u);
  EXPECT_EQ(si.environments[0].recipient, kKey);
  EXPECT_EQ(si.environments[1].kms->key_id, "arn:aws:kms:us-east-1:123456789012:alias/clef-api");
}

TEST(ServiceIdentity, MissingEnvironmentsAreAcceptedAtParseTime) {
  EXPECT_TRUE(ParseManifest(With(Identity(AgeEnv("dev")))).ok());
}

TEST(ServiceIdentity, ListThatIsNotAList) {
  Error e = ParseError(std::string(kBase) + "  name: x\n");
  EXPECT_EQ(e.message, "Field 'service_identities' must be an array.");
  EXPECT_EQ(e.hint, "Check the 'service_identities' field in clef.yaml");
}

TEST(ServiceIdentity, EntryThatIsNotAnObject) {
  EXPECT_EQ(Message(With("  - api-gateway\n")), "Service identity at index 0 must be an object.");
}

TEST(ServiceIdentity, EntryWithoutName) {
  EXPECT_EQ(Message(With("  - namespaces: [api]\n")),
            "Service identity at index 0 is missing a 'name' string.");
}

TEST(ServiceIdentity, SingleCharacterNameIsAValidDnsLabel) {
  EXPECT_TRUE(ParseManifest(With(Identity(AgeEnv("dev"), "a"))).ok());
}

class InvalidServiceIdentityName : public ::testing::TestWithParam<const char*> {};

TEST_P(InvalidServiceIdentityName, IsRejectedAsNotADnsLabel) {
  Error e = ParseError(With(Identity(AgeEnv("dev"), std::string("\"") + GetParam() + "\"")));
  EXPECT_EQ(e.message.rfind(std::string("Service identity name '") + GetParam() + "' is invalid.",
                            0),
            0u)
      << e.message;
  EXPECT_EQ(e.line, 11);
}

INSTANTIATE_TEST_SUITE_P(Names, InvalidServiceIdentityName,
                         ::testing::Values("api_gateway", "api gateway", "-api", "api-", "Api",
                                           "a123456789012345678901234567890123456789012345678901"
                                           "234567890123"));

TEST(ServiceIdentity, DuplicateName) {
  Error e = ParseError(With(Identity(AgeEnv("dev")) + Identity(AgeEnv("dev"))));
  EXPECT_EQ(e.message,
            "Duplicate service identity name 'api-gateway'. Each service identity must have a "
            "unique name.");
  EXPECT_EQ(e.line, 16);
}

TEST(ServiceIdentity, DescriptionDefaultsToEmptyAndPackOnlyToFalse) {
  Result<Manifest> m = ParseManifest(With(Identity(AgeEnv("dev"))));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->service_identities[0].description, "");
  EXPECT_FALSE(m->service_identities[0].pack_only);
}

TEST(ServiceIdentity, EmptyNamespaces) {
  EXPECT_EQ(Message(With(Identity(AgeEnv("dev"), "x", "[]"))),
            "Service identity 'x' must have a non-empty 'namespaces' array.");
}

TEST(ServiceIdentity, UnknownNamespace) {
  Error e = ParseError(With(Identity(AgeEnv("dev"), "x", "[api, payments]")));
  EXPECT_EQ(e.message, "Service identity 'x' references unknown namespace 'payments'.");
  EXPECT_EQ(e.line, 12);
}

TEST(ServiceIdentity, EnvironmentsThatAreNotAMapping) {
  EXPECT_EQ(Message(With("  - name: x\n    namespaces: [api]\n    environments: [dev]\n")),
            "Service identity 'x' must have an 'environments' object.");
}

TEST(ServiceIdentity, UnknownEnvironment) {
  Error e = ParseError(With(Identity(AgeEnv("staging"), "x")));
  EXPECT_EQ(e.message, "Service identity 'x' references unknown environment 'staging'.");
  EXPECT_EQ(e.line, 14);
}

TEST(ServiceIdentity, RecipientAndKmsAreMutuallyExclusive) {
  EXPECT_EQ(Message(With(Identity(std::string("      dev:\n        recipient: ") + kKey +
                                      "\n        kms: {provider: gcp, keyId: k}\n",
                                  "x"))),
            "Service identity 'x' environment 'dev': 'recipient' and 'kms' are mutually exclusive.");
}

TEST(ServiceIdentity, EnvironmentWithNeitherRecipientNorKms) {
  EXPECT_EQ(Message(With(Identity("      dev: {}\n", "x"))),
            "Service identity 'x' environment 'dev' must have either 'recipient' or 'kms'.");
}

TEST(ServiceIdentity, InvalidAgeRecipient) {
  EXPECT_EQ(Message(With(Identity("      dev:\n        recipient: age1NOTVALID\n", "x"))),
            "Service identity 'x' environment 'dev': Invalid character 'N' in age public key. "
            "Only bech32 characters are allowed after the 'age1' prefix.");
}

TEST(ServiceIdentity, UnknownKmsProvider) {
  EXPECT_EQ(Message(With(Identity(KmsEnv("dev", "vault", "k"), "x"))),
            "Service identity 'x' environment 'dev': 'kms.provider' must be one of: aws, gcp, "
            "azure.");
}

TEST(ServiceIdentity, EmptyKmsKeyId) {
  EXPECT_EQ(Message(With(Identity(KmsEnv("dev", "gcp", ""), "x"))),
            "Service identity 'x' environment 'dev': 'kms.keyId' must be a non-empty string.");
}

TEST(ServiceIdentity, LegacyKmsRegionIsRejected) {
  EXPECT_EQ(Message(With(Identity("      dev:\n        kms: {provider: aws, region: us-east-1, "
                                  "keyId: k}\n",
                                  "x")))
                .rfind("Service identity 'x' environment 'dev': 'kms.region' is no longer "
                       "supported.",
                       0),
            0u);
}

class AwsKmsKeyId : public ::testing::TestWithParam<std::pair<const char*, bool>> {};

TEST_P(AwsKmsKeyId, IsAcceptedOnlyAsAFullArn) {
  Result<Manifest> m = ParseManifest(With(Identity(KmsEnv("dev", "aws", GetParam().first), "x")));
  EXPECT_EQ(m.ok(), GetParam().second) << GetParam().first;
  if (!m.ok()) {
    EXPECT_EQ(m.error().message.rfind("Service identity 'x' environment 'dev': 'kms.keyId' must "
                                      "be a full AWS KMS key ARN",
                                      0),
              0u);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Arns, AwsKmsKeyId,
    ::testing::Values(
        std::make_pair("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab", true),
        std::make_pair("arn:aws:kms:us-east-1:123456789012:alias/app", true),
        std::make_pair("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abc", true),
        std::make_pair("arn:aws-cn:kms:cn-north-1:123456789012:alias/x", true),
        std::make_pair("alias/app", false),
        std::make_pair("arn:aws:kms::123456789012:key/abc", false),
        std::make_pair("arn:aws:s3:us-east-1:123456789012:key/abc", false),
        std::make_pair("arn:aws:kms:us-east-1:12345:key/abc", false),
        std::make_pair("arn:aws:kms:us-east-1:123456789012:key/abc:extra", false)));

TEST(ServiceIdentity, GcpAndAzureKeyIdsAreNotArnChecked) {
  EXPECT_TRUE(ParseManifest(With(Identity(KmsEnv("dev", "gcp", "projects/p/keys/k") +
                                              KmsEnv("production", "azure", "https://v/keys/k"),
                                          "x")))
                  .ok());
}

}  // namespace
}  // namespace clef::manifest

// clef.yaml validation: every rule of clef-behaviour.md §4.2 with Clef's message, the line it
// points at, and the fix. One behaviour per test.
#include <gtest/gtest.h>

#include <string>

#include "core/manifest/manifest.h"

namespace clef::manifest {
namespace {

constexpr const char* kAgeKey = "age1vtrtpzl7v46xd0r2cjueg5d2ertgzgk5scpz2lv434ynac5ycpnq5adeu2";

// A valid manifest assembled from parts, so each test changes exactly one thing.
struct Parts {
  std::string version = "version: 1\n";
  std::string environments =
      "environments:\n"
      "  - name: dev\n"
      "    description: Development\n"
      "  - name: production\n"
      "    description: Production\n";
  std::string namespaces =
      "namespaces:\n"
      "  - name: api\n"
      "    description: API secrets\n";
  std::string sops = "sops:\n  default_backend: age\n";
  std::string file_pattern = "file_pattern: secrets/{namespace}/{environment}.enc.yaml\n";
  std::string extra;

  std::string Text() const {
    return version + environments + namespaces + sops + file_pattern + extra;
  }
};

Error ParseError(const std::string& text) {
  Result<Manifest> m = ParseManifest(text);
  EXPECT_FALSE(m.ok()) << "expected an error for:\n" << text;
  return m.ok() ? Error{} : m.error();
}

std::string Message(const std::string& text) { return ParseError(text).message; }

std::string EnvWith(const std::string& lines) {
  return "environments:\n  - name: dev\n    description: Development\n" + lines;
}

TEST(ManifestValidation, BaseManifestIsValid) {
  Result<Manifest> m = ParseManifest(Parts().Text());
  ASSERT_TRUE(m.ok()) << m.error().Describe();
}

// --- loading --------------------------------------------------------------------------------

TEST(ManifestValidation, InvalidYamlNamesFileAndLine) {
  Error e = ParseError("version: 1\nenvironments: [dev\nnamespaces: x\n");
  EXPECT_EQ(e.file, "clef.yaml");
  EXPECT_GT(e.line, 0);
  EXPECT_EQ(e.message.rfind("Manifest file contains invalid YAML. Check for syntax errors in "
                            "clef.yaml.",
                            0),
            0u)
      << e.message;
}

TEST(ManifestValidation, DuplicateKeyIsInvalidYamlAtTheSecondKey) {
  Parts p;
  p.extra = "version: 1\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Duplicate key 'version'.");
  EXPECT_EQ(e.line, 13);
}

TEST(ManifestValidation, ControlCharacterIsRejectedWithItsPosition) {
  Error e = ParseError("version: 1\nnamespaces:\n  \x1d x\n");
  EXPECT_NE(e.message.find("control character 0x1D"), std::string::npos) << e.message;
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 3);
}

TEST(ManifestValidation, InvalidUtf8IsRejectedWithItsPosition) {
  Error e = ParseError("version: 1\nname: a\xff\n");
  EXPECT_NE(e.message.find("not valid UTF-8"), std::string::npos) << e.message;
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 8);
}

TEST(ManifestValidation, Utf8DescriptionsAreFine) {
  Parts p;
  p.namespaces = "namespaces:\n  - name: api\n    description: \"Zugangsdaten f\xc3\xbcr die API \xe2\x9c\x93\"\n";
  Result<Manifest> m = ParseManifest(p.Text());
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  EXPECT_EQ(m->namespaces[0].description, "Zugangsdaten f\xc3\xbcr die API \xe2\x9c\x93");
}

TEST(ManifestValidation, SecondYamlDocumentIsRejected) {
  Error e = ParseError(Parts().Text() + "---\nversion: 1\n");
  EXPECT_NE(e.message.find("more than one YAML document"), std::string::npos) << e.message;
}

TEST(ManifestValidation, ErrorsCarryTheFileNameGiven) {
  Result<Manifest> m = ParseManifest("version: 2\n", "sub/clef.yaml");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().file, "sub/clef.yaml");
}

// --- root -----------------------------------------------------------------------------------

TEST(ManifestValidation, EmptyFileIsNotAnObject) {
  Error e = ParseError("");
  EXPECT_EQ(e.message, "Manifest must be a YAML object, not null or a scalar value.");
  EXPECT_EQ(e.hint, "Check the 'root' field in clef.yaml");
}

TEST(ManifestValidation, ScalarRootIsNotAnObject) {
  EXPECT_EQ(Message("just text\n"), "Manifest must be a YAML object, not null or a scalar value.");
}

TEST(ManifestValidation, UnknownTopLevelKeyIsNamedWithItsLine) {
  Parts p;
  p.extra = "owners: [a]\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message,
            "Unknown top-level key 'owners' in manifest. Valid keys are: version, environments, "
            "namespaces, sops, file_pattern, service_identities.");
  EXPECT_EQ(e.line, 13);
  EXPECT_EQ(e.hint, "Check the 'owners' field in clef.yaml");
}

TEST(ManifestValidation, UnknownTopLevelKeyIsReportedBeforeAMissingVersion) {
  EXPECT_EQ(Message("bogus: 1\n").rfind("Unknown top-level key 'bogus'", 0), 0u);
}

// --- 1. version -----------------------------------------------------------------------------

TEST(ManifestValidation, MissingVersion) {
  Parts p;
  p.version = "";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Missing required field 'version'.");
  EXPECT_EQ(e.hint, "Check the 'version' field in clef.yaml");
  EXPECT_EQ(e.line, 1);  // the root mapping
}

TEST(ManifestValidation, VersionTwoIsUnsupported) {
  Parts p;
  p.version = "version: 2\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Field 'version' must be 1. Only version 1 is currently supported.");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 10);
}

TEST(ManifestValidation, QuotedVersionStringIsRejected) {
  Parts p;
  p.version = "version: \"1\"\n";
  EXPECT_EQ(Message(p.Text()), "Field 'version' must be 1. Only version 1 is currently supported.");
}

TEST(ManifestValidation, VersionWrittenAsFloatOneIsAccepted) {
  Parts p;
  p.version = "version: 1.0\n";
  EXPECT_TRUE(ParseManifest(p.Text()).ok());
}

// --- 2. environments --------------------------------------------------------------------------

TEST(ManifestValidation, MissingEnvironments) {
  Parts p;
  p.environments = "";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Missing required field 'environments'. Define at least one environment.");
  EXPECT_EQ(e.hint, "Check the 'environments' field in clef.yaml");
}

TEST(ManifestValidation, EmptyEnvironmentsList) {
  Parts p;
  p.environments = "environments: []\n";
  EXPECT_EQ(Message(p.Text()), "Field 'environments' must be a non-empty array.");
}

TEST(ManifestValidation, EnvironmentsAsMapping) {
  Parts p;
  p.environments = "environments:\n  dev: {description: x}\n";
  EXPECT_EQ(Message(p.Text()), "Field 'environments' must be a non-empty array.");
}

TEST(ManifestValidation, EnvironmentEntryThatIsNotAnObject) {
  Parts p;
  p.environments = "environments:\n  - dev\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Environment at index 0 must be an object with 'name' and 'description'.");
  EXPECT_EQ(e.line, 3);
}

TEST(ManifestValidation, EnvironmentWithoutName) {
  Parts p;
  p.environments = "environments:\n  - description: Development\n";
  EXPECT_EQ(Message(p.Text()), "Environment at index 0 is missing a 'name' string.");
}

TEST(ManifestValidation, EnvironmentNameThatIsANumber) {
  Parts p;
  p.environments = "environments:\n  - name: 123\n    description: x\n";
  EXPECT_EQ(Message(p.Text()), "Environment at index 0 is missing a 'name' string.");
}

TEST(ManifestValidation, EnvironmentNameStartingWithADigit) {
  Parts p;
  p.environments = "environments:\n  - name: 1dev\n    description: x\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message,
            "Environment name '1dev' is invalid. Names must start with a lowercase letter and "
            "contain only lowercase letters, digits, hyphens, and underscores.");
  EXPECT_EQ(e.line, 3);
}

TEST(ManifestValidation, EnvironmentNameWithUppercase) {
  Parts p;
  p.environments = "environments:\n  - name: Dev\n    description: x\n";
  EXPECT_EQ(Message(p.Text()).rfind("Environment name 'Dev' is invalid.", 0), 0u);
}

TEST(ManifestValidation, EnvironmentNameWithHyphenAndUnderscoreIsValid) {
  Parts p;
  p.environments = "environments:\n  - name: us-east_1\n    description: x\n";
  EXPECT_TRUE(ParseManifest(p.Text()).ok());
}

TEST(ManifestValidation, EnvironmentWithoutDescription) {
  Parts p;
  p.environments = "environments:\n  - name: dev\n";
  EXPECT_EQ(Message(p.Text()), "Environment 'dev' is missing a 'description' string.");
}

TEST(ManifestValidation, EnvironmentWithEmptyDescription) {
  Parts p;
  p.environments = "environments:\n  - name: dev\n    description: \"\"\n";
  EXPECT_EQ(Message(p.Text()), "Environment 'dev' is missing a 'description' string.");
}

TEST(ManifestValidation, ProtectedIsKeptOnlyWhenBoolean) {
  Parts p;
  p.environments = EnvWith("    protected: \"yes\"\n  - name: prod\n    description: x\n"
                           "    protected: true\n");
  Result<Manifest> m = ParseManifest(p.Text());
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  EXPECT_FALSE(m->environments[0].is_protected);
  EXPECT_TRUE(m->environments[1].is_protected);
}

TEST(ManifestValidation, EnvironmentSopsThatIsNotAnObject) {
  Parts p;
  p.environments = EnvWith("    sops: age\n");
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Environment 'dev' has an invalid 'sops' field. It must be an object.");
  EXPECT_EQ(e.line, 5);
}

TEST(ManifestValidation, EnvironmentSopsWithoutBackend) {
  Parts p;
  p.environments = EnvWith("    sops:\n      aws_kms_arn: x\n");
  EXPECT_EQ(Message(p.Text()),
            "Environment 'dev' sops override is missing 'backend'. Must be one of: age, awskms, "
            "gcpkms, azurekv, pgp, hsm.");
}

TEST(ManifestValidation, EnvironmentSopsWithUnknownBackend) {
  Parts p;
  p.environments = EnvWith("    sops:\n      backend: vault\n");
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message,
            "Environment 'dev' has invalid sops backend 'vault'. Must be one of: age, awskms, "
            "gcpkms, azurekv, pgp, hsm.");
  EXPECT_EQ(e.line, 6);
}

struct CompanionCase {
  const char* backend;
  const char* field;
};

class EnvironmentBackendCompanion : public ::testing::TestWithParam<CompanionCase> {};

TEST_P(EnvironmentBackendCompanion, MissingCompanionFieldIsNamed) {
  Parts p;
  p.environments = EnvWith(std::string("    sops:\n      backend: ") + GetParam().backend + "\n");
  EXPECT_EQ(Message(p.Text()), std::string("Environment 'dev' uses '") + GetParam().backend +
                                   "' backend but is missing '" + GetParam().field + "'.");
}

TEST_P(EnvironmentBackendCompanion, PresentCompanionFieldIsKept) {
  Parts p;
  std::string value = std::string(GetParam().backend) == "hsm" ? "pkcs11:slot=0;label=x" : "k1";
  p.environments = EnvWith(std::string("    sops:\n      backend: ") + GetParam().backend +
                           "\n      " + GetParam().field + ": \"" + value + "\"\n");
  Result<Manifest> m = ParseManifest(p.Text());
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  ASSERT_TRUE(m->environments[0].sops.has_value());
  EXPECT_EQ(BackendName(m->environments[0].sops->backend), std::string(GetParam().backend));
  std::vector<Recipient> declared = DeclaredRecipients(*m, m->environments[0]);
  ASSERT_EQ(declared.size(), 1u);
  EXPECT_EQ(declared[0].id, std::string(GetParam().backend) == "pgp" ? "K1" : value);
}

INSTANTIATE_TEST_SUITE_P(AllBackends, EnvironmentBackendCompanion,
                         ::testing::Values(CompanionCase{"awskms", "aws_kms_arn"},
                                           CompanionCase{"gcpkms", "gcp_kms_resource_id"},
                                           CompanionCase{"azurekv", "azure_kv_url"},
                                           CompanionCase{"pgp", "pgp_fingerprint"},
                                           CompanionCase{"hsm", "pkcs11_uri"}));

TEST(ManifestValidation, EnvironmentAgeBackendNeedsNoCompanion) {
  Parts p;
  p.environments = EnvWith("    sops:\n      backend: age\n");
  EXPECT_TRUE(ParseManifest(p.Text()).ok());
}

TEST(ManifestValidation, EnvironmentHsmWithMalformedPkcs11Uri) {
  Parts p;
  p.environments = EnvWith("    sops:\n      backend: hsm\n      pkcs11_uri: \"pkcs11:\"\n");
  EXPECT_EQ(Message(p.Text()),
            "Environment 'dev' has an invalid 'pkcs11_uri' 'pkcs11:'. Must start with 'pkcs11:' "
            "and contain at least one attribute (e.g. 'pkcs11:slot=0;label=clef-dek-wrapper').");
}

TEST(ManifestValidation, EnvironmentRecipientsThatAreNotAList) {
  Parts p;
  p.environments = EnvWith(std::string("    recipients: ") + kAgeKey + "\n");
  EXPECT_EQ(Message(p.Text()),
            "Environment 'dev' has an invalid 'recipients' field. It must be an array.");
}

TEST(ManifestValidation, EnvironmentRecipientWithoutAgePrefix) {
  Parts p;
  p.environments = EnvWith("    recipients:\n      - ssh-ed25519 AAAA\n");
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message,
            "Environment 'dev' recipient at index 0: age public key must start with 'age1'. Got: "
            "'ssh-ed2551...'");
  EXPECT_EQ(e.line, 6);
}

TEST(ManifestValidation, EnvironmentRecipientTooShort) {
  Parts p;
  p.environments = EnvWith("    recipients:\n      - age1qp\n");
  EXPECT_EQ(Message(p.Text()),
            "Environment 'dev' recipient at index 0: age public key is too short. Expected at "
            "least 10 characters, got 6.");
}

TEST(ManifestValidation, EnvironmentRecipientWithNonBech32Character) {
  Parts p;
  p.environments = EnvWith("    recipients:\n      - age1qpzry9x8gf2tvdw0bs3jn\n");
  EXPECT_EQ(Message(p.Text()),
            "Environment 'dev' recipient at index 0: Invalid character 'b' in age public key. "
            "Only bech32 characters are allowed after the 'age1' prefix.");
}

TEST(ManifestValidation, EnvironmentRecipientObjectWithoutKey) {
  Parts p;
  p.environments = EnvWith("    recipients:\n      - label: ops\n");
  EXPECT_EQ(Message(p.Text()), "Environment 'dev' recipient at index 0 must have a 'key' string.");
}

TEST(ManifestValidation, EnvironmentRecipientThatIsANumber) {
  Parts p;
  p.environments = EnvWith("    recipients:\n      - 42\n");
  EXPECT_EQ(Message(p.Text()), "Environment 'dev' recipient at index 0 must be a string or object.");
}

TEST(ManifestValidation, EnvironmentRecipientsAreTrimmedAndLabelled) {
  Parts p;
  p.environments = EnvWith(std::string("    recipients:\n      - key: \"  ") + kAgeKey +
                           "  \"\n        label: ops\n");
  Result<Manifest> m = ParseManifest(p.Text());
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  EXPECT_EQ(m->environments[0].recipients[0].key, kAgeKey);
  EXPECT_EQ(m->environments[0].recipients[0].label, "ops");
}

TEST(ManifestValidation, EmptyEnvironmentRecipientsMeanNoOverride) {
  Parts p;
  p.environments = EnvWith("    recipients: []\n");
  p.sops = std::string("sops:\n  default_backend: age\n  age:\n    recipients: [") + kAgeKey +
           "]\n";
  Result<Manifest> m = ParseManifest(p.Text());
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  EXPECT_TRUE(m->environments[0].recipients.empty());
  EXPECT_EQ(AgeRecipientsFor(*m, m->environments[0]).size(), 1u);
}

TEST(ManifestValidation, DuplicateEnvironmentName) {
  Parts p;
  p.environments = EnvWith("  - name: dev\n    description: again\n");
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Duplicate environment name 'dev'. Each environment must have a unique name.");
  EXPECT_EQ(e.line, 5);
}

// --- 3. namespaces ----------------------------------------------------------------------------

TEST(ManifestValidation, MissingNamespaces) {
  Parts p;
  p.namespaces = "";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Missing required field 'namespaces'. Define at least one namespace.");
  EXPECT_EQ(e.hint, "Check the 'namespaces' field in clef.yaml");
}

TEST(ManifestValidation, EmptyNamespacesList) {
  Parts p;
  p.namespaces = "namespaces: []\n";
  EXPECT_EQ(Message(p.Text()), "Field 'namespaces' must be a non-empty array.");
}

TEST(ManifestValidation, NamespaceEntryThatIsNotAnObject) {
  Parts p;
  p.namespaces = "namespaces:\n  - api\n";
  EXPECT_EQ(Message(p.Text()),
            "Namespace at index 0 must be an object with 'name' and 'description'.");
}

TEST(ManifestValidation, NamespaceWithoutName) {
  Parts p;
  p.namespaces = "namespaces:\n  - description: x\n";
  EXPECT_EQ(Message(p.Text()), "Namespace at index 0 is missing a 'name' string.");
}

TEST(ManifestValidation, NamespaceWithInvalidName) {
  Parts p;
  p.namespaces = "namespaces:\n  - name: my api\n    description: x\n";
  EXPECT_EQ(Message(p.Text()),
            "Namespace name 'my api' is invalid. Names must start with a lowercase letter and "
            "contain only lowercase letters, digits, hyphens, and underscores.");
}

TEST(ManifestValidation, NamespaceWithoutDescription) {
  Parts p;
  p.namespaces = "namespaces:\n  - name: api\n";
  EXPECT_EQ(Message(p.Text()), "Namespace 'api' is missing a 'description' string.");
}

TEST(ManifestValidation, DuplicateNamespaceName) {
  Parts p;
  p.namespaces = "namespaces:\n  - name: api\n    description: x\n  - name: api\n"
                 "    description: y\n";
  EXPECT_EQ(Message(p.Text()),
            "Duplicate namespace name 'api'. Each namespace must have a unique name.");
}

TEST(ManifestValidation, NamespaceOwnersKeptOnlyWhenAList) {
  Parts p;
  p.namespaces = "namespaces:\n  - name: api\n    description: x\n    owners: team\n"
                 "  - name: db\n    description: y\n    owners: [a, b]\n";
  Result<Manifest> m = ParseManifest(p.Text());
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  EXPECT_FALSE(m->namespaces[0].has_owners);
  EXPECT_EQ(m->namespaces[1].owners, (std::vector<std::string>{"a", "b"}));
}

TEST(ManifestValidation, EnvironmentsAreValidatedBeforeNamespaces) {
  Parts p;
  p.environments = "environments: []\n";
  p.namespaces = "namespaces: []\n";
  EXPECT_EQ(Message(p.Text()), "Field 'environments' must be a non-empty array.");
}

// --- 4. sops --------------------------------------------------------------------------------

TEST(ManifestValidation, MissingSops) {
  Parts p;
  p.sops = "";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Missing required field 'sops'. Configure at least 'default_backend'.");
  EXPECT_EQ(e.hint, "Check the 'sops' field in clef.yaml");
}

TEST(ManifestValidation, SopsThatIsNotAnObject) {
  Parts p;
  p.sops = "sops: age\n";
  EXPECT_EQ(Message(p.Text()), "Field 'sops' must be an object.");
}

TEST(ManifestValidation, SopsWithoutDefaultBackend) {
  Parts p;
  p.sops = "sops:\n  age: {}\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message,
            "Field 'sops.default_backend' is required and must be one of: age, awskms, gcpkms, "
            "azurekv, pgp, hsm.");
  EXPECT_EQ(e.hint, "Check the 'sops.default_backend' field in clef.yaml");
}

TEST(ManifestValidation, SopsWithUnknownDefaultBackend) {
  Parts p;
  p.sops = "sops:\n  default_backend: vault\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message,
            "Invalid sops.default_backend 'vault'. Must be one of: age, awskms, gcpkms, azurekv, "
            "pgp, hsm.");
  EXPECT_EQ(e.line, 11);
}

TEST(ManifestValidation, HsmDefaultBackendRequiresPkcs11Uri) {
  Parts p;
  p.sops = "sops:\n  default_backend: hsm\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message, "Field 'sops.pkcs11_uri' is required when sops.default_backend is 'hsm'.");
  EXPECT_EQ(e.hint, "Check the 'sops.pkcs11_uri' field in clef.yaml");
}

TEST(ManifestValidation, MalformedGlobalPkcs11Uri) {
  Parts p;
  p.sops = "sops:\n  default_backend: age\n  pkcs11_uri: slot=0\n";
  EXPECT_EQ(Message(p.Text()),
            "Invalid sops.pkcs11_uri 'slot=0'. Must start with 'pkcs11:' and contain at least one "
            "attribute (e.g. 'pkcs11:slot=0;label=clef-dek-wrapper').");
}

TEST(ManifestValidation, NonStringGlobalPkcs11Uri) {
  Parts p;
  p.sops = "sops:\n  default_backend: age\n  pkcs11_uri: [a]\n";
  EXPECT_EQ(Message(p.Text()), "Field 'sops.pkcs11_uri' must be a string.");
}

TEST(ManifestValidation, HsmDefaultBackendWithValidUriIsAccepted) {
  Parts p;
  p.sops = "sops:\n  default_backend: hsm\n  pkcs11_uri: \"pkcs11:slot=0;label=clef\"\n";
  Result<Manifest> m = ParseManifest(p.Text());
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  EXPECT_EQ(m->sops.pkcs11_uri, "pkcs11:slot=0;label=clef");
}

TEST(ManifestValidation, GlobalAgeRecipientsAreNotValidatedLikeClef) {
  Parts p;
  p.sops = "sops:\n  default_backend: age\n  age:\n    recipients:\n      - not-a-key\n"
           "      - {key: age1zz, label: Bob}\n";
  Result<Manifest> m = ParseManifest(p.Text());
  ASSERT_TRUE(m.ok()) << m.error().Describe();
  ASSERT_EQ(m->sops.age_recipients.size(), 2u);
  EXPECT_EQ(m->sops.age_recipients[0].key, "not-a-key");
  EXPECT_EQ(m->sops.age_recipients[1].label, "Bob");
}

TEST(ManifestValidation, PerEnvironmentRecipientsNeedTheAgeBackend) {
  Parts p;
  p.environments = EnvWith(std::string("    recipients: [") + kAgeKey + "]\n");
  p.sops = "sops:\n  default_backend: pgp\n  pgp_fingerprint: ABCD\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message,
            "Environment 'dev' has per-environment recipients but uses 'pgp' backend. "
            "Per-environment recipients are only supported with the 'age' backend.");
  EXPECT_EQ(e.line, 5);
}

TEST(ManifestValidation, PerEnvironmentRecipientsWithAgeOverrideOfAKmsDefaultAreAccepted) {
  Parts p;
  p.environments = EnvWith(std::string("    sops: {backend: age}\n    recipients: [") + kAgeKey +
                           "]\n");
  p.sops = "sops:\n  default_backend: awskms\n  aws_kms_arn: arn:aws:kms:x\n";
  EXPECT_TRUE(ParseManifest(p.Text()).ok());
}

// --- 5. file_pattern --------------------------------------------------------------------------

TEST(ManifestValidation, MissingFilePattern) {
  Parts p;
  p.file_pattern = "";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message,
            "Missing required field 'file_pattern'. Example: '{namespace}/{environment}.enc.yaml'.");
  EXPECT_EQ(e.hint, "Check the 'file_pattern' field in clef.yaml");
}

TEST(ManifestValidation, FilePatternWithoutNamespaceToken) {
  Parts p;
  p.file_pattern = "file_pattern: secrets/{environment}.enc.yaml\n";
  Error e = ParseError(p.Text());
  EXPECT_EQ(e.message,
            "file_pattern must contain '{namespace}'. Got: 'secrets/{environment}.enc.yaml'.");
  EXPECT_EQ(e.line, 12);
}

TEST(ManifestValidation, FilePatternWithoutEnvironmentToken) {
  Parts p;
  p.file_pattern = "file_pattern: \"{namespace}.enc.yaml\"\n";
  EXPECT_EQ(Message(p.Text()),
            "file_pattern must contain '{environment}'. Got: '{namespace}.enc.yaml'.");
}

TEST(ManifestValidation, SopsIsValidatedBeforeFilePattern) {
  Parts p;
  p.sops = "";
  p.file_pattern = "";
  EXPECT_EQ(Message(p.Text()).rfind("Missing required field 'sops'", 0), 0u);
}

}  // namespace
}  // namespace clef::manifest

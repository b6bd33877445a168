// The complete manifest of clef-behaviour.md §4.3, which Clef's real parser accepts, shared by
// the manifest tests. Public age keys only.
#pragma once

namespace clef::manifest::testing {

inline constexpr const char* kCompleteExample = R"(version: 1

environments:
  - name: dev
    description: Local development
  - name: staging
    description: Shared staging
    recipients:                       # per-env override (age only); replaces global list
      - key: age1vtrtpzl7v46xd0r2cjueg5d2ertgzgk5scpz2lv434ynac5ycpnq5adeu2
        label: ops-team
      - age1en5teedut0u3z7pv2hdqeqdv2v4acujwqgh65nrrxpaz6vhudy7q0x3rju
  - name: production
    description: Production
    protected: true
    sops:                             # per-env backend override
      backend: awskms
      aws_kms_arn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab

namespaces:
  - name: database
    description: Database credentials
    schema: schemas/database.yaml
    owners: [platform-team]
  - name: payments
    description: Payment provider secrets

sops:
  default_backend: age
  age:
    recipients:
      - key: age1vtrtpzl7v46xd0r2cjueg5d2ertgzgk5scpz2lv434ynac5ycpnq5adeu2
        label: Alice
      - age1en5teedut0u3z7pv2hdqeqdv2v4acujwqgh65nrrxpaz6vhudy7q0x3rju

file_pattern: "secrets/{namespace}/{environment}.enc.yaml"

service_identities:
  - name: api-gateway
    description: API gateway Lambda
    namespaces: [payments]
    environments:
      dev:
        recipient: age1sdmxrh6nwpacns8kjl5h7sjqxmzuezttw9mcfqpxxy95nhcsr9lst5zpc7
      staging:
        recipient: age1sdmxrh6nwpacns8kjl5h7sjqxmzuezttw9mcfqpxxy95nhcsr9lst5zpc7
      production:
        kms:
          provider: aws
          keyId: arn:aws:kms:us-east-1:123456789012:alias/clef-api-gateway
  - name: batch-runner
    namespaces: [database, payments]
    pack_only: true
    environments:
      dev:
        recipient: age1n7mly9z9v75ffmxzxw0nws5uyzus2x4nn4jhxmz232derke2npaq2hshzm
      staging:
        recipient: age1n7mly9z9v75ffmxzxw0nws5uyzus2x4nn4jhxmz232derke2npaq2hshzm
      production:
        recipient: age1n7mly9z9v75ffmxzxw0nws5uyzus2x4nn4jhxmz232derke2npaq2hshzm
)";

}  // namespace clef::manifest::testing

// Internal to core/manifest: shared pieces of the clef.yaml validator (manifest_parser.cc,
// service_identity_parser.cc). Not for other modules.
#pragma once

#include <string>

#include "core/manifest/config_yaml.h"
#include "core/manifest/manifest.h"

namespace clef::manifest::internal {

// Clef's ManifestValidationError: the message, located at `at` (or at `fallback` when `at` has
// no position), with the fix "Check the '<field>' field in clef.yaml".
Error FieldError(const std::string& file, const std::string& message, const std::string& field,
                 const YAML::Node& at, const YAML::Node& fallback = YAML::Node());

// Validates `service_identities` (step 6 of §4.2) against the already-parsed namespaces and
// environments of `manifest`, filling manifest->service_identities.
Status ParseServiceIdentities(const YAML::Node& root, const std::string& file, Manifest* manifest);

}  // namespace clef::manifest::internal

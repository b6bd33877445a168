#include "merge-driver/identities.h"

#include <sys/stat.h>

namespace clef::merge {

std::vector<std::string> IdentityPlaces(const keys::EnvLookup& env) {
  std::vector<std::string> places;
  // Variables holding keys are named, never shown.
  auto inline_keys = [&](const char* name) {
    bool set = keys::NonEmptyVariable(env, name).has_value();
    places.push_back(std::string(name) + (set ? " (set)" : " (not set)"));
  };
  auto named = [&](const char* name) {
    std::optional<std::string> v = keys::NonEmptyVariable(env, name);
    places.push_back(std::string(name) + (v ? "=" + *v : " (not set)"));
  };
  inline_keys("SOPS_AGE_KEY");
  named("SOPS_AGE_KEY_FILE");
  named("SOPS_AGE_KEY_CMD");
  std::string default_file = keys::DefaultKeyFile(env);
  if (!default_file.empty()) {
    struct stat st {};
    bool exists = stat(default_file.c_str(), &st) == 0;
    places.push_back("default key file " + default_file + (exists ? "" : " (absent)"));
  }
  inline_keys("CLEF_AGE_KEY");
  named("CLEF_AGE_KEY_FILE");
  return places;
}

Result<MergeIdentities> LoadMergeIdentities(const keys::EnvLookup& env) {
  Result<keys::IdentitySet> set = keys::IdentitySet::FromEnvironment({}, env);
  if (!set.ok()) return set.error();
  MergeIdentities out{std::move(*set), IdentityPlaces(env)};
  for (const std::string& note : out.set.Notes()) out.places.push_back(note);
  return out;
}

}  // namespace clef::merge

// clef-verify FILE...: whether each sops file is intact (every value decrypts, MAC matches),
// which recipients the local identities match, or why it cannot be opened. Never prints a
// value. Exit 0 all intact, 1 any tampered or unopenable, 2 usage error.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "core/crypto/secure_bytes.h"
#include "core/result.h"
#include "core/sops/identity_set.h"
#include "core/sops/verify.h"
#include "core/util/cli_main.h"

int main(int argc, char** argv) {
  CLI::App app{"Check that sops-encrypted files are intact (MAC verified) without printing values",
               "clef-verify"};
  app.set_version_flag("--version", std::string("clef-verify ") + CLEF_VERSION);
  std::vector<std::string> files;
  std::string format = "text";
  app.add_option("FILE", files, "sops-encrypted files (.enc.yaml, .enc.json, .enc.env, ...)")
      ->required();
  app.add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  return clef::RunTool(app, argc, argv, "clef verify: internal error", [&]() -> int {
    clef::EnsureSodium();
    clef::Result<clef::sops::IdentitySet> identities = clef::sops::IdentitySet::FromEnvironment();
    if (!identities.ok()) {
      std::cerr << "clef verify: " << identities.error().Describe() << "\n";
      return clef::kExitError;
    }
    std::vector<clef::sops::FileVerdict> verdicts;
    for (const std::string& path : files) {
      verdicts.push_back(clef::sops::VerifyFile(path, *identities));
    }
    std::cout << (format == "json" ? clef::sops::FormatVerdictsJson(verdicts)
                                   : clef::sops::FormatVerdictsText(verdicts));
    return clef::sops::VerifyExitCode(verdicts);
  });
}

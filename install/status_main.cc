// clef-status (`clef status`): every secrets file of the repository — the Clef matrix, or the
// sops files of a plain SOPS repo — with its state, recipients by type, key count and last
// modification, without any key. Logic: core/manifest/status.h. Output documented in
// install/README-status.md. Exit 0 with a report; 2 on a bad manifest, .sops.yaml or usage.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "core/manifest/repo_files.h"
#include "core/manifest/status.h"
#include "core/result.h"
#include "core/util/cli_main.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Show every secrets file of this repository (the Clef matrix, or the sops files of a "
      "plain SOPS repo): exists, encrypted as required, recipients by type, number of keys, "
      "last modified. Needs no key.",
      "clef-status"};
  app.set_version_flag("--version", std::string("clef-status ") + CLEF_VERSION);
  std::string dir;
  std::string format = "text";
  app.add_option("-C,--dir", dir,
                 "the repository root (default: the nearest folder up from here holding "
                 "clef.yaml, .sops.yaml or .git)");
  app.add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
  return clef::RunTool(app, argc, argv, "clef status: unexpected error", [&] {
    std::filesystem::path root =
        dir.empty() ? clef::manifest::FindRepoRoot(std::filesystem::current_path())
                    : std::filesystem::path(dir);
    clef::manifest::WorkingTreeFiles files(root);
    clef::Result<clef::manifest::StatusReport> report = clef::manifest::BuildStatus(files);
    if (!report.ok()) {
      std::cerr << "clef status: " << report.error().Describe() << "\n";
      return clef::kExitError;
    }
    std::cout << (format == "json" ? clef::manifest::StatusJson(*report)
                                   : clef::manifest::StatusText(*report));
    return clef::kExitOk;
  });
}

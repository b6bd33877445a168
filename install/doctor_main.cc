// clef-doctor (`clef doctor`): what of clef-git is installed in this repository and on this
// machine, what is missing or stale, and the command that fixes each problem. See doctor.h.
#include <CLI/CLI.hpp>
#include <iostream>

#include "core/result.h"
#include "core/util/cli_main.h"
#include "install/doctor.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Check the clef-git set-up of this repository: .gitattributes block, clef-sops git "
      "config, pre-commit hook, tool versions and local identities. Exit 0 healthy, 1 "
      "problems (each with its fix), 2 error.",
      "clef-doctor"};
  app.set_version_flag("--version", std::string("clef-doctor ") + CLEF_VERSION);
  std::string dir = ".";
  std::string format = "text";
  app.add_option("-C,--dir", dir, "the repository (default: the current folder)");
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return clef::RunTool(app, argc, argv, "clef doctor: unexpected error", [&] {
    clef::Result<clef::install::RepoContext> repo = clef::install::DiscoverRepo(dir);
    if (!repo.ok()) {
      std::cerr << "clef doctor: " << repo.error().Describe() << "\n";
      return clef::kExitError;
    }
    clef::install::DoctorReport report =
        clef::install::RunDoctor(*repo, clef::install::ToolLocator());
    std::cout << (format == "json" ? clef::install::RenderDoctorJson(report)
                                   : clef::install::RenderDoctorText(report));
    return report.healthy() ? clef::kExitOk : clef::kExitNegative;
  });
}

// clef-install: wires clef-git into the current repository (`clef install`,
// `clef hooks install`), or takes it out again (`--uninstall`). See installer.h.
#include <CLI/CLI.hpp>
#include <iostream>

#include "core/result.h"
#include "core/util/cli_main.h"
#include "install/installer.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Wire clef-git into this repository: .gitattributes block, clef-sops git config (merge "
      "driver, textconv, filter) and a pre-commit hook running clef-lint --staged that chains "
      "any existing hook.",
      "clef-install"};
  app.set_version_flag("--version", std::string("clef-install ") + CLEF_VERSION);
  std::string dir = ".";
  bool global = false, dry_run = false, uninstall = false;
  app.add_option("-C,--dir", dir, "the repository (default: the current folder)");
  app.add_flag("--global", global, "write the git config to ~/.gitconfig instead of .git/config");
  app.add_flag("-n,--dry-run", dry_run, "print what would change, change nothing");
  app.add_flag("--uninstall", uninstall, "remove exactly what clef install added");
  return clef::RunTool(app, argc, argv, "clef install: unexpected error", [&] {
    clef::Result<clef::install::RepoContext> repo = clef::install::DiscoverRepo(dir);
    if (!repo.ok()) {
      std::cerr << "clef install: " << repo.error().Describe() << "\n";
      return clef::kExitError;
    }
    clef::install::InstallOptions options;
    options.scope = global ? clef::install::ConfigScope::kGlobal : clef::install::ConfigScope::kLocal;
    options.dry_run = dry_run;
    clef::Result<clef::install::InstallReport> report =
        uninstall ? clef::install::Uninstall(*repo, options)
                  : clef::install::Install(*repo, clef::install::ToolLocator(), options);
    if (!report.ok()) {
      std::cerr << "clef install: " << report.error().Describe() << "\n";
      return clef::kExitError;
    }
    for (const std::string& w : report->warnings) std::cerr << "warning: " << w << "\n";
    const char* prefix = dry_run ? "would " : "";
    for (const std::string& c : report->changes) std::cout << prefix << c << "\n";
    if (report->changes.empty()) {
      std::cout << (uninstall ? "clef-git is not installed here; nothing to remove\n"
                              : "clef-git is already installed; nothing to change\n");
    } else if (!dry_run && !uninstall) {
      std::cout << "installed. Commit .gitattributes; every clone runs `clef install` once. "
                   "`clef doctor` checks the set-up.\n";
    }
    return clef::kExitOk;
  });
}

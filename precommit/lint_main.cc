// clef-lint: pre-commit and CI checks of a Clef or plain SOPS repository.
#include <CLI/CLI.hpp>
#include <iostream>

#include "core/result.h"
#include "core/util/cli_main.h"
#include "precommit/lint_engine.h"
#include "precommit/lint_output.h"

int main(int argc, char** argv) {
  CLI::App app{
      "clef lint: check a Clef or SOPS repository (working tree, or --staged for pre-commit).\n"
      "Exit 0: no errors; 1: errors found; 2: could not run."};
  app.set_version_flag("--version", std::string("clef-lint ") + CLEF_VERSION);
  clef::lint::LintOptions options;
  std::string format = "text";
  bool no_scan = false;
  app.add_flag("--staged", options.staged,
               "Check the blobs staged in the index (honours GIT_INDEX_FILE)");
  app.add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  app.add_option("-C,--dir", options.start_dir, "Repository directory (default: current)");
  app.add_flag("--no-scan", no_scan, "Do not run the secret scanner on plaintext files");
  app.add_flag("--verify", options.verify,
               "Also decrypt with the local identities: verify MACs and schema value types");
  if (std::optional<int> stop = clef::ParseCommandLine(app, argc, argv)) return *stop;
  options.scan_plaintext = !no_scan;
  auto report = clef::lint::RunLint(options);
  if (!report.ok()) {
    std::cerr << "clef-lint: " << report.error().Describe() << "\n";
    return clef::kExitError;
  }
  std::cout << (format == "json" ? clef::lint::LintJson(*report) : clef::lint::LintText(*report));
  return report->HasErrors() ? clef::kExitNegative : clef::kExitOk;
}

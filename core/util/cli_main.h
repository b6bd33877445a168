// The frame a tool's main() puts around its work (design.md, "Exit codes and output"):
// - `--help` and `--version` print (CLI11) and exit kExitOk;
// - a usage error prints CLI11's message and exits kExitError;
// - an exception escaping the work (only the truly unexpected, see core/result.h) is reported
//   once on stderr as "<failure_prefix>: <what>" and exits kExitError.
// Everything the tool does stays in its main(): its options, its work, its own exit codes.
//
//   CLI::App app{"Check ...", "clef-doctor"};
//   app.add_option("-C,--dir", dir, "the repository");
//   return clef::RunTool(app, argc, argv, "clef doctor: unexpected error", [&] {
//     ...
//     return report.healthy() ? clef::kExitOk : clef::kExitNegative;
//   });
//
// Tools whose parse errors mean something else keep their own frame: the merge driver (git
// must see 1, never CLI11's code) and clef-filter textconv (never fails).
//
// Header-only: it needs CLI11, which the tools link and libclefcore does not. It adds nothing
// at start-up beyond what CLI11 and <iostream> (which CLI11 includes) already do.
#pragma once

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <optional>

#include "core/result.h"

namespace clef {

// Parses argv into `app`. Returns the exit code when the tool stops here (help or version:
// kExitOk; usage error: kExitError, CLI11 having printed why), nothing when it goes on.
inline std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitError;
  }
  return std::nullopt;
}

// ParseCommandLine, then `work()` (returning the tool's exit code) with exceptions caught.
template <typename Work>
int RunTool(CLI::App& app, int argc, char** argv, const char* failure_prefix, Work&& work) {
  if (std::optional<int> stop = ParseCommandLine(app, argc, argv)) return *stop;
  try {
    return work();
  } catch (const std::exception& e) {
    std::cerr << failure_prefix << ": " << e.what() << "\n";
    return kExitError;
  }
}

}  // namespace clef

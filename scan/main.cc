// clef-scan: finds secrets in the working tree, the staged blobs, git history or stdin.
// Parses arguments and maps the outcome to exit codes; the work is in scanner.h / report.h.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "core/result.h"
#include "core/util/cli_main.h"
#include "scan/baseline.h"
#include "scan/config.h"
#include "scan/report.h"
#include "scan/scanner.h"

namespace {

constexpr const char* kDescription =
    "Find secrets before they are committed or pushed.\n"
    "  clef scan                  working tree (tracked + untracked, not ignored)\n"
    "  clef scan PATH...          files and folders ('-' reads stdin)\n"
    "  clef scan --staged         what `git commit` is about to record (pre-commit)\n"
    "  clef scan --history [A..B] every unique blob in history (default: all refs)\n"
    "  clef scan --history --since origin/main   only what is new on top of main (CI)\n"
    "Suppress: `clef-ignore` (or `gitleaks:allow`) on the line, .clefignore, --baseline.\n"
    "Rules: .clef/scan.yaml or .clefscan.yaml adds, overrides and disables rules.\n"
    "Exit: 0 nothing found, 1 findings, 2 error.";

}  // namespace

int main(int argc, char** argv) {
  using clef::scan::ScanMode;
  CLI::App app{kDescription, "clef-scan"};
  app.set_version_flag("--version", std::string("clef-scan ") + CLEF_VERSION);
  clef::scan::ScanOptions options;
  std::vector<std::string> paths;
  bool staged = false;
  std::string history_range;
  std::string format = "text";
  bool no_redact = false;
  std::string write_baseline;
  bool list_rules = false;
  app.add_option("paths", paths, "Files or folders to scan ('-' for stdin)");
  app.add_flag("--staged", staged, "Scan the blobs staged in the index (honours GIT_INDEX_FILE)");
  auto* history = app.add_option("--history", history_range, "Scan history: a range A..B or a revision (default: all refs)")
                      ->expected(0, 1);
  app.add_option("--since", options.since, "With --history: skip what this revision already contains");
  app.add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}));
  app.add_flag("--no-redact", no_redact, "Show secrets in full (never in CI logs)");
  app.add_option("--baseline", options.baseline_file, "Do not report findings listed in this baseline");
  app.add_option("--write-baseline", write_baseline, "Write every finding to this baseline file and exit 0");
  app.add_option("--config", options.config_file, "Scanner configuration (default .clef/scan.yaml or .clefscan.yaml)");
  app.add_flag("--list-rules", list_rules, "Print the rules in effect (id, keywords, regex; tab-separated) and exit");
  app.add_option("--threads", options.threads, "Scanning threads (default: one per core)")->check(CLI::Range(1, 256));
  if (std::optional<int> stop = clef::ParseCommandLine(app, argc, argv)) return *stop;

  if (list_rules) {
    auto cfg = clef::scan::LoadScanConfig(".", options.config_file);
    if (!cfg.ok()) {
      std::cerr << "clef-scan: " << cfg.error().Describe() << "\n";
      return clef::kExitError;
    }
    for (const auto& r : cfg->rules) {
      std::cout << r.id << "\t";
      for (size_t i = 0; i < r.keywords.size(); ++i) std::cout << (i ? "," : "") << r.keywords[i];
      std::cout << "\t" << r.regex << "\n";
    }
    return clef::kExitOk;
  }
  int modes = (staged ? 1 : 0) + (history->count() ? 1 : 0) + (paths.empty() ? 0 : 1);
  if (modes > 1) {
    std::cerr << "clef-scan: choose one of PATH..., --staged and --history\n";
    return clef::kExitError;
  }
  if (!options.since.empty() && !history->count()) {
    std::cerr << "clef-scan: --since needs --history\n";
    return clef::kExitError;
  }
  if (staged) {
    options.mode = ScanMode::kStaged;
  } else if (history->count()) {
    options.mode = ScanMode::kHistory;
    options.range = history_range;
    options.progress = true;
  } else if (paths.size() == 1 && paths[0] == "-") {
    options.mode = ScanMode::kStdin;
  } else if (!paths.empty()) {
    options.mode = ScanMode::kPaths;
    options.paths = paths;
  }

  clef::Result<clef::scan::ScanReport> report = clef::Error{};
  try {
    report = clef::scan::RunScan(options);
  } catch (const std::exception& e) {
    std::cerr << "clef-scan: internal error: " << e.what() << "\n";
    return clef::kExitError;
  }
  if (!report.ok()) {
    std::cerr << "clef-scan: " << report.error().Describe() << "\n";
    return clef::kExitError;
  }
  for (const auto& w : report->warnings) std::cerr << "clef-scan: warning: " << w.Describe() << "\n";

  if (!write_baseline.empty()) {
    if (clef::Status s = clef::scan::WriteBaseline(write_baseline, report->findings); !s.ok()) {
      std::cerr << "clef-scan: " << s.error().Describe() << "\n";
      return clef::kExitError;
    }
    std::cerr << "clef-scan: wrote " << report->findings.size() << " findings to " << write_baseline << "\n";
    return clef::kExitOk;
  }

  clef::scan::ReportOptions ro;
  ro.redact = !no_redact;
  const char* no_color = std::getenv("NO_COLOR");
  ro.color = isatty(1) && !(no_color && *no_color);
  if (format == "json") {
    clef::scan::WriteJson(std::cout, *report, ro);
  } else if (format == "sarif") {
    auto cfg = clef::scan::ParseScanConfig("", "");
    clef::scan::WriteSarif(std::cout, *report, cfg->rules, ro);
  } else {
    clef::scan::WriteText(std::cout, *report, ro);
  }
  return report->findings.empty() ? clef::kExitOk : clef::kExitNegative;
}

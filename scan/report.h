// Rendering a scan for people and machines. Every sink redacts secrets (first 4 characters,
// then a mask) unless `redact` is false (--no-redact).
//
// JSON schema (--format json), version 1:
//   {
//     "version": 1,
//     "findings": [{
//        "rule_id": "github-pat", "description": "...", "path": "src/app.py",
//        "line": 3, "column": 9, "end_line": 3, "secret": "ghp_********",
//        "fingerprint": "<40 hex>", "entropy": 4.8,
//        "key_path": "db.password",                      (SOPS findings only)
//        "commit": {"id","author","email","date","summary"} (history mode only)
//     }],
//     "warnings": [{"file": "...", "line": 0, "message": "..."}],
//     "stats": {"files_scanned": n, "files_skipped": n, "bytes_scanned": n, "commits": n,
//               "suppressed_by_baseline": n, "seconds": 0.12}
//   }
// SARIF (--format sarif): SARIF 2.1.0, one run, tool "clef-scan" with every rule in
// tool.driver.rules, one result per finding with a physical location and
// partialFingerprints {"clefScan/v1": <fingerprint>} (content-based, stable across line moves).
#pragma once

#include <ostream>

#include "scan/rule.h"
#include "scan/scanner.h"

namespace clef::scan {

struct ReportOptions {
  bool redact = true;
  bool color = false;
};

void WriteText(std::ostream& out, const ScanReport& report, const ReportOptions& options);
void WriteJson(std::ostream& out, const ScanReport& report, const ReportOptions& options);
void WriteSarif(std::ostream& out, const ScanReport& report, const std::vector<Rule>& rules,
                const ReportOptions& options);

}  // namespace clef::scan

// Rendering of a LintReport.
//
// Text: one line per problem, `path:line: severity [check] message (fix)` (`path: ...` when the
// line is unknown), then a summary line.
// JSON (--format json), schema:
//   {"kind": "clef"|"sops"|"none", "note": str, "files_checked": int,
//    "files_verified": int (--verify: files whose MAC verified),
//    "errors": int, "warnings": int, "infos": int,
//    "problems": [{"check": str, "severity": "error"|"warning"|"info", "path": str,
//                  "line": int (0 = unknown), "key_path": str (only when there is one),
//                  "message": str, "fix": str}]}
// Neither form ever holds a secret value.
#pragma once
#include <string>

#include "precommit/lint_engine.h"

namespace clef::lint {

std::string LintText(const LintReport& report);
std::string LintJson(const LintReport& report);

}  // namespace clef::lint

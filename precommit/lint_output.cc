// Text and JSON rendering of a LintReport (schema in lint_output.h).
#include "precommit/lint_output.h"

#include "core/util/json_writer.h"

namespace clef::lint {
namespace {

int Count(const LintReport& r, Severity s) {
  int n = 0;
  for (const auto& p : r.problems) n += p.severity == s ? 1 : 0;
  return n;
}

}  // namespace

std::string LintText(const LintReport& report) {
  std::string out;
  for (const auto& p : report.problems) {
    out += p.path + ":";
    if (p.line > 0) out += std::to_string(p.line) + ":";
    out += " ";
    out += SeverityName(p.severity);
    out += " [" + p.check + "] " + p.message;
    if (!p.fix.empty()) out += " (" + p.fix + ")";
    out += "\n";
  }
  if (!report.note.empty()) out += "clef-lint: " + report.note + "\n";
  out += "clef-lint: " + std::to_string(report.files_checked) + " secrets files checked, " +
         (report.files_verified > 0 ? std::to_string(report.files_verified) + " MACs verified, "
                                    : std::string()) +
         std::to_string(Count(report, Severity::kError)) + " errors, " +
         std::to_string(Count(report, Severity::kWarning)) + " warnings, " +
         std::to_string(Count(report, Severity::kInfo)) + " infos\n";
  return out;
}

std::string LintJson(const LintReport& report) {
  JsonWriter w(true);
  w.BeginObject();
  w.Key("kind");
  w.String(manifest::RepoKindName(report.kind));
  w.Key("note");
  w.String(report.note);
  w.Key("files_checked");
  w.Int(report.files_checked);
  w.Key("files_verified");
  w.Int(report.files_verified);
  w.Key("errors");
  w.Int(Count(report, Severity::kError));
  w.Key("warnings");
  w.Int(Count(report, Severity::kWarning));
  w.Key("infos");
  w.Int(Count(report, Severity::kInfo));
  w.Key("problems");
  w.BeginArray();
  for (const auto& p : report.problems) {
    w.BeginObject();
    w.Key("check");
    w.String(p.check);
    w.Key("severity");
    w.String(SeverityName(p.severity));
    w.Key("path");
    w.String(p.path);
    w.Key("line");
    w.Int(p.line);
    if (!p.key_path.empty()) {
      w.Key("key_path");
      w.String(p.key_path);
    }
    w.Key("message");
    w.String(p.message);
    w.Key("fix");
    w.String(p.fix);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str() + "\n";
}

}  // namespace clef::lint

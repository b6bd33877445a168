#include "install/doctor.h"

#include <algorithm>

#include "core/util/json_writer.h"

namespace clef::install {

bool DoctorReport::healthy() const { return problems() == 0; }

int DoctorReport::problems() const {
  return static_cast<int>(std::count_if(checks.begin(), checks.end(), [](const DoctorCheck& c) {
    return c.status == CheckStatus::kProblem;
  }));
}

DoctorReport RunDoctor(const RepoContext& repo, const ToolLocator& tools) {
  DoctorReport report;
  report.repository = repo.worktree_root;
  CheckTools(tools, report.checks);
  CheckWiring(repo, tools, report.checks);
  CheckIdentities(repo, report.checks);
  return report;
}

namespace {

const char* StatusWord(CheckStatus s) {
  switch (s) {
    case CheckStatus::kOk: return "ok";
    case CheckStatus::kProblem: return "problem";
    case CheckStatus::kNote: return "note";
  }
  return "";
}

const char* StatusMark(CheckStatus s) {
  switch (s) {
    case CheckStatus::kOk: return "  ok    ";
    case CheckStatus::kProblem: return "  FAIL  ";
    case CheckStatus::kNote: return "  note  ";
  }
  return "";
}

}  // namespace

std::string RenderDoctorText(const DoctorReport& report) {
  std::string out = "clef doctor: " + report.repository + "\n";
  std::string section;
  for (const DoctorCheck& c : report.checks) {
    if (c.section != section) {
      section = c.section;
      out += "\n" + section + "\n";
    }
    out += std::string(StatusMark(c.status)) + c.subject + ": " + c.detail + "\n";
    if (!c.fix.empty() && c.status != CheckStatus::kOk) out += "          fix: " + c.fix + "\n";
  }
  int problems = report.problems();
  out += "\n";
  out += problems == 0 ? std::string("healthy: clef-git is wired into this repository\n")
                       : std::to_string(problems) + (problems == 1 ? " problem" : " problems") +
                             ": run the fix commands above, then clef doctor again\n";
  return out;
}

std::string RenderDoctorJson(const DoctorReport& report) {
  JsonWriter w(/*pretty=*/true);
  w.BeginObject();
  w.Key("repository");
  w.String(report.repository);
  w.Key("healthy");
  w.Bool(report.healthy());
  w.Key("problems");
  w.Int(report.problems());
  w.Key("checks");
  w.BeginArray();
  for (const DoctorCheck& c : report.checks) {
    w.BeginObject();
    w.Key("section");
    w.String(c.section);
    w.Key("subject");
    w.String(c.subject);
    w.Key("status");
    w.String(StatusWord(c.status));
    w.Key("detail");
    w.String(c.detail);
    w.Key("fix");
    w.String(c.fix);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str() + "\n";
}

}  // namespace clef::install

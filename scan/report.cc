#include "scan/report.h"

#include <cstdio>
#include <map>
#include <set>

#include "scan/json_writer.h"

namespace clef::scan {
namespace {

std::string Shown(const Finding& f, const ReportOptions& o) {
  if (f.rule_id == "sops-unencrypted-file") return "";
  return o.redact ? Redact(f.secret) : f.secret;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}

const char* Paint(const ReportOptions& o, const char* code) { return o.color ? code : ""; }

}  // namespace

void WriteText(std::ostream& out, const ScanReport& report, const ReportOptions& o) {
  const char* bold = Paint(o, "\033[1m");
  const char* red = Paint(o, "\033[31m");
  const char* dim = Paint(o, "\033[2m");
  const char* reset = Paint(o, "\033[0m");
  std::string current;
  for (const auto& f : report.findings) {
    if (f.path != current) {
      if (!current.empty()) out << "\n";
      current = f.path;
      out << bold << f.path << reset << "\n";
    }
    out << "  " << f.line << ":" << f.column << "  " << red << f.rule_id << reset << "  " << f.description;
    std::string shown = Shown(f, o);
    if (!shown.empty()) {
      std::string one_line = shown.substr(0, shown.find('\n'));
      out << "  " << dim << one_line << reset;
    }
    out << "\n";
    if (f.has_commit) {
      out << "      " << dim << "introduced in " << f.commit.id.substr(0, 12) << " by " << f.commit.author << " <"
          << f.commit.email << "> " << f.commit.date << ": " << f.commit.summary << reset << "\n";
    }
  }
  if (!report.findings.empty()) out << "\n";
  size_t files = 0;
  {
    std::set<std::string> paths;
    for (const auto& f : report.findings) paths.insert(f.path);
    files = paths.size();
  }
  if (report.findings.empty()) {
    out << "No secrets found (" << report.files_scanned << " files scanned";
  } else {
    out << report.findings.size() << (report.findings.size() == 1 ? " finding" : " findings") << " in " << files
        << (files == 1 ? " file" : " files") << " (" << report.files_scanned << " files scanned";
  }
  if (report.commits) out << ", " << report.commits << " commits";
  if (report.suppressed_by_baseline) out << ", " << report.suppressed_by_baseline << " in the baseline";
  out << ", " << Number(report.seconds) << " s)\n";
  if (!report.findings.empty())
    out << "Suppress a false positive with a `clef-ignore` comment on its line, a .clefignore entry, or a "
           "baseline (--write-baseline).\n";
}

void WriteJson(std::ostream& out, const ScanReport& report, const ReportOptions& o) {
  out << "{\n  \"version\": 1,\n  \"findings\": [";
  bool first = true;
  for (const auto& f : report.findings) {
    out << (first ? "\n" : ",\n");
    first = false;
    out << "    {\"rule_id\": " << JsonString(f.rule_id) << ", \"description\": " << JsonString(f.description)
        << ", \"path\": " << JsonString(f.path) << ", \"line\": " << f.line << ", \"column\": " << f.column
        << ", \"end_line\": " << f.end_line << ", \"secret\": " << JsonString(Shown(f, o))
        << ", \"fingerprint\": " << JsonString(f.fingerprint) << ", \"entropy\": " << Number(f.entropy);
    if (!f.key_path.empty()) out << ", \"key_path\": " << JsonString(f.key_path);
    if (f.has_commit) {
      out << ", \"commit\": {\"id\": " << JsonString(f.commit.id) << ", \"author\": " << JsonString(f.commit.author)
          << ", \"email\": " << JsonString(f.commit.email) << ", \"date\": " << JsonString(f.commit.date)
          << ", \"summary\": " << JsonString(f.commit.summary) << "}";
    }
    out << "}";
  }
  out << (first ? "],\n" : "\n  ],\n");
  out << "  \"warnings\": [";
  first = true;
  for (const auto& w : report.warnings) {
    out << (first ? "\n" : ",\n");
    first = false;
    out << "    {\"file\": " << JsonString(w.file) << ", \"line\": " << w.line << ", \"message\": "
        << JsonString(w.message) << "}";
  }
  out << (first ? "],\n" : "\n  ],\n");
  out << "  \"stats\": {\"files_scanned\": " << report.files_scanned << ", \"files_skipped\": "
      << report.files_skipped << ", \"bytes_scanned\": " << report.bytes_scanned << ", \"commits\": "
      << report.commits << ", \"suppressed_by_baseline\": " << report.suppressed_by_baseline
      << ", \"seconds\": " << Number(report.seconds) << "}\n}\n";
}

void WriteSarif(std::ostream& out, const ScanReport& report, const std::vector<Rule>& rules,
                const ReportOptions& o) {
  std::map<std::string, std::string> descriptions;
  for (const auto& r : rules) descriptions[r.id] = r.description;
  descriptions["high-entropy-string"] = "High-entropy value of unknown format";
  descriptions["sops-plaintext-value"] = "Plaintext value in a file that must be encrypted with sops";
  descriptions["sops-unencrypted-file"] = "File must be encrypted with sops but has no sops metadata";
  std::map<std::string, size_t> index;
  out << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
      << "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"clef-scan\", \"version\": " << JsonString(CLEF_VERSION)
      << ", \"informationUri\": \"https://github.com/clef-sh/clef\", \"rules\": [";
  size_t i = 0;
  for (const auto& [id, desc] : descriptions) {
    index[id] = i;
    out << (i ? ",\n" : "\n") << "      {\"id\": " << JsonString(id) << ", \"name\": " << JsonString(id)
        << ", \"shortDescription\": {\"text\": " << JsonString(desc) << "}, \"defaultConfiguration\": {\"level\": \"error\"}}";
    ++i;
  }
  out << "\n    ]}},\n    \"results\": [";
  bool first = true;
  for (const auto& f : report.findings) {
    out << (first ? "\n" : ",\n");
    first = false;
    std::string message = f.description;
    std::string shown = Shown(f, o);
    if (!shown.empty()) message += ": " + shown.substr(0, shown.find('\n'));
    if (f.has_commit) message += " (introduced in " + f.commit.id.substr(0, 12) + " by " + f.commit.author + ")";
    out << "      {\"ruleId\": " << JsonString(f.rule_id) << ", \"ruleIndex\": " << index[f.rule_id]
        << ", \"level\": \"error\", \"message\": {\"text\": " << JsonString(message) << "},\n"
        << "       \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": " << JsonString(f.path)
        << ", \"uriBaseId\": \"%SRCROOT%\"}, \"region\": {\"startLine\": " << std::max(1, f.line)
        << ", \"startColumn\": " << std::max(1, f.column) << ", \"endLine\": " << std::max(1, f.end_line) << "}}}],\n"
        << "       \"partialFingerprints\": {\"clefScan/v1\": " << JsonString(f.fingerprint) << "}";
    if (f.has_commit)
      out << ",\n       \"properties\": {\"commit\": " << JsonString(f.commit.id) << ", \"author\": "
          << JsonString(f.commit.author) << ", \"date\": " << JsonString(f.commit.date) << "}";
    out << "}";
  }
  out << (first ? "]\n" : "\n    ]\n") << "  }]\n}\n";
}

}  // namespace clef::scan

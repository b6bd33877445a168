// Rendering of StatusReport: the human table and the --format json document.
#include <algorithm>
#include <string>
#include <vector>

#include "core/manifest/status.h"
#include "core/util/json_writer.h"

namespace clef::manifest {

namespace {

constexpr FileState kAllStates[] = {FileState::kEncrypted, FileState::kPlaintext,
                                    FileState::kMissing, FileState::kNotSops, FileState::kInvalid};

std::string RecipientSummary(const FileStatus& f) {
  if (f.state == FileState::kMissing || f.state == FileState::kNotSops ||
      (f.state == FileState::kInvalid && f.recipient_total == 0)) {
    return "-";
  }
  std::string out;
  for (int i = 0; i < kStatusKeyTypeCount; ++i) {
    if (f.recipients_by_type[i] == 0) continue;
    if (!out.empty()) out += ",";
    out += std::string(kStatusKeyTypes[i]) + ":" + std::to_string(f.recipients_by_type[i]);
  }
  return out.empty() ? "none" : out;
}

std::string Declared(const FileStatus& f) {
  if (!f.recipients_as_declared) return "-";
  return *f.recipients_as_declared ? "yes" : "NO";
}

std::string Pad(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

}  // namespace

std::string StatusText(const StatusReport& report) {
  std::string out;
  if (report.kind == RepoKind::kClef) {
    out += "Clef repository: " + std::to_string(report.namespace_count) + " namespace(s) x " +
           std::to_string(report.environment_count) + " environment(s), " +
           std::to_string(report.files.size()) + " cell(s)";
  } else {
    out += "SOPS repository: " + std::to_string(report.files.size()) + " file(s)";
  }
  std::string counts;
  for (FileState s : kAllStates) {
    int n = report.CountIn(s);
    if (n == 0) continue;
    counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + FileStateName(s);
  }
  out += counts.empty() ? "\n" : ": " + counts + "\n";
  if (report.files.empty()) return out;

  std::vector<std::vector<std::string>> rows;
  rows.push_back({report.kind == RepoKind::kClef ? "CELL" : "FILE", "STATE", "RECIPIENTS",
                  "AS DECLARED", "KEYS", "LAST MODIFIED"});
  if (report.kind == RepoKind::kClef) rows[0].push_back("FILE");
  for (const FileStatus& f : report.files) {
    std::vector<std::string> row = {
        report.kind == RepoKind::kClef ? f.ns + "/" + f.env + (f.is_protected ? " (protected)" : "")
                                       : f.path,
        FileStateName(f.state),
        RecipientSummary(f),
        Declared(f),
        f.state == FileState::kMissing ? "-" : std::to_string(f.key_count),
        f.lastmodified.empty() ? "-" : f.lastmodified};
    if (report.kind == RepoKind::kClef) row.push_back(f.path);
    rows.push_back(std::move(row));
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += i + 1 == row.size() ? row[i] : Pad(row[i], widths[i] + 2);
    }
    out += line + "\n";
  }
  for (const FileStatus& f : report.files) {
    if (!f.plaintext_paths.empty()) {
      out += "\n" + f.path + ": " + std::to_string(f.plaintext_paths.size()) +
             " value(s) not encrypted: ";
      for (size_t i = 0; i < f.plaintext_paths.size(); ++i) {
        out += (i ? ", " : "") + f.plaintext_paths[i];
      }
      out += "\n  fix: sops encrypt -i " + f.path + "  (or restore it from git)\n";
    }
    if (!f.problem.empty()) out += "\n" + f.problem + "\n";
  }
  return out;
}

std::string StatusJson(const StatusReport& report) {
  JsonWriter w(/*pretty=*/true);
  w.BeginObject();
  w.Key("kind");
  w.String(RepoKindName(report.kind));
  w.Key("namespaces");
  if (report.kind == RepoKind::kClef) w.Int(report.namespace_count); else w.Null();
  w.Key("environments");
  if (report.kind == RepoKind::kClef) w.Int(report.environment_count); else w.Null();
  w.Key("summary");
  w.BeginObject();
  w.Key("files");
  w.Int(static_cast<int64_t>(report.files.size()));
  for (FileState s : kAllStates) {
    w.Key(FileStateName(s));
    w.Int(report.CountIn(s));
  }
  w.EndObject();
  w.Key("files");
  w.BeginArray();
  for (const FileStatus& f : report.files) {
    const bool clef = report.kind == RepoKind::kClef;
    const bool read = f.state == FileState::kEncrypted || f.state == FileState::kPlaintext;
    auto string_or_null = [&w](const std::string& s) {
      if (s.empty()) w.Null(); else w.String(s);
    };
    w.BeginObject();
    w.Key("path");
    w.String(f.path);
    w.Key("namespace");
    if (clef) w.String(f.ns); else w.Null();
    w.Key("environment");
    if (clef) w.String(f.env); else w.Null();
    w.Key("protected");
    w.Bool(f.is_protected);
    w.Key("backend");
    string_or_null(f.backend);
    w.Key("state");
    w.String(FileStateName(f.state));
    w.Key("exists");
    w.Bool(f.state != FileState::kMissing);
    w.Key("encrypted_as_required");
    if (read) w.Bool(f.state == FileState::kEncrypted); else w.Null();
    w.Key("problem");
    string_or_null(f.problem);
    w.Key("recipients");
    w.BeginObject();
    for (int i = 0; i < kStatusKeyTypeCount; ++i) {
      w.Key(kStatusKeyTypes[i]);
      w.Int(f.recipients_by_type[i]);
    }
    w.EndObject();
    w.Key("recipient_total");
    w.Int(f.recipient_total);
    w.Key("key_groups");
    w.Int(f.key_groups);
    w.Key("keys");
    if (f.state == FileState::kMissing) w.Null(); else w.Int(f.key_count);
    w.Key("lastmodified");
    string_or_null(f.lastmodified);
    w.Key("sops_version");
    string_or_null(f.sops_version);
    w.Key("mac_only_encrypted");
    w.Bool(f.mac_only_encrypted);
    w.Key("plaintext_keys");
    w.BeginArray();
    for (const std::string& p : f.plaintext_paths) w.String(p);
    w.EndArray();
    w.Key("declared_recipients");
    w.Int(f.declared_total);
    w.Key("recipients_as_declared");
    if (f.recipients_as_declared) w.Bool(*f.recipients_as_declared); else w.Null();
    w.Key("sops_rule");
    if (f.rule_index >= 0) w.Int(f.rule_index); else w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str() + "\n";
}

}  // namespace clef::manifest

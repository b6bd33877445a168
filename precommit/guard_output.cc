#include "precommit/guard_output.h"

#include <map>

#include "core/util/json_writer.h"

namespace clef::guard {
namespace {

std::string Subject(const GuardEntry& e) {
  std::string s = e.path;
  if (!e.environment.empty()) s += " [" + e.environment + "]";
  if (!e.recipient.empty()) s += " " + e.recipient;
  return s;
}

}  // namespace

std::string RenderText(const GuardReport& report, bool color) {
  const char* red = color ? "\033[31m" : "";
  const char* reset = color ? "\033[0m" : "";
  std::string out;
  int blocks = 0;
  for (const auto& e : report.entries) {
    if (e.block) ++blocks;
    out += e.block ? std::string(red) + "BLOCK  " + reset : std::string("report ");
    out += e.kind + ": " + Subject(e) + ": " + e.reason + "\n";
  }
  if (!report.required_owners.empty()) {
    out += "approval needed from:";
    for (const auto& o : report.required_owners) out += " " + o;
    out += "\n";
  }
  if (report.entries.empty()) {
    out += "clef guard: no change to who can decrypt what between " + report.base + " and " +
           report.head + "\n";
  } else {
    out += "clef guard: " + std::to_string(report.entries.size()) + " change(s), " +
           std::to_string(blocks) + " blocking\n";
  }
  return out;
}

std::string RenderMarkdown(const GuardReport& report) {
  std::string out = "### clef guard: ";
  out += report.blocked() ? "changes to who can decrypt secrets need attention\n\n"
                          : "no blocking change to who can decrypt secrets\n\n";
  out += "Comparing `" + report.base + "` → `" + report.head + "`.\n\n";
  if (report.entries.empty()) {
    out += "No recipient, encryption-rule or cell changes.\n";
    return out;
  }
  std::map<std::string, std::vector<const GuardEntry*>> gains, losses;
  for (const auto& e : report.entries) {
    if (e.kind == "recipient_added" || e.kind == "undeclared_recipient")
      gains[e.recipient].push_back(&e);
    if (e.kind == "recipient_removed" || e.kind == "recipient_removed_without_rotation")
      losses[e.recipient].push_back(&e);
  }
  if (!gains.empty()) {
    out += "**Who gains access**\n\n";
    for (const auto& [who, es] : gains) {
      out += "- `" + who + "`:";
      std::map<std::string, bool> paths;
      for (const auto* e : es) paths[e->path] = paths[e->path] || e->block;
      for (const auto& [p, b] : paths) out += " `" + p + "`" + (b ? " ⛔" : "");
      out += "\n";
    }
    out += "\n";
  }
  if (!losses.empty()) {
    out += "**Who loses access**\n\n";
    for (const auto& [who, es] : losses) {
      out += "- `" + who + "`:";
      for (const auto* e : es) out += " `" + e->path + "`" + (e->block ? " ⛔ (key not rotated)" : "");
      out += "\n";
    }
    out += "\n";
  }
  out += "| verdict | kind | file | environment | recipient | reason |\n";
  out += "|---|---|---|---|---|---|\n";
  for (const auto& e : report.entries) {
    std::string reason = e.reason;
    for (size_t i = 0; (i = reason.find('|', i)) != std::string::npos; i += 2) reason.replace(i, 1, "\\|");
    out += std::string("| ") + (e.block ? "⛔ block" : "report") + " | " + e.kind + " | `" +
           e.path + "` | " + e.environment + " | " +
           (e.recipient.empty() ? "" : "`" + e.recipient + "`") + " | " + reason + " |\n";
  }
  if (!report.required_owners.empty()) {
    out += "\n**Approval required (CODEOWNERS):**";
    for (const auto& o : report.required_owners) out += " " + o;
    out += "\n";
  }
  return out;
}

std::string RenderJson(const GuardReport& report) {
  JsonWriter w(true);
  w.BeginObject();
  w.Key("base");
  w.String(report.base);
  w.Key("head");
  w.String(report.head);
  w.Key("blocked");
  w.Bool(report.blocked());
  w.Key("required_owners");
  w.BeginArray();
  for (const auto& o : report.required_owners) w.String(o);
  w.EndArray();
  w.Key("entries");
  w.BeginArray();
  for (const auto& e : report.entries) {
    w.BeginObject();
    w.Key("kind");
    w.String(e.kind);
    w.Key("path");
    w.String(e.path);
    w.Key("environment");
    w.String(e.environment);
    w.Key("recipient");
    w.String(e.recipient);
    w.Key("verdict");
    w.String(e.block ? "block" : "report");
    w.Key("reason");
    w.String(e.reason);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str() + "\n";
}

}  // namespace clef::guard

#include "install/git_config_entries.h"

#include <algorithm>

#include "core/git/git_cli.h"
#include "install/marked_block.h"

namespace clef::install {
namespace {

const char* kSections[] = {"merge", "diff", "filter"};

std::string ScopeFlag(ConfigScope scope) {
  return scope == ConfigScope::kGlobal ? "--global" : "--local";
}

std::string ScopeName(ConfigScope scope) {
  return scope == ConfigScope::kGlobal ? "global git config" : "local git config";
}

Status GitConfig(const std::string& repo, std::vector<std::string> args) {
  args.insert(args.begin(), "config");
  Result<git::GitOutput> out = git::RunGit(args, repo);
  if (!out.ok()) return out.error();
  if (out->exit_code != 0) {
    std::string msg = out->stderr_text;
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    Error e = MakeError("git config failed: " + msg, repo);
    e.hint = "check that the git config file is writable";
    return e;
  }
  return Status::Ok();
}

}  // namespace

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string CommandProgram(const std::string& line) {
  size_t i = line.find_first_not_of(" \t");
  if (i == std::string::npos) return {};
  std::string program;
  char quote = 0;
  for (; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = 0; else program += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == ' ' || c == '\t') {
      break;
    } else if (c == '\\' && i + 1 < line.size()) {
      program += line[++i];
    } else {
      program += c;
    }
  }
  return program;
}

std::vector<ConfigEntry> WantedConfig(const std::string& merge_driver, const std::string& filter) {
  std::string d = std::string(kDriverName);
  std::string f = ShellQuote(filter);
  return {
      {"merge." + d + ".name", "clef-git: SOPS-aware merge driver"},
      {"merge." + d + ".driver", ShellQuote(merge_driver) + " %O %A %B %L %P"},
      {"merge." + d + ".recursive", "binary"},
      {"diff." + d + ".textconv", f + " textconv"},
      {"filter." + d + ".process", f + " process"},
      {"filter." + d + ".clean", f + " clean %f"},
      {"filter." + d + ".smudge", f + " smudge %f"},
      {"filter." + d + ".required", "true"},
  };
}

Result<std::vector<ConfigEntry>> ReadClefConfig(const std::string& repo, ConfigScope scope) {
  // -z: "key\nvalue\0" records, so values with spaces or newlines are read exactly.
  Result<git::GitOutput> out = git::RunGit(
      {"config", ScopeFlag(scope), "-z", "--get-regexp", "^(merge|diff|filter)\\.clef-sops\\."},
      repo);
  if (!out.ok()) return out.error();
  std::vector<ConfigEntry> entries;
  if (out->exit_code == 1) return entries;  // none set (or no global config file)
  if (out->exit_code != 0) {
    return MakeError("cannot read the " + ScopeName(scope) + ": " + out->stderr_text, repo);
  }
  const std::string& text = out->stdout_text;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\0', start);
    if (end == std::string::npos) end = text.size();
    std::string record = text.substr(start, end - start);
    size_t nl = record.find('\n');
    entries.push_back(nl == std::string::npos
                          ? ConfigEntry{record, ""}
                          : ConfigEntry{record.substr(0, nl), record.substr(nl + 1)});
    start = end + 1;
  }
  return entries;
}

std::string EffectiveConfig(const std::string& repo, const std::string& key) {
  Result<git::GitOutput> out = git::RunGit({"config", "--get", key}, repo);
  if (!out.ok() || out->exit_code != 0) return {};
  std::string v = out->stdout_text;
  if (!v.empty() && v.back() == '\n') v.pop_back();
  return v;
}

Status ApplyConfig(const std::string& repo, ConfigScope scope,
                   const std::vector<ConfigEntry>& wanted, bool dry_run,
                   std::vector<std::string>& changes) {
  Result<std::vector<ConfigEntry>> current = ReadClefConfig(repo, scope);
  if (!current.ok()) return current.error();
  auto same = [](const ConfigEntry& a, const ConfigEntry& b) {
    return a.key == b.key && a.value == b.value;
  };
  auto by_key = [](const ConfigEntry& a, const ConfigEntry& b) { return a.key < b.key; };
  std::vector<ConfigEntry> have = *current, want = wanted;
  std::sort(have.begin(), have.end(), by_key);
  std::sort(want.begin(), want.end(), by_key);
  if (std::equal(have.begin(), have.end(), want.begin(), want.end(), same)) return Status::Ok();

  if (!current->empty()) {
    changes.push_back("replace the clef-sops sections of the " + ScopeName(scope));
    if (!dry_run) {
      Status s = RemoveConfig(repo, scope, false, changes);
      changes.pop_back();  // already described as a replacement
      if (!s.ok()) return s;
    }
  }
  for (const ConfigEntry& e : wanted) {
    changes.push_back("set " + e.key + " = " + e.value + " (" + ScopeName(scope) + ")");
    if (dry_run) continue;
    if (Status s = GitConfig(repo, {ScopeFlag(scope), e.key, e.value}); !s.ok()) return s;
  }
  return Status::Ok();
}

Status RemoveConfig(const std::string& repo, ConfigScope scope, bool dry_run,
                    std::vector<std::string>& changes) {
  Result<std::vector<ConfigEntry>> current = ReadClefConfig(repo, scope);
  if (!current.ok()) return current.error();
  bool removed = false;
  for (const char* section : kSections) {
    std::string name = std::string(section) + "." + kDriverName;
    bool present = std::any_of(current->begin(), current->end(), [&](const ConfigEntry& e) {
      return e.key.rfind(name + ".", 0) == 0;
    });
    if (!present) continue;
    removed = true;
    if (dry_run) continue;
    if (Status s = GitConfig(repo, {ScopeFlag(scope), "--remove-section", name}); !s.ok()) {
      return s;
    }
  }
  if (removed) changes.push_back("remove the clef-sops sections from the " + ScopeName(scope));
  return Status::Ok();
}

}  // namespace clef::install

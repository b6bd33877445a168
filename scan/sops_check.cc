#include "scan/sops_check.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <optional>

namespace clef::scan {
namespace {

bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// The encryption rule a sops file records in its metadata.
struct EncryptionRule {
  std::string unencrypted_suffix = "_unencrypted";
  std::string encrypted_suffix;
  std::optional<re2::RE2> unencrypted_regex;
  std::optional<re2::RE2> encrypted_regex;

  // Whether the value under `path` (keys from the root) is meant to be encrypted. sops
  // decides on the key names along the path: once a key matches, the subtree follows it.
  bool Encrypts(const std::vector<std::string>& path) const {
    for (const auto& key : path) {
      if (encrypted_regex) {
        if (re2::RE2::PartialMatch(key, *encrypted_regex)) return true;
      } else if (!encrypted_suffix.empty()) {
        if (EndsWith(key, encrypted_suffix)) return true;
      } else if (unencrypted_regex) {
        if (re2::RE2::PartialMatch(key, *unencrypted_regex)) return false;
      } else if (!unencrypted_suffix.empty() && EndsWith(key, unencrypted_suffix)) {
        return false;
      }
    }
    return !(encrypted_regex || !encrypted_suffix.empty());
  }
};

void ReadRule(const YAML::Node& sops, EncryptionRule& rule) {
  auto str = [&](const char* k) -> std::string {
    const YAML::Node n = sops[k];
    return n && n.IsScalar() ? n.as<std::string>() : std::string();
  };
  std::string us = str("unencrypted_suffix"), es = str("encrypted_suffix");
  std::string ur = str("unencrypted_regex"), er = str("encrypted_regex");
  if (!es.empty() || !ur.empty() || !er.empty()) rule.unencrypted_suffix.clear();
  if (!us.empty()) rule.unencrypted_suffix = us;
  rule.encrypted_suffix = es;
  if (!ur.empty()) rule.unencrypted_regex.emplace(ur);
  if (!er.empty()) rule.encrypted_regex.emplace(er);
}

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& p : path) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

void Walk(const YAML::Node& node, std::vector<std::string>& path, const EncryptionRule& rule,
          const std::string& file, std::vector<Finding>& out) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      if (path.empty() && key == "sops") continue;
      path.push_back(key);
      Walk(kv.second, path, rule, file, out);
      path.pop_back();
    }
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) {
      path.push_back("[" + std::to_string(i) + "]");
      Walk(node[i], path, rule, file, out);
      path.pop_back();
    }
  } else if (node.IsScalar()) {
    const std::string& v = node.Scalar();
    if (v.rfind("ENC[", 0) == 0 || v.empty()) return;
    if (!rule.Encrypts(path)) return;
    Finding f;
    f.rule_id = "sops-plaintext-value";
    f.key_path = JoinPath(path);
    f.description = "Plaintext value at '" + f.key_path + "' in a file that must be encrypted";
    f.path = file;
    f.secret = v;
    f.line = node.Mark().line + 1;
    f.column = node.Mark().column + 1;
    f.end_line = f.line;
    out.push_back(std::move(f));
  }
}

Finding UnencryptedFile(const std::string& path) {
  Finding f;
  f.rule_id = "sops-unencrypted-file";
  f.description = "File must be encrypted with sops but has no sops metadata";
  f.path = path;
  f.line = 1;
  f.column = 1;
  f.end_line = 1;
  return f;
}

Result<std::vector<Finding>> CheckDotenv(std::string_view content, const std::string& path) {
  std::vector<Finding> out;
  bool has_sops = content.find("\nsops_mac=") != std::string_view::npos || content.rfind("sops_mac=", 0) == 0;
  if (!has_sops) return std::vector<Finding>{UnencryptedFile(path)};
  EncryptionRule rule;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    std::string_view line = content.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t eq = line.find('=');
    if (!line.empty() && line[0] != '#' && eq != std::string_view::npos) {
      std::string key(line.substr(0, eq));
      std::string_view value = line.substr(eq + 1);
      if (key.rfind("sops_", 0) != 0 && !value.empty() && value.rfind("ENC[", 0) != 0 && rule.Encrypts({key})) {
        Finding f;
        f.rule_id = "sops-plaintext-value";
        f.key_path = key;
        f.description = "Plaintext value at '" + key + "' in a file that must be encrypted";
        f.path = path;
        f.secret = std::string(value);
        f.line = f.end_line = line_no;
        f.column = static_cast<int>(eq) + 2;
        out.push_back(std::move(f));
      }
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

}  // namespace

bool IsSopsFileName(std::string_view path) {
  for (const char* e : {".enc.yaml", ".enc.yml", ".enc.json", ".enc.env", ".enc"})
    if (EndsWith(path, e)) return true;
  return false;
}

Result<std::vector<Finding>> CheckSopsFile(std::string_view content, const std::string& path) {
  if (EndsWith(path, ".env")) return CheckDotenv(content, path);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(content));
  } catch (const YAML::Exception& e) {
    Error err = MakeError("cannot parse as YAML/JSON: " + e.msg, path, e.mark.line + 1, e.mark.column + 1);
    err.hint = "fix the syntax, or re-encrypt the file with sops";
    return err;
  }
  if (!root.IsMap()) return std::vector<Finding>{};
  const YAML::Node sops = root["sops"];
  if (!sops || !sops.IsMap()) return std::vector<Finding>{UnencryptedFile(path)};
  EncryptionRule rule;
  ReadRule(sops, rule);
  std::vector<Finding> out;
  std::vector<std::string> key_path;
  Walk(root, key_path, rule, path, out);
  return out;
}

}  // namespace clef::scan

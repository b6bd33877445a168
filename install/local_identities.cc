#include "install/local_identities.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto/age_x25519.h"
#include "core/crypto/secure_bytes.h"
#include "core/manifest/config_yaml.h"
#include "install/program_output.h"

namespace fs = std::filesystem;

namespace clef::install {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Derives the recipients of every AGE-SECRET-KEY line of `text`; returns how many parsed.
int AddIdentities(std::string_view text, const std::string& source, LocalIdentities& out) {
  int count = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.rfind("AGE-SECRET-KEY-", 0) != 0) continue;
    Result<crypto::X25519Identity> id = crypto::X25519Identity::Parse(line);
    if (!id.ok()) {
      out.notes.push_back(source + ": a line starting AGE-SECRET-KEY- does not parse as an age identity");
      continue;
    }
    std::string recipient = id->Recipient().ToString();
    if (std::find(out.age_recipients.begin(), out.age_recipients.end(), recipient) ==
        out.age_recipients.end()) {
      out.age_recipients.push_back(recipient);
    }
    ++count;
  }
  return count;
}

void AddInline(const char* var, LocalIdentities& out) {
  std::string value = Env(var);
  if (value.empty()) return;
  int n = AddIdentities(value, var, out);
  Wipe(value.data(), value.size());
  out.sources.push_back(std::string(var) + ": " + std::to_string(n) + " identit" + (n == 1 ? "y" : "ies"));
}

void AddFile(const std::string& label, const std::string& path, bool must_exist, LocalIdentities& out) {
  if (path.empty()) return;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (must_exist) out.notes.push_back(label + " names " + path + ", which does not exist");
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.notes.push_back(label + ": cannot read " + path);
    return;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  int n = AddIdentities(text, label + " (" + path + ")", out);
  Wipe(text.data(), text.size());
  out.sources.push_back(label + " (" + path + "): " + std::to_string(n) + " identit" + (n == 1 ? "y" : "ies"));
}

// `age_key_file` of .clef/config.yaml (per-developer, gitignored).
std::string ClefConfigKeyFile(const std::string& worktree_root) {
  fs::path config = fs::path(worktree_root) / ".clef" / "config.yaml";
  std::ifstream in(config);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  Result<YAML::Node> root = manifest::LoadConfigYaml(text.str(), config.string(), "invalid YAML");
  if (!root.ok()) return {};
  std::string file = manifest::ScalarText(manifest::Child(*root, "age_key_file"));
  if (!file.empty() && file[0] == '~') file = Env("HOME") + file.substr(1);
  if (!file.empty() && fs::path(file).is_relative()) file = (fs::path(worktree_root) / file).string();
  return file;
}

}  // namespace

LocalIdentities FindLocalAgeIdentities(const std::string& worktree_root) {
  LocalIdentities out;
  AddInline("SOPS_AGE_KEY", out);
  AddFile("SOPS_AGE_KEY_FILE", Env("SOPS_AGE_KEY_FILE"), true, out);
  std::string config_home = Env("XDG_CONFIG_HOME");
  if (config_home.empty() && !Env("HOME").empty()) config_home = Env("HOME") + "/.config";
  if (!config_home.empty()) {
    AddFile("sops default key file", config_home + "/sops/age/keys.txt", false, out);
  }
  AddInline("CLEF_AGE_KEY", out);
  AddFile("CLEF_AGE_KEY_FILE", Env("CLEF_AGE_KEY_FILE"), true, out);
  AddFile(".clef/config.yaml age_key_file", ClefConfigKeyFile(worktree_root), true, out);
  if (!Env("SOPS_AGE_KEY_CMD").empty()) {
    out.notes.push_back("SOPS_AGE_KEY_CMD is set; doctor does not run it, so its identities are not counted");
  }
  return out;
}

bool GpgHasSecretKey(const std::string& fingerprint) {
  Result<ProgramOutput> out =
      RunProgram({"gpg", "--batch", "--with-colons", "--list-secret-keys", fingerprint});
  return out.ok() && out->exit_code == 0;
}

}  // namespace clef::install

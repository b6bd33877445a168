#include "core/keys/identity_set.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/crypto/key_process.h"
#include "core/crypto/secure_bytes.h"
#include "core/keys/shlex.h"

namespace clef::keys {
namespace {

constexpr std::string_view kAgeEncryptedMagic = "age-encryption";
constexpr std::string_view kArmorMagic = "-----BEGIN AGE";

// Calls `fn(line, number)` for each line, with a trailing '\r' removed (bufio.ScanLines).
template <typename Fn>
Status ForEachLine(std::string_view text, Fn fn) {
  int number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number;
    if (Status s = fn(line, number); !s.ok()) return s;
    pos = nl + 1;
  }
  return Status::Ok();
}

Result<SecureBytes> ReadSecretFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return MakeError(std::string("cannot read: ") + std::strerror(errno), path);
  std::streamsize size = in.tellg();
  if (size < 0) return MakeError("cannot read", path);
  in.seekg(0);
  SecureBytes buf(static_cast<size_t>(size));
  if (size > 0 && !in.read(reinterpret_cast<char*>(buf.data()), size)) {
    return MakeError("cannot read", path);
  }
  return buf;
}

bool Exists(const std::string& path) {
  std::ifstream in(path);
  return static_cast<bool>(in);
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

std::optional<std::string> NonEmptyVariable(const EnvLookup& env, const std::string& name) {
  std::optional<std::string> v = env(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

std::string DefaultKeyFile(const EnvLookup& env) {
  if (auto xdg = NonEmptyVariable(env, "XDG_CONFIG_HOME")) return *xdg + "/sops/age/keys.txt";
  if (auto home = NonEmptyVariable(env, "HOME")) return *home + "/.config/sops/age/keys.txt";
  return "";
}

Status IdentitySet::AddOne(std::string_view word, const std::string& source, int line) {
  std::string where = source + (line > 0 ? ", line " + std::to_string(line) : "");
  if (word.starts_with("AGE-PLUGIN-") || word.starts_with("AGE-SECRET-KEY-PQ-1")) {
    notes_.push_back("skipped a " +
                     std::string(word.starts_with("AGE-PLUGIN-") ? "plugin" : "post-quantum") +
                     " identity from " + where + " (not supported natively; use the sops CLI)");
    return Status::Ok();
  }
  Result<crypto::X25519Identity> id = crypto::X25519Identity::Parse(word);
  if (!id.ok()) {
    Error e = MakeError("age identity from " + where + " is not valid: " + id.error().message);
    e.hint = "each key line must be an AGE-SECRET-KEY-1... identity as age-keygen writes it";
    return e;
  }
  age_.push_back(std::move(*id));
  sources_.push_back(source);
  return Status::Ok();
}

Status IdentitySet::AddKeyFileText(std::string_view text, const std::string& source) {
  if (text.substr(0, kAgeEncryptedMagic.size()) == kAgeEncryptedMagic ||
      text.substr(0, kArmorMagic.size()) == kArmorMagic) {
    Error e = MakeError("the age key file from " + source +
                        " is passphrase-protected (age-encrypted), which clef cannot read");
    e.hint = "decrypt it to a protected location or provide the key through SOPS_AGE_KEY_CMD";
    return e;
  }
  return ForEachLine(text, [&](std::string_view line, int number) -> Status {
    if (line.empty() || line.front() == '#') return Status::Ok();
    return AddOne(line, source, number);
  });
}

Status IdentitySet::AddKeyListText(std::string_view text, const std::string& source) {
  return ForEachLine(text, [&](std::string_view line, int number) -> Status {
    if (line.empty() || line.front() == '#') return Status::Ok();
    size_t pos = 0;
    while (pos < line.size()) {
      while (pos < line.size() && std::isspace(static_cast<unsigned char>(line[pos]))) ++pos;
      size_t end = pos;
      while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end]))) ++end;
      if (end > pos) {
        if (Status s = AddOne(line.substr(pos, end - pos), source, number); !s.ok()) return s;
      }
      pos = end;
    }
    return Status::Ok();
  });
}

Status IdentitySet::AddKeyFile(const std::string& path, const std::string& source) {
  Result<SecureBytes> text = ReadSecretFile(path);
  if (!text.ok()) {
    Error e = text.error();
    e.message = "cannot read the age key file from " + source + ": " + e.message;
    return e;
  }
  return AddKeyFileText(text->view(), source);
}

Result<IdentitySet> IdentitySet::FromEnvironment(std::string_view recipient, const EnvLookup& env) {
  IdentitySet set;
  auto set_and_nonempty = [&](const char* name) { return NonEmptyVariable(env, name); };

  if (auto key = set_and_nonempty("SOPS_AGE_KEY")) {
    if (Status s = set.AddKeyListText(*key, "SOPS_AGE_KEY"); !s.ok()) return s.error();
    Wipe(key->data(), key->size());
  }
  if (auto path = set_and_nonempty("SOPS_AGE_KEY_FILE")) {
    if (Status s = set.AddKeyFile(*path, "SOPS_AGE_KEY_FILE=" + *path); !s.ok()) return s.error();
  }
  if (auto cmd = set_and_nonempty("SOPS_AGE_KEY_CMD")) {
    std::string source = "SOPS_AGE_KEY_CMD=" + *cmd;
    Result<std::vector<std::string>> argv = ShlexSplit(*cmd);
    if (!argv.ok()) return MakeError("cannot parse " + source + ": " + argv.error().message);
    if (argv->empty()) return MakeError(source + " names no program");
    Result<crypto::KeyProcessOutput> out =
        crypto::RunKeyProcess(*argv, {}, {"SOPS_AGE_RECIPIENT=" + std::string(recipient)});
    if (!out.ok()) return MakeError("cannot run " + source + ": " + out.error().message);
    if (out->exit_code != 0) {
      std::string err = out->stderr_text.substr(0, out->stderr_text.find('\n'));
      return MakeError(source + " failed (exit " + std::to_string(out->exit_code) + ")" +
                       (err.empty() ? "" : ": " + err));
    }
    if (Status s = set.AddKeyFileText(out->stdout_bytes.view(), source); !s.ok()) {
      return s.error();
    }
  }
  std::string default_file = DefaultKeyFile(env);
  if (!default_file.empty() && Exists(default_file)) {
    if (Status s = set.AddKeyFile(default_file, default_file); !s.ok()) return s.error();
  }
  if (auto key = set_and_nonempty("CLEF_AGE_KEY")) {
    if (Status s = set.AddKeyListText(*key, "CLEF_AGE_KEY"); !s.ok()) return s.error();
    Wipe(key->data(), key->size());
  }
  if (auto path = set_and_nonempty("CLEF_AGE_KEY_FILE")) {
    if (Status s = set.AddKeyFile(*path, "CLEF_AGE_KEY_FILE=" + *path); !s.ok()) return s.error();
  }
  return set;
}

std::vector<std::string> IdentitySet::AgeRecipients() const {
  std::vector<std::string> out;
  for (const auto& id : age_) out.push_back(id.Recipient().ToString());
  return out;
}

std::vector<std::string> IdentitySet::Describe() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < age_.size(); ++i) {
    out.push_back(age_[i].Recipient().ToString() + " (from " + sources_[i] + ")");
  }
  return out;
}

}  // namespace clef::keys

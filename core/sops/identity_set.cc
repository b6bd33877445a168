#include "core/sops/identity_set.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

#include "core/crypto/secure_bytes.h"

namespace clef::sops {
namespace {

constexpr size_t kMaxKeyFile = 1 << 20;

// Reads a whole key file into SecureBytes (it holds private keys).
Result<SecureBytes> ReadKeyFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return MakeError("cannot read the age key file", path);
  SecureBytes buf(kMaxKeyFile);
  size_t n = std::fread(buf.data(), 1, buf.size(), f);
  bool too_big = n == buf.size();
  std::fclose(f);
  if (too_big) return MakeError("the age key file is larger than 1 MiB", path);
  buf.Truncate(n);
  return buf;
}

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

Status IdentitySet::AddKeyText(std::string_view text, const std::string& source) {
  int line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = Trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    Result<crypto::X25519Identity> id = crypto::X25519Identity::Parse(line);
    if (!id.ok()) {
      return MakeError("line " + std::to_string(line_no) + " of " + source +
                       " is not an age identity (AGE-SECRET-KEY-1...)");
    }
    age_.push_back(std::move(*id));
    sources_.push_back(source);
  }
  return Status::Ok();
}

Result<IdentitySet> IdentitySet::FromEnvironment() {
  IdentitySet set;
  for (const char* var : {"SOPS_AGE_KEY", "CLEF_AGE_KEY"}) {
    if (const char* keys = std::getenv(var); keys != nullptr && *keys != '\0') {
      if (Status s = set.AddKeyText(keys, var); !s.ok()) return s.error();
    }
  }
  auto add_file = [&](const std::string& path, const std::string& source) -> Status {
    Result<SecureBytes> text = ReadKeyFile(path);
    if (!text.ok()) return text.error();
    return set.AddKeyText(text->view(), source);
  };
  for (const char* var : {"SOPS_AGE_KEY_FILE", "CLEF_AGE_KEY_FILE"}) {
    if (const char* path = std::getenv(var); path != nullptr && *path != '\0') {
      if (Status s = add_file(path, std::string(var) + "=" + path); !s.ok()) return s.error();
    }
  }
  std::string config;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') {
    config = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    config = std::string(home) + "/.config";
  }
  if (!config.empty()) {
    std::string path = config + "/sops/age/keys.txt";
    if (Exists(path)) {
      if (Status s = add_file(path, path); !s.ok()) return s.error();
    }
  }
  return set;
}

std::vector<std::string> IdentitySet::Describe() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < age_.size(); ++i) {
    out.push_back(age_[i].Recipient().ToString() + " (from " + sources_[i] + ")");
  }
  return out;
}

std::vector<std::string> IdentitySet::AgeRecipients() const {
  std::vector<std::string> out;
  for (const auto& id : age_) out.push_back(id.Recipient().ToString());
  return out;
}

}  // namespace clef::sops

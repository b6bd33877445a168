#include "merge-driver/age_identities.h"

#include <cstdio>
#include <cstdlib>

#include "core/crypto/secure_bytes.h"

namespace clef::merge {
namespace {

// Reads a whole file into wiping memory; nullopt when it does not exist.
Result<std::optional<SecureBytes>> ReadSecretFile(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::optional<SecureBytes>();
  std::fseek(f, 0, SEEK_END);
  long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  if (size < 0 || size > (1 << 20)) {
    std::fclose(f);
    return MakeError("the age key file is not readable or too large", path);
  }
  SecureBytes bytes(static_cast<size_t>(size));
  size_t got = size > 0 ? std::fread(bytes.data(), 1, bytes.size(), f) : 0;
  std::fclose(f);
  bytes.Truncate(got);
  return std::optional<SecureBytes>(std::move(bytes));
}

Status AddFromText(std::string_view text, const std::string& source, AgeIdentities& out) {
  size_t start = 0;
  int line_no = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') {
      Result<crypto::X25519Identity> id = crypto::X25519Identity::Parse(line);
      if (!id.ok()) {
        return MakeError("line " + std::to_string(line_no) + " of " + source +
                         " is not an age identity (AGE-SECRET-KEY-1...)");
      }
      out.identities.push_back(std::move(*id));
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return Status::Ok();
}

Status AddFromFile(const std::string& path, const std::string& source, AgeIdentities& out) {
  out.searched.push_back(source + " (" + path + ")");
  Result<std::optional<SecureBytes>> bytes = ReadSecretFile(path);
  if (!bytes.ok()) return bytes.error();
  if (!*bytes) return Status::Ok();
  return AddFromText((*bytes)->view(), path, out);
}

}  // namespace

Result<AgeIdentities> LoadAgeIdentities() {
  AgeIdentities out;
  for (const char* var : {"SOPS_AGE_KEY", "CLEF_AGE_KEY"}) {
    out.searched.push_back(var);
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') {
      Status s = AddFromText(v, var, out);
      if (!s.ok()) return s.error();
    }
  }
  for (const char* var : {"SOPS_AGE_KEY_FILE", "CLEF_AGE_KEY_FILE"}) {
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') {
      Status s = AddFromFile(v, var, out);
      if (!s.ok()) return s.error();
    } else {
      out.searched.push_back(var);
    }
  }
  std::string config;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x != nullptr && *x != '\0') {
    config = x;
  } else if (const char* h = std::getenv("HOME"); h != nullptr) {
    config = std::string(h) + "/.config";
  }
  if (!config.empty()) {
    Status s = AddFromFile(config + "/sops/age/keys.txt", "default key file", out);
    if (!s.ok()) return s.error();
  }
  return out;
}

}  // namespace clef::merge

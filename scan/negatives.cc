#include "scan/negatives.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace clef::scan {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Contains(const std::string& hay, std::string_view needle) {
  return hay.find(needle) != std::string::npos;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool IsPlaceholder(std::string_view value) {
  if (value.empty()) return true;
  std::string v = Lower(value);
  // One character repeated, allowing a few separators ("xxxx-xxxx", "********").
  {
    char first = 0;
    int distinct_alnum = 0;
    for (char c : v) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '*' || c == '#' || c == '.') {
        if (first == 0) {
          first = c;
          distinct_alnum = 1;
        } else if (c != first) {
          distinct_alnum = 2;
          break;
        }
      }
    }
    if (distinct_alnum <= 1) return true;
  }
  if (v.front() == '<' && v.back() == '>') return true;
  if (v.front() == '[' && v.back() == ']') return true;
  static const char* const kWords[] = {
      "changeme", "change_me", "change-me", "changeit", "example", "placeholder", "your_", "your-",
      "yourkey", "yourtoken", "yourpassword", "<your", "here>", "_here", "-here", "xxxx", "****",
      "dummy", "redacted", "replace_me", "replaceme", "replace-me", "fixme", "todo", "notasecret",
      "not-a-secret", "not_a_secret", "insert_", "insert-", "sample", "fake", "foobar", "lorem",
      "...", "secret_goes", "password_goes", "enter_", "enter-your", "<password>", "<token>",
      "abcdefgh", "12345678", "qwerty", "letmein", "p@ssw0rd", "passw0rd", "s3cr3t"};
  for (const char* w : kWords)
    if (Contains(v, w)) return true;
  static const char* const kExact[] = {"password", "secret", "token", "pass", "passwd", "pwd",
                                       "admin", "root", "test", "testing", "default", "none",
                                       "null", "nil", "undefined", "true", "false", "empty",
                                       "required", "optional", "string", "value", "apikey",
                                       "api_key", "secretkey", "secret_key", "mypassword",
                                       "password123", "hunter2", "guest"};
  for (const char* w : kExact)
    if (v == w) return true;
  return false;
}

bool IsReference(std::string_view value) {
  std::string v = Lower(value);
  if (v.find('$') != std::string::npos && (Contains(v, "${") || Contains(v, "$(") ||
                                           (v[0] == '$' && v.size() > 1 &&
                                            (std::isalpha(static_cast<unsigned char>(v[1])) || v[1] == '_'))))
    return true;
  if (Contains(v, "{{") || Contains(v, "}}") || Contains(v, "%(") || Contains(v, "#{")) return true;
  if (v.size() > 2 && v.front() == '%' && v.back() == '%') return true;  // %VAR%
  if (v.size() > 2 && v.front() == '@' && v.back() == '@') return true;  // @VAR@
  static const char* const kRefs[] = {"os.environ", "os.getenv", "getenv(", "process.env", "env(",
                                      "env.", "secrets.", "vault:", "ssm:", "arn:aws:", "secretref",
                                      "secretkeyref", "valuefrom", "import.meta.env", "config[",
                                      "settings.", "fromsecret", "keyvault", "lookup(", "var.",
                                      "local.", "data.", "file(", "read(", "${{"};
  for (const char* r : kRefs)
    if (Contains(v, r)) return true;
  // A call: name(...) or name.attr(...).
  size_t paren = v.find('(');
  if (paren != std::string::npos && paren > 0 && v.back() == ')') {
    bool ident = true;
    for (size_t i = 0; i < paren; ++i)
      if (!(std::isalnum(static_cast<unsigned char>(v[i])) || v[i] == '_' || v[i] == '.')) ident = false;
    if (ident) return true;
  }
  return false;
}

bool IsIdentifierExpression(std::string_view value) {
  if (value.empty()) return true;
  bool has_digit = false;
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) has_digit = true;
    if (!(std::isalnum(u) || c == '_' || c == '.' || c == '$' || c == '[' || c == ']' || c == '-' ||
          c == '>')) return false;
  }
  if (!std::isalpha(static_cast<unsigned char>(value[0])) && value[0] != '_' && value[0] != '$') return false;
  // `self.token`, `config.db.password`, `e.apiKey`: members; `someVariable` with no digits.
  return value.find('.') != std::string_view::npos || value.find("->") != std::string_view::npos || !has_digit;
}

bool IsKnownNonSecret(std::string_view value) {
  if (StartsWith(value, "ENC[") || value.find("ENC[AES256_GCM,") != std::string_view::npos) return true;
  if (StartsWith(value, "age1") && value.size() >= 60) return true;
  if (StartsWith(value, "ssh-") || StartsWith(value, "ecdsa-sha2-") || StartsWith(value, "AAAAB3NzaC1") ||
      StartsWith(value, "AAAAC3NzaC1") || StartsWith(value, "AAAAE2VjZHNh"))
    return true;
  for (const char* p : {"sha1-", "sha256-", "sha384-", "sha512-", "h1:", "sha256:", "sha512:", "md5-", "data:",
                        "$2a$", "$2b$", "$2y$", "$argon2", "$pbkdf2", "$scrypt$", "$6$", "$5$", "$1$"})
    if (StartsWith(value, p)) return true;
  if (value.find("-----BEGIN PUBLIC KEY") != std::string_view::npos ||
      value.find("-----BEGIN CERTIFICATE") != std::string_view::npos)
    return true;
  return false;
}

bool IsLockFile(std::string_view path) {
  std::string_view base = BaseName(path);
  static const char* const kNames[] = {
      "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "go.sum", "go.work.sum",
      "Cargo.lock", "poetry.lock", "Pipfile.lock", "composer.lock", "Gemfile.lock", "bun.lock", "bun.lockb",
      "deno.lock", "gradle.lockfile", "packages.lock.json", "flake.lock", "mix.lock", "pubspec.lock",
      "Package.resolved", "Podfile.lock", "uv.lock", "pdm.lock", "conda-lock.yml", ".terraform.lock.hcl"};
  for (const char* n : kNames)
    if (base == n) return true;
  return EndsWith(base, ".lock");
}

bool IsNonSecretName(std::string_view name) {
  std::string n = Lower(name);
  static const char* const kNames[] = {"id", "uuid", "guid", "hash", "sha", "sha1", "sha256", "sha512", "md5",
                                       "checksum", "digest", "integrity", "etag", "commit", "rev", "revision",
                                       "version", "resolved", "url", "uri", "href", "src", "path", "file",
                                       "filename", "name", "image", "icon", "data", "content", "nonce", "iv",
                                       "tag", "mac", "key_id", "keyid", "public_key", "publickey", "pubkey",
                                       "recipient", "recipients", "fingerprint", "kid", "ref", "sig",
                                       "signature", "cert", "certificate", "ca", "font", "logo", "avatar",
                                       "thumbnail", "encrypted", "enc", "salt", "lastmodified", "mac"};
  // Compare the last word of the name (after separators), e.g. "asset_hash" -> "hash".
  size_t cut = n.find_last_of("_.-/[\"' ");
  std::string last = cut == std::string::npos ? n : n.substr(cut + 1);
  for (const char* k : kNames)
    if (n == k || last == k) return true;
  for (const char* k : {"hash", "sha", "checksum", "digest", "integrity", "uuid", "commit", "public"})
    if (Contains(n, k)) return true;
  return false;
}

bool IsSecretName(std::string_view name) {
  std::string n = Lower(name);
  if (IsNonSecretName(n)) return false;
  for (const char* k : {"pass", "pwd", "secret", "token", "key", "auth", "cred", "private", "signing",
                        "session", "cookie", "bearer", "apikey"})
    if (Contains(n, k)) return true;
  return false;
}

bool IsCodeFile(std::string_view path) {
  static const char* const kExt[] = {".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".go", ".java", ".kt",
                                     ".kts", ".scala", ".rb", ".php", ".cs", ".c", ".cc", ".cpp", ".h", ".hpp",
                                     ".rs", ".swift", ".m", ".mm", ".dart", ".lua", ".pl", ".groovy", ".vue",
                                     ".svelte", ".ex", ".exs", ".erl", ".clj", ".r", ".jl", ".sh", ".bash", ".zsh",
                                     ".ps1", ".ipynb", ".tf", ".hcl"};
  for (const char* e : kExt)
    if (EndsWith(path, e)) return true;
  return false;
}

}  // namespace clef::scan

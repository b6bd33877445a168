#include "core/crypto/data_key.h"

#include <cctype>
#include <cstdlib>

#include "core/crypto/aes_gcm.h"
#include "core/crypto/age.h"
#include "core/crypto/age_armor.h"
#include "core/crypto/key_process.h"

namespace clef::crypto {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string GpgProgram() {
  const char* exec = std::getenv("SOPS_GPG_EXEC");
  return exec && *exec ? exec : "gpg";
}

std::string FirstLine(const std::string& text) {
  std::string_view t = Trim(text);
  return std::string(t.substr(0, t.find('\n')));
}

}  // namespace

SecureBytes GenerateDataKey() { return SecureBytes::Random(kDataKeySize); }

std::string WrapDataKeyForAge(std::string_view data_key, const X25519Recipient& recipient) {
  return ArmorAge(AgeEncrypt(data_key, {&recipient, 1}));
}

Result<std::string> WrapDataKeyForAge(std::string_view data_key, std::string_view recipient) {
  std::string_view r = Trim(recipient);
  if (r.starts_with("age1pq1")) {
    return MakeError("age recipient " + std::string(r) +
                     " is a post-quantum hybrid recipient, which clef cannot encrypt to; use "
                     "the sops CLI for this file");
  }
  if (r.starts_with("age1") && r.find('1', 4) != std::string_view::npos) {
    return MakeError("age recipient " + std::string(r) +
                     " belongs to an age plugin, which clef cannot encrypt to; use the sops CLI");
  }
  Result<X25519Recipient> parsed = X25519Recipient::Parse(r);
  if (!parsed.ok()) {
    return MakeError("invalid age recipient `" + std::string(r) + "`: " + parsed.error().message);
  }
  return WrapDataKeyForAge(data_key, *parsed);
}

Result<std::optional<SecureBytes>> UnwrapAgeDataKey(std::string_view enc,
                                                    std::span<const X25519Identity> identities) {
  AgeFailure failure = AgeFailure::kNone;
  Result<SecureBytes> key = AgeDecrypt(enc, identities, &failure);
  if (failure == AgeFailure::kNoMatch) return std::optional<SecureBytes>();
  if (!key.ok()) return MakeError("age data key entry: " + key.error().message);
  return std::optional<SecureBytes>(std::move(*key));
}

Result<std::optional<SecureBytes>> UnwrapPgpDataKey(std::string_view enc) {
  std::string gpg = GpgProgram();
  Result<KeyProcessOutput> out =
      RunKeyProcess({gpg, "--batch", "--quiet", "--no-tty", "--decrypt"}, enc, {});
  if (!out.ok()) return MakeError("cannot decrypt the pgp data key: " + out.error().message);
  if (out->exit_code != 0) {
    if (out->stderr_text.find("No secret key") != std::string::npos ||
        out->stderr_text.find("no secret key") != std::string::npos) {
      return std::optional<SecureBytes>();
    }
    return MakeError("`" + gpg + " --decrypt` failed (exit " + std::to_string(out->exit_code) +
                     "): " + FirstLine(out->stderr_text));
  }
  if (out->stdout_bytes.size() != kDataKeySize && out->stdout_bytes.size() != kDataKeySize + 1) {
    return MakeError("the pgp entry does not hold a sops data key (wrong length)");
  }
  return std::optional<SecureBytes>(std::move(out->stdout_bytes));
}

Result<std::string> WrapDataKeyForPgp(std::string_view data_key, std::string_view fingerprint) {
  std::string gpg = GpgProgram();
  std::string fp(Trim(fingerprint));
  // gpg wants a key ID (the last 16 hex digits) for --trusted-key, as sops passes it.
  std::string trusted = fp.size() > 16 ? fp.substr(fp.size() - 16) : fp;
  Result<KeyProcessOutput> out = RunKeyProcess(
      {gpg, "--batch", "--quiet", "--no-tty", "--no-default-recipient", "--yes", "--encrypt",
       "--armor", "--recipient", fp, "--trusted-key", trusted, "--no-encrypt-to"},
      data_key, {});
  if (!out.ok()) return MakeError("cannot encrypt to pgp key " + fp + ": " + out.error().message);
  if (out->exit_code != 0) {
    return MakeError("`" + gpg + " --encrypt` to " + fp + " failed (exit " +
                     std::to_string(out->exit_code) + "): " + FirstLine(out->stderr_text));
  }
  return std::string(out->stdout_bytes.view());
}

}  // namespace clef::crypto

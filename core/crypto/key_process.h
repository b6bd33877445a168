// Running a helper program that handles key material: `gpg` to unwrap a PGP data key, the
// user's SOPS_AGE_KEY_CMD to print identities. Both print secrets on stdout, so stdout is
// captured straight into SecureBytes and never into a std::string; stderr (diagnostics) is a
// plain string. Arguments are an argv vector (no shell). `stdin_data` is written to the
// child's stdin (then closed); `extra_env` entries ("NAME=value") are added to (or override)
// the inherited environment. The program is looked up on PATH.
//
// Error only when the program cannot be started (the message names it); a non-zero exit is
// returned in `exit_code` for the caller to judge. Blocking; thread-compatible. SIGPIPE is
// set to ignored process-wide (a child that exits early must not kill the caller).
//
//   auto out = RunKeyProcess({"gpg", "--batch", "-d"}, armored_message, {});
//   if (out.ok() && out->exit_code == 0) UseKey(out->stdout_bytes);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/secure_bytes.h"
#include "core/result.h"

namespace clef::crypto {

struct KeyProcessOutput {
  int exit_code = 0;  // 128 + signal number when killed by a signal
  SecureBytes stdout_bytes;
  std::string stderr_text;
};

Result<KeyProcessOutput> RunKeyProcess(const std::vector<std::string>& argv,
                                       std::string_view stdin_data,
                                       const std::vector<std::string>& extra_env);

}  // namespace clef::crypto

// Helpers for the sops tests: the real sops 3.12.2 fixtures, the throwaway identities that
// opened them, and running the real `sops` binary with its output kept in memory.
#pragma once

#include <string>
#include <vector>

#include "core/sops/identity_set.h"
#include "core/sops/sops_file.h"

namespace clef::sops::testing {

// tests/data/sops-3.12.2/<name>
std::string FixturePath(const std::string& name);
std::string ReadFixture(const std::string& name);
// The fixture parsed; fails the test (and returns an empty file) when it does not parse.
SopsFile ReadFixtureFile(const std::string& name);

// identity-a.txt / identity-b.txt as an IdentitySet.
IdentitySet Identity(const std::string& file_name);
// The public key ("age1...") written in an identity file's "# public key:" line.
std::string PublicKeyOf(const std::string& file_name);

struct SopsRun {
  int exit_code = -1;
  std::string out;  // stdout, in memory only
  std::string err;
};
// Runs the real sops with `args` and SOPS_AGE_KEY_FILE=<identity>; `stdin_text` is piped in.
SopsRun RunSops(const std::vector<std::string>& args, const std::string& identity_file,
                const std::string& stdin_text = "");
// The same with the identities given as text in SOPS_AGE_KEY (no key file involved).
SopsRun RunSopsWithKeyText(const std::vector<std::string>& args, const std::string& key_text,
                           const std::string& stdin_text = "");
// `sops decrypt --input-type T --output-type T /dev/stdin` of `bytes` (never a file on disk).
SopsRun SopsDecrypt(const std::string& bytes, const std::string& format,
                    const std::string& identity_file);

}  // namespace clef::sops::testing

// `clef verify`: for each sops file, whether it is intact (every value decrypts and the MAC
// matches), which of its recipients the local identities match, or why it cannot be opened.
// The report never contains a value: only paths, key paths, recipients and reasons.
//
//   IdentitySet ids = ...;
//   std::vector<FileVerdict> v = {VerifyFile("secrets/api/dev.enc.yaml", ids)};
//   std::cout << FormatVerdictsText(v);
//   return VerifyExitCode(v);   // 0 all intact, 1 otherwise
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/sops/identity_set.h"
#include "core/sops/recipient_set.h"

namespace clef::sops {

enum class VerifyOutcome {
  kIntact,      // data key unwrapped, every value decrypted, MAC matches
  kTampered,    // the key opened but a value, the MAC or lastmodified does not verify
  kCannotOpen,  // no local identity opens it (or only cloud/Shamir recipients)
  kInvalid,     // unreadable, not a sops file, or malformed metadata
};

const char* VerifyOutcomeName(VerifyOutcome outcome);  // "intact", "tampered", ...

struct FileVerdict {
  std::string path;
  VerifyOutcome outcome = VerifyOutcome::kInvalid;
  std::string reason;                 // empty when intact; Error::Describe() otherwise
  std::vector<Recipient> recipients;  // the file's recipients (when the metadata parsed)
  std::vector<Recipient> matched;     // those a local identity matches
  size_t values = 0;                  // leaves checked (intact files)
};

// Reads and checks one file.
FileVerdict VerifyFile(const std::string& path, const IdentitySet& identities);
// The same on bytes already read.
FileVerdict VerifyBytes(std::string_view bytes, const std::string& path,
                        const IdentitySet& identities);

std::string FormatVerdictsText(const std::vector<FileVerdict>& verdicts);
std::string FormatVerdictsJson(const std::vector<FileVerdict>& verdicts);
int VerifyExitCode(const std::vector<FileVerdict>& verdicts);

}  // namespace clef::sops

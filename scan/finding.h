// A finding: one secret at one place. The secret itself is held only so it can be redacted for
// display, hashed into the fingerprint, or shown with --no-redact; it never reaches an error
// message or a log.
#pragma once

#include <cstdint>
#include <string>

namespace clef::scan {

struct CommitRef {  // set in history mode: the commit that introduced the blob
  std::string id;
  std::string author;
  std::string email;
  std::string date;  // ISO 8601 with offset
  std::string summary;
};

struct Finding {
  std::string rule_id;
  std::string description;
  std::string path;  // repository-relative with '/', or "-" for stdin
  int line = 0;      // 1-based
  int column = 0;    // 1-based byte column of the secret
  int end_line = 0;
  std::string secret;
  std::string fingerprint;  // see Fingerprint()
  double entropy = 0;
  std::string key_path;  // SOPS findings: the key path of the plaintext value
  bool has_commit = false;
  CommitRef commit;
  size_t offset = 0;  // byte offset of the secret (internal; not reported)
};

// Stable identity of a finding: hex SHA-256 over rule id, path and SHA-256 of the secret. It
// survives line moves and edits elsewhere in the file, and changes when the secret changes.
std::string Fingerprint(const std::string& rule_id, const std::string& path, const std::string& secret);

// "ghp_********" : the first 4 characters, then a mask (the whole mask when the secret is short).
std::string Redact(const std::string& secret);

}  // namespace clef::scan

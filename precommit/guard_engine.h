// The recipient-change guard: compares two Snapshots (base and head of a pull request) and says
// who gains or loses access to what, and whether that is allowed.
//
// Verdicts (reference: the guard issue; git-integration.md §5.3):
//   block  - an effective recipient the head's clef.yaml/.sops.yaml does not declare;
//          - a file that lost its encryption or its MAC, or whose values are now in plaintext;
//          - a recipient removed while the data key stayed the same (unchanged ciphertexts or
//            unchanged wrapped keys prove it was not rotated);
//          - declared recipients of a protected environment changed, and no CODEOWNERS rule
//            (of the base revision, as GitHub uses) covers clef.yaml / .sops.yaml.
//          - values that were encrypted at base are plaintext at head (rules widened).
//   report - everything else that changed: recipients added/removed, backends, encryption
//            rules, cells created or deleted.
// Pure function of its inputs; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "precommit/guard_facts.h"

namespace clef::guard {

struct GuardEntry {
  std::string kind;         // see kKinds in guard_engine.cc and the README schema
  std::string path;         // file (or clef.yaml / .sops.yaml for declarations)
  std::string environment;  // "" when the file is no cell
  std::string recipient;    // "age:age1...", "" when not about one recipient
  bool block = false;
  std::string reason;
};

struct GuardReport {
  std::string base;
  std::string head;
  std::vector<GuardEntry> entries;
  std::vector<std::string> required_owners;  // from CODEOWNERS for the changed declarations
  bool blocked() const;
  // Something at either revision could not be read, so the guard cannot decide (exit 2).
  bool undecidable() const;
};

GuardReport CompareSnapshots(const Snapshot& base, const Snapshot& head);

// "age:age1..." / "pgp:ABCD..." for reports.
std::string DescribeRecipient(const Recipient& r);

}  // namespace clef::guard

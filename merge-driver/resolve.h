// `clef merge PATH`: per-key resolution of a conflicted sops file during a merge, rebase or
// cherry-pick. Reads index stages 1/2/3 (base, ours, theirs as git names them — during a
// rebase "ours" is the branch being rebased onto), lists the conflicting key paths, and with
// choices writes the merged, re-encrypted file atomically and stages it.
//
// Exit: 0 resolved and staged (or nothing to resolve); 1 conflicts remain (listed on stderr,
// paths only); 2 usage or operational error (not in a conflict, no identity, ...).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "merge-driver/tree_merge.h"

namespace clef::merge {

struct ResolveRequest {
  std::string path;                   // as given, relative to the current directory
  std::vector<ForcedChoice> choices;  // --ours/--theirs/--base KEY
  bool all_ours = false;
  bool all_theirs = false;
  std::vector<std::string> set_keys;  // --set KEY: value read from a hidden prompt or stdin
};

int RunResolve(const ResolveRequest& request, std::ostream& out, std::ostream& err);

}  // namespace clef::merge

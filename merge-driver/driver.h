// clef-merge-driver's behaviour, as git calls it: `clef-merge-driver %O %A %B %L %P`.
//
// Contract (git-integration.md §1, design.md "Exit codes"):
//   * Dispatch on %P (the real path; %O %A %B are extension-less temp files): *.clef-meta.yaml
//     -> sidecar merge; *.enc.yaml|json|env (and any other path) -> sops merge.
//   * 0: the merged result replaced %A atomically. 1: everything else — conflict, error, bad
//     input — with %A left exactly as ours (a valid encrypted file, never conflict markers).
//   * stderr lists each conflicting key path with what each side did, never a value, and names
//     the next step (`clef merge PATH`); errors name the file, the side and the fix.
#pragma once

#include <ostream>
#include <string>

namespace clef::merge {

struct DriverArgs {
  std::string base;     // %O
  std::string ours;     // %A (the result goes here)
  std::string theirs;   // %B
  std::string path;     // %P; falls back to %A when empty
};

int RunMergeDriver(const DriverArgs& args, std::ostream& err);

}  // namespace clef::merge

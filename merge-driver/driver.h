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
#include <string_view>

#include "core/result.h"

namespace clef::merge {

struct DriverArgs {
  std::string base;    // %O
  std::string ours;    // %A (the result goes here)
  std::string theirs;  // %B
  std::string path;    // %P; falls back to %A when empty
};

int RunMergeDriver(const DriverArgs& args, std::ostream& err);

// Replaces `path` atomically (a temporary file next to it, renamed over it; mode kept), like
// WriteFileAtomically but without fsync: %A is git's own temporary copy, which git reads back
// as soon as the driver exits and stores itself, so flushing it to disk only costs time (a
// fifth of a call's wall time). A crash still leaves ours or the result, never half a file.
Status ReplaceGitTempFile(const std::string& path, std::string_view content);

}  // namespace clef::merge

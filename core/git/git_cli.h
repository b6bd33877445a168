// Running the git command line for what libgit2 1.5 does slowly or not at all (history-wide
// `git log`, honouring the user's git configuration exactly).
//
// Contract: arguments are passed as a vector (no shell, no quoting issues); stdout and stderr
// are captured in memory; the exit status is returned, not judged: the caller decides what a
// non-zero status means. `git` is looked up on PATH. Never pass options that run textconv on
// secrets repositories without `--no-textconv`.
//
//   auto out = clef::git::RunGit({"rev-parse", "--show-toplevel"}, ".");
//   if (out.ok() && out->exit_code == 0) root = out->stdout_text;
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace clef::git {

struct GitOutput {
  int exit_code = 0;
  std::string stdout_text;
  std::string stderr_text;
};

// Runs `git <args...>` in `cwd`. Error only when git cannot be started.
Result<GitOutput> RunGit(const std::vector<std::string>& args, const std::string& cwd = ".");

}  // namespace clef::git

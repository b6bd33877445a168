// When the textconv may print values in clear: `clef.diff.reveal` (git config, bool, default
// false) is true AND the git command's output goes to a terminal.
//
// The textconv's own stdout is always a pipe to git, so "a terminal" is judged on the git
// process that runs us (the nearest ancestor whose command name is "git", at most a few
// levels up: git may start us through `sh -c`):
//   1. git's own stdout (/proc/<git>/fd/1) is a terminal device (/dev/pts/N, /dev/ttyN):
//      git writes straight to the terminal (`--no-pager`, `core.pager=cat`); or
//   2. git started a pager: git sets GIT_PAGER_IN_USE=true in the environment it hands its
//      children, and does so only when its stdout was a terminal (pager.c: no pager without a
//      tty). That variable is inherited by nested commands and can be set by hand, so it is
//      not trusted alone: git's stdout must be a pipe whose reading end is held by a child of
//      git (the pager) whose stdout is a terminal device.
// Never revealed: when CI is set (any non-empty value), when /proc cannot be read, when no
// git ancestor is found (`clef-filter textconv FILE` run by hand), and for `git log -p | cat`,
// `git log -p > file` or a pager writing to a pipe. The terminal test runs first (it reads
// /proc only); `git config` is asked only when it passes.
//
// Linux-only (/proc); elsewhere values are never revealed. Thread-safe (no state).
//
//   if (ShouldReveal()) options.reveal = true;
#pragma once

#include <string>

namespace clef::filter {

// The terminal rule above, for the process `pid`'s ancestors (0: this process).
bool GitOutputIsTerminal(int pid = 0);

// `git config --get --type=bool clef.diff.reveal` printed "true" (run in the current
// directory, which is the work tree git runs textconv in).
bool RevealConfigured();

// GitOutputIsTerminal() && RevealConfigured().
bool ShouldReveal();

// Whether a /proc/<pid>/fd/<n> link target names a terminal device (exposed for tests).
bool IsTerminalLink(const std::string& target);

}  // namespace clef::filter

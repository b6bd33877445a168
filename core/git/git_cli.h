// Running the git command line for what libgit2 1.5 does slowly or not at all (history-wide
// walks, honouring the user's git configuration exactly). Every git child of clef-git is
// started here.
//
// Contract: arguments are passed as a vector (no shell, no quoting issues); `git` is looked up
// on PATH; the exit status is returned, not judged: the caller decides what a non-zero status
// means. The only error is "git cannot be started", which carries the fix. Never pass options
// that run textconv on secrets repositories without `--no-textconv`.
//
// Two ways in:
// - RunGit: a whole command, stdout and stderr captured in memory.
//
//     auto out = clef::git::RunGit({"rev-parse", "--show-toplevel"}, ".");
//     if (out.ok() && out->exit_code == 0) root = out->stdout_text;
//
// - GitProcess: a running child whose stdout the caller reads as it comes and whose stdin it
//   may write, or feed from another child (`git rev-list ... | git cat-file --batch-check`).
//
//     auto cat = clef::git::GitProcess::Start({"-C", dir, "cat-file", "--batch"},
//                                             {.write_stdin = true});
//     // write ids to cat->in() (WriteToStdin, then CloseStdin), read cat->out(), then:
//     int rc = cat->Wait();
//
// Thread-safety: a GitProcess may have its stdin written (and closed) on one thread while
// another reads its stdout; everything else from one thread.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace clef::git {

struct GitOutput {
  int exit_code = 0;
  std::string stdout_text;
  std::string stderr_text;
};

// Runs `git -C cwd <args...>` with our stdin. Error only when git cannot be started.
Result<GitOutput> RunGit(const std::vector<std::string>& args, const std::string& cwd = ".");

// Where a GitProcess's stdin and stderr go; its stdout is always a pipe the caller reads.
struct GitStdio {
  bool write_stdin = false;  // a pipe the caller writes (in()); else `stdin_fd`
  int stdin_fd = -1;         // borrowed, e.g. another child's out(); -1: our own stdin
  bool read_stderr = false;  // a pipe the caller reads (err()); else /dev/null
};

// A running `git` child and our ends of its pipes. Owns both (move-constructible, not
// copyable): the destructor closes what is still open and reaps the child; Wait() for the exit
// status.
class GitProcess {
 public:
  // Starts `git <args...>` (args as given: the caller adds "-C", dir or "--git-dir=..."). Our
  // pipe ends are close-on-exec, so other children never hold them open.
  static Result<GitProcess> Start(const std::vector<std::string>& args, const GitStdio& stdio = {});

  GitProcess(GitProcess&& other) noexcept;
  GitProcess& operator=(GitProcess&&) = delete;  // one child per object, for its lifetime
  ~GitProcess();

  int in() const { return in_; }    // -1 unless write_stdin, or once closed
  int out() const { return out_; }  // -1 once closed
  int err() const { return err_; }  // -1 unless read_stderr, or once closed

  // Writes all of `data` to stdin; false when the child stopped reading.
  bool WriteToStdin(std::string_view data);
  void CloseStdin();  // the child sees end of input
  void CloseStdout();
  void CloseStderr();

  // Closes our ends that are still open, waits for the child and returns its exit status
  // (128 + the signal number when a signal ended it); later calls return 0.
  int Wait();

 private:
  GitProcess() = default;

  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  int err_ = -1;
};

}  // namespace clef::git

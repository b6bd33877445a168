#include "core/git/git_cli.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

extern char** environ;

namespace clef::git {
namespace {

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

Result<GitProcess> GitProcess::Start(const std::vector<std::string>& args, const GitStdio& stdio) {
  int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  auto close_pipes = [&] {
    for (int* p : {in_pipe, out_pipe, err_pipe}) CloseFd(p[0]), CloseFd(p[1]);
  };
  if ((stdio.write_stdin && pipe2(in_pipe, O_CLOEXEC) != 0) || pipe2(out_pipe, O_CLOEXEC) != 0 ||
      (stdio.read_stderr && pipe2(err_pipe, O_CLOEXEC) != 0)) {
    Error e = MakeError(std::string("cannot create a pipe: ") + strerror(errno));
    close_pipes();
    return e;
  }
  std::vector<std::string> argv_s = {"git"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (stdio.write_stdin)
    posix_spawn_file_actions_adddup2(&fa, in_pipe[0], 0);
  else if (stdio.stdin_fd >= 0)
    posix_spawn_file_actions_adddup2(&fa, stdio.stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  if (stdio.read_stderr)
    posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);
  else
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  GitProcess child;
  int rc = posix_spawnp(&child.pid_, "git", &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  CloseFd(in_pipe[0]);
  CloseFd(out_pipe[1]);
  CloseFd(err_pipe[1]);
  if (rc != 0) {
    child.pid_ = -1;
    close_pipes();
    Error e = MakeError(std::string("cannot run git: ") + strerror(rc));
    e.hint = "install git and make sure it is on PATH";
    return e;
  }
  child.in_ = in_pipe[1];
  child.out_ = out_pipe[0];
  child.err_ = err_pipe[0];
  return child;
}

GitProcess::GitProcess(GitProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      in_(std::exchange(other.in_, -1)),
      out_(std::exchange(other.out_, -1)),
      err_(std::exchange(other.err_, -1)) {}

GitProcess::~GitProcess() {
  if (pid_ >= 0 || in_ >= 0 || out_ >= 0 || err_ >= 0) Wait();
}

bool GitProcess::WriteToStdin(std::string_view data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = write(in_, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

void GitProcess::CloseStdin() { CloseFd(in_); }
void GitProcess::CloseStdout() { CloseFd(out_); }
void GitProcess::CloseStderr() { CloseFd(err_); }

int GitProcess::Wait() {
  CloseStdin();
  CloseStdout();
  CloseStderr();
  if (pid_ < 0) return 0;
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Result<GitOutput> RunGit(const std::vector<std::string>& args, const std::string& cwd) {
  std::vector<std::string> full = {"-C", cwd};
  full.insert(full.end(), args.begin(), args.end());
  Result<GitProcess> child = GitProcess::Start(full, {.read_stderr = true});
  if (!child.ok()) return child.error();
  // Both pipes at once: git may fill either one's buffer while we wait on the other.
  GitOutput result;
  pollfd fds[2] = {{child->out(), POLLIN, 0}, {child->err(), POLLIN, 0}};
  std::string* sinks[2] = {&result.stdout_text, &result.stderr_text};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof(buf));
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;  // Wait() closes it
        --open_fds;
      }
    }
  }
  result.exit_code = child->Wait();
  return result;
}

}  // namespace clef::git

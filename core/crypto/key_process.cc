#include "core/crypto/key_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

extern char** environ;

namespace clef::crypto {
namespace {

// A growing guarded buffer: doubles by copying into a new SecureBytes.
class SecureAppender {
 public:
  void Append(const char* p, size_t n) {
    if (used_ + n > buf_.size()) {
      SecureBytes bigger(std::max(buf_.size() * 2, used_ + n + 4096));
      if (used_) std::memcpy(bigger.data(), buf_.data(), used_);
      buf_ = std::move(bigger);
    }
    std::memcpy(buf_.data() + used_, p, n);
    used_ += n;
  }
  SecureBytes Take() {
    buf_.Truncate(used_);
    if (used_ == 0) buf_.Clear();
    return std::move(buf_);
  }

 private:
  SecureBytes buf_;
  size_t used_ = 0;
};

std::vector<std::string> MergedEnvironment(const std::vector<std::string>& extra) {
  std::map<std::string, std::string> env;
  std::vector<std::string> order;
  auto add = [&](const std::string& entry) {
    std::string name = entry.substr(0, entry.find('='));
    if (!env.count(name)) order.push_back(name);
    env[name] = entry;
  };
  for (char** e = environ; e && *e; ++e) add(*e);
  for (const std::string& entry : extra) add(entry);
  std::vector<std::string> out;
  for (const std::string& name : order) out.push_back(env[name]);
  return out;
}

}  // namespace

Result<KeyProcessOutput> RunKeyProcess(const std::vector<std::string>& argv,
                                       std::string_view stdin_data,
                                       const std::vector<std::string>& extra_env) {
  if (argv.empty() || argv[0].empty()) return MakeError("no program to run");
  int in_pipe[2], out_pipe[2], err_pipe[2], exec_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) || pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC) ||
      pipe2(exec_pipe, O_CLOEXEC)) {
    return MakeError("cannot create pipes to run `" + argv[0] + "`: " + std::strerror(errno));
  }
  std::vector<std::string> env = MergedEnvironment(extra_env);
  std::vector<char*> c_argv, c_env;
  for (const auto& a : argv) c_argv.push_back(const_cast<char*>(a.c_str()));
  c_argv.push_back(nullptr);
  for (const auto& e : env) c_env.push_back(const_cast<char*>(e.c_str()));
  c_env.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) return MakeError("cannot start `" + argv[0] + "`: " + std::strerror(errno));
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    environ = c_env.data();
    execvp(c_argv[0], c_argv.data());
    int err = errno;
    (void)!write(exec_pipe[1], &err, sizeof err);
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(exec_pipe[1]);
  int exec_errno = 0;
  bool exec_failed = read(exec_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno;
  close(exec_pipe[0]);

  signal(SIGPIPE, SIG_IGN);
  SecureAppender out;
  KeyProcessOutput result;
  size_t written = 0;
  int in_fd = in_pipe[1];
  if (stdin_data.empty() || exec_failed) {
    close(in_fd);
    in_fd = -1;
  }
  int out_fd = out_pipe[0], err_fd = err_pipe[0];
  char buf[4096];
  while (out_fd >= 0 || err_fd >= 0 || in_fd >= 0) {
    pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(in_fd, stdin_data.data() + written, stdin_data.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if (n < 0 || written == stdin_data.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
    for (int i = 0; i < 2; ++i) {
      int& fd = i == 0 ? out_fd : err_fd;
      if (fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fd, buf, sizeof buf);
      if (n > 0) {
        if (i == 0)
          out.Append(buf, static_cast<size_t>(n));
        else
          result.stderr_text.append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fd);
        fd = -1;
      }
    }
  }
  Wipe(buf, sizeof buf);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (exec_failed) {
    return MakeError("cannot run `" + argv[0] + "`: " + std::strerror(exec_errno));
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.stdout_bytes = out.Take();
  return result;
}

}  // namespace clef::crypto

#include "sops/sops_support.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace clef::sops::testing {
namespace {

std::string Slurp(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

}  // namespace

std::string FixturePath(const std::string& name) {
  return std::string(CLEF_TESTDATA_DIR) + "/sops-3.12.2/" + name;
}

std::string ReadFixture(const std::string& name) {
  std::ifstream in(FixturePath(name), std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

SopsFile ReadFixtureFile(const std::string& name) {
  Result<SopsFile> f = ReadSopsFile(ReadFixture(name), name);
  EXPECT_TRUE(f.ok()) << name << ": " << (f.ok() ? "" : f.error().Describe());
  return f.ok() ? std::move(*f) : SopsFile{};
}

IdentitySet Identity(const std::string& file_name) {
  IdentitySet set;
  Status s = set.AddKeyFileText(ReadFixture(file_name), file_name);
  EXPECT_TRUE(s.ok()) << file_name;
  return set;
}

std::string PublicKeyOf(const std::string& file_name) {
  std::string text = ReadFixture(file_name);
  const std::string marker = "# public key: ";
  size_t at = text.find(marker);
  if (at == std::string::npos) return {};
  size_t end = text.find('\n', at);
  return text.substr(at + marker.size(), end - at - marker.size());
}

namespace {

SopsRun Run(const std::vector<std::string>& args, const char* env_name,
            const std::string& env_value, const std::string& stdin_text) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    unsetenv("SOPS_AGE_KEY");
    unsetenv("SOPS_AGE_KEY_FILE");
    setenv(env_name, env_value.c_str(), 1);
    std::vector<char*> argv{const_cast<char*>(CLEF_SOPS_BIN)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(CLEF_SOPS_BIN, argv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  // Inputs are small (a few KiB), far below the pipe buffer, so writing first cannot block.
  size_t written = 0;
  while (written < stdin_text.size()) {
    ssize_t n = write(in_pipe[1], stdin_text.data() + written, stdin_text.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  close(in_pipe[1]);
  SopsRun run;
  run.out = Slurp(out_pipe[0]);
  run.err = Slurp(err_pipe[0]);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace

SopsRun RunSops(const std::vector<std::string>& args, const std::string& identity_file,
                const std::string& stdin_text) {
  return Run(args, "SOPS_AGE_KEY_FILE", FixturePath(identity_file), stdin_text);
}

SopsRun RunSopsWithKeyText(const std::vector<std::string>& args, const std::string& key_text,
                           const std::string& stdin_text) {
  return Run(args, "SOPS_AGE_KEY", key_text, stdin_text);
}

SopsRun SopsDecrypt(const std::string& bytes, const std::string& format,
                    const std::string& identity_file) {
  return RunSops({"decrypt", "--input-type", format, "--output-type", format, "/dev/stdin"},
                 identity_file, bytes);
}

}  // namespace clef::sops::testing

#include "git/git_repo_support.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace clef::testing {

std::string Shell(const std::string& command, int* exit_code) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) {
    if (exit_code) *exit_code = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  int status = pclose(p);
  if (exit_code) *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TempGitRepo::TempGitRepo() {
  char tmpl[] = "/tmp/clef-git-test-XXXXXX";
  path_ = mkdtemp(tmpl);
  Git("init -q -b main");
  Git("config user.name Tester");
  Git("config user.email tester@example.com");
  Git("config commit.gpgsign false");
}

TempGitRepo::~TempGitRepo() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void TempGitRepo::Write(const std::string& rel, const std::string& content) const {
  std::filesystem::path p = std::filesystem::path(path_) / rel;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

std::string TempGitRepo::Git(const std::string& args) const {
  int rc = 0;
  std::string out = Shell("git -C '" + path_ + "' " + args + " 2>&1", &rc);
  EXPECT_EQ(rc, 0) << "git " << args << ": " << out;
  return out;
}

void TempGitRepo::CommitAll(const std::string& message) const {
  Git("add -A");
  Git("commit -q -m '" + message + "'");
}

}  // namespace clef::testing

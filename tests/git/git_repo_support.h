// A throwaway git repository in a temp folder, driven by the real git CLI, for tests of
// core/git and the tools built on it.
#pragma once

#include <string>

namespace clef::testing {

class TempGitRepo {
 public:
  TempGitRepo();   // `git init` in a fresh temp dir, with a test identity
  ~TempGitRepo();  // removes the folder
  const std::string& path() const { return path_; }
  void Write(const std::string& rel, const std::string& content) const;
  // Runs `git <args>` in the repo; returns stdout; aborts the test on failure.
  std::string Git(const std::string& args) const;
  void CommitAll(const std::string& message) const;  // add -A + commit

 private:
  std::string path_;
};

// Runs a shell command, returns stdout (trailing newline trimmed) and sets *exit_code.
std::string Shell(const std::string& command, int* exit_code = nullptr);

}  // namespace clef::testing

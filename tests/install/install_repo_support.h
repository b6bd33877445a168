// Real git repositories in temp folders for the clef install / doctor tests, and a byte-exact
// snapshot of every file under a folder (content and permission bits), so "uninstall leaves
// the repository byte-identical" is checked on .git/config, the hooks and everything else.
//
// Each InstallFixture test gets its own HOME (so --global writes a throwaway ~/.gitconfig and
// no user's identities leak in) and runs the real tools from CLEF_TOOLS_DIR.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace clef::install::testing {

struct FileState {
  std::string content;  // target for symlinks, "" for folders
  unsigned mode = 0;    // permission bits and the file type
  bool operator==(const FileState& o) const { return content == o.content && mode == o.mode; }
};
using Snapshot = std::map<std::string, FileState>;

// Every file, folder and symlink below `root`, keyed by relative path.
Snapshot TakeSnapshot(const std::string& root);

// "" when equal, else the first paths that differ (for a readable failure).
std::string DescribeDifference(const Snapshot& before, const Snapshot& after);

struct CommandResult {
  int exit_code = 0;
  std::string output;  // stdout and stderr
};

// Runs `command` with /bin/sh in `cwd`.
CommandResult RunShell(const std::string& command, const std::string& cwd);

std::string ReadText(const std::string& path);
void WriteText(const std::string& path, const std::string& text, unsigned mode = 0644);

// The built tool `name` (CLEF_TOOLS_DIR/name), shell-quoted for Run.
std::string Tool(const std::string& name);

class InstallFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A new repository `name` under the temp folder, with one commit; returns its path.
  std::string MakeRepo(const std::string& name = "repo");
  // Runs the tool in `repo`: e.g. Clef("install --dry-run", repo).
  CommandResult Clef(const std::string& args, const std::string& repo);
  CommandResult Git(const std::string& args, const std::string& repo);

  std::string temp_;  // removed after the test
  std::string home_;
};

}  // namespace clef::install::testing

#include "install/install_repo_support.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace clef::install::testing {

Snapshot TakeSnapshot(const std::string& root) {
  Snapshot snap;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    struct stat st;
    if (lstat(p.c_str(), &st) != 0) continue;
    FileState state;
    state.mode = st.st_mode;
    if (S_ISLNK(st.st_mode)) {
      state.content = fs::read_symlink(p).string();
    } else if (S_ISREG(st.st_mode)) {
      state.content = ReadText(p.string());
    }
    snap[fs::relative(p, root).string()] = state;
  }
  return snap;
}

std::string DescribeDifference(const Snapshot& before, const Snapshot& after) {
  std::string out;
  for (const auto& [path, state] : before) {
    auto it = after.find(path);
    if (it == after.end()) {
      out += "removed: " + path + "\n";
    } else if (!(it->second == state)) {
      out += "changed: " + path + "\n--- before\n" + state.content + "--- after\n" +
             it->second.content + "\n";
    }
  }
  for (const auto& [path, state] : after) {
    if (!before.count(path)) out += "added: " + path + "\n";
  }
  return out;
}

CommandResult RunShell(const std::string& command, const std::string& cwd) {
  std::string full = "cd '" + cwd + "' && { " + command + " ; } 2>&1";
  CommandResult result;
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) {
    result.exit_code = -1;
    return result;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteText(const std::string& path, const std::string& text, unsigned mode) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
  chmod(path.c_str(), mode);
}

std::string Tool(const std::string& name) {
  return "'" + (fs::path(CLEF_TOOLS_DIR) / name).string() + "'";
}

void InstallFixture::SetUp() {
  char tmpl[] = "/tmp/clef-install-test-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  temp_ = tmpl;
  home_ = temp_ + "/home";
  fs::create_directories(home_);
  setenv("HOME", home_.c_str(), 1);
  setenv("XDG_CONFIG_HOME", (home_ + "/.config").c_str(), 1);
  setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
  setenv("CLEF_TOOLS_DIR", CLEF_TOOLS_DIR, 1);
  for (const char* var : {"SOPS_AGE_KEY", "SOPS_AGE_KEY_FILE", "SOPS_AGE_KEY_CMD", "CLEF_AGE_KEY",
                          "CLEF_AGE_KEY_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"}) {
    unsetenv(var);
  }
  setenv("GIT_AUTHOR_NAME", "Test", 1);
  setenv("GIT_AUTHOR_EMAIL", "test@example.invalid", 1);
  setenv("GIT_COMMITTER_NAME", "Test", 1);
  setenv("GIT_COMMITTER_EMAIL", "test@example.invalid", 1);
}

void InstallFixture::TearDown() {
  std::error_code ec;
  fs::remove_all(temp_, ec);
}

std::string InstallFixture::MakeRepo(const std::string& name) {
  std::string path = temp_ + "/" + name;
  fs::create_directories(path);
  CommandResult r = RunShell("git init -q -b main . && echo hello > README && git add README && "
                        "git commit -q -m init",
                        path);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return path;
}

CommandResult InstallFixture::Clef(const std::string& args, const std::string& repo) {
  size_t space = args.find(' ');
  std::string sub = args.substr(0, space);
  std::string rest = space == std::string::npos ? "" : args.substr(space);
  return RunShell(Tool("clef-" + sub) + rest, repo);
}

CommandResult InstallFixture::Git(const std::string& args, const std::string& repo) {
  return RunShell("git " + args, repo);
}

}  // namespace clef::install::testing

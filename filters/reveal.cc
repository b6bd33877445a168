#include "filters/reveal.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/git/git_cli.h"

namespace clef::filter {
namespace {

constexpr int kMaxAncestors = 4;  // textconv <- sh -c <- git, with room for a wrapper

std::string ReadLink(const std::string& path) {
  char buf[256];
  ssize_t n = readlink(path.c_str(), buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

// The command name and parent of `pid` from /proc/<pid>/stat ("pid (comm) state ppid ...";
// comm may itself hold ") ", so the last ')' ends it).
bool ReadStat(int pid, std::string* comm, int* ppid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  size_t open = line.find('('), close = line.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return false;
  *comm = line.substr(open + 1, close - open - 1);
  std::istringstream rest(line.substr(close + 1));
  std::string state;
  return static_cast<bool>(rest >> state >> *ppid);
}

int FindGitAncestor(int pid) {
  std::string comm;
  int ppid = 0;
  if (!ReadStat(pid, &comm, &ppid)) return 0;
  for (int i = 0; i < kMaxAncestors && ppid > 1; ++i) {
    int candidate = ppid;
    if (!ReadStat(candidate, &comm, &ppid)) return 0;
    if (comm == "git") return candidate;
  }
  return 0;
}

// A child of `git` reading `pipe` on stdin and writing to a terminal: git's pager.
bool PagerOnTerminal(int git, const std::string& pipe) {
  DIR* dir = opendir("/proc");
  if (dir == nullptr) return false;
  bool found = false;
  while (dirent* entry = readdir(dir)) {
    char* end = nullptr;
    long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    std::string comm;
    int ppid = 0;
    if (!ReadStat(static_cast<int>(pid), &comm, &ppid) || ppid != git) continue;
    const std::string fd = "/proc/" + std::to_string(pid) + "/fd/";
    if (ReadLink(fd + "0") == pipe && IsTerminalLink(ReadLink(fd + "1"))) {
      found = true;
      break;
    }
  }
  closedir(dir);
  return found;
}

}  // namespace

bool IsTerminalLink(const std::string& target) {
  return target.rfind("/dev/pts/", 0) == 0 || target.rfind("/dev/tty", 0) == 0 ||
         target.rfind("/dev/console", 0) == 0;
}

bool GitOutputIsTerminal(int pid) {
  const char* ci = std::getenv("CI");
  if (ci != nullptr && *ci != '\0') return false;
  int git = FindGitAncestor(pid ? pid : static_cast<int>(getpid()));
  if (git == 0) return false;
  const std::string out = ReadLink("/proc/" + std::to_string(git) + "/fd/1");
  if (IsTerminalLink(out)) return true;
  const char* pager = std::getenv("GIT_PAGER_IN_USE");
  if (pager == nullptr || std::string(pager) != "true") return false;
  return out.rfind("pipe:", 0) == 0 && PagerOnTerminal(git, out);
}

bool RevealConfigured() {
  Result<git::GitOutput> out = git::RunGit({"config", "--get", "--type=bool", "clef.diff.reveal"});
  if (!out.ok() || out->exit_code != 0) return false;
  std::string value = out->stdout_text;
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  return value == "true";
}

bool ShouldReveal() { return GitOutputIsTerminal() && RevealConfigured(); }

}  // namespace clef::filter

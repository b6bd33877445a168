// `clef`: the front command. `clef NAME ARGS...` runs `clef-NAME ARGS...`, found first beside
// this executable and then on PATH, the way `git NAME` runs `git-NAME`.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"

namespace fs = std::filesystem;

namespace {

// Aliases users type that map to another tool ("clef hooks install" = "clef install").
std::vector<std::string> Rewrite(std::vector<std::string> args) {
  if (args.size() >= 2 && args[0] == "hooks" && args[1] == "install") {
    args.erase(args.begin());
  } else if (args.size() >= 2 && args[0] == "hooks" && args[1] == "uninstall") {
    args.erase(args.begin());
    args[0] = "install";
    args.push_back("--uninstall");
  }
  return args;
}

fs::path SelfDir() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

std::vector<fs::path> SearchDirs() {
  std::vector<fs::path> dirs;
  fs::path self = SelfDir();
  if (!self.empty()) dirs.push_back(self);
  if (const char* path = std::getenv("PATH")) {
    std::string p = path;
    size_t start = 0;
    while (start <= p.size()) {
      size_t end = p.find(':', start);
      if (end == std::string::npos) end = p.size();
      if (end > start) dirs.emplace_back(p.substr(start, end - start));
      start = end + 1;
    }
  }
  return dirs;
}

bool IsExecutable(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && access(p.c_str(), X_OK) == 0;
}

std::set<std::string> InstalledTools() {
  std::set<std::string> names;
  for (const fs::path& dir : SearchDirs()) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.rfind("clef-", 0) == 0 && IsExecutable(it->path())) names.insert(name.substr(5));
    }
  }
  return names;
}

void PrintHelp(std::ostream& out) {
  out << "usage: clef <command> [args...]\n"
         "       clef --version | help\n\n"
         "Runs clef-<command> from beside this program or from PATH.\n\n"
         "Installed commands:\n";
  for (const std::string& name : InstalledTools()) out << "  " << name << "\n";
  out << "\n`clef <command> --help` describes each one.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    PrintHelp(std::cerr);
    return clef::kExitError;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::cout << "clef " << CLEF_VERSION << "\n";
    return clef::kExitOk;
  }
  if (args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    if (args.size() == 1) {
      PrintHelp(std::cout);
      return clef::kExitOk;
    }
    args = {args[1], "--help"};
  }
  args = Rewrite(std::move(args));
  std::string tool = "clef-" + args[0];
  for (const fs::path& dir : SearchDirs()) {
    fs::path candidate = dir / tool;
    if (!IsExecutable(candidate)) continue;
    std::vector<char*> child;
    child.push_back(const_cast<char*>(tool.c_str()));
    for (size_t i = 1; i < args.size(); ++i) child.push_back(const_cast<char*>(args[i].c_str()));
    child.push_back(nullptr);
    execv(candidate.c_str(), child.data());
    std::cerr << "clef: cannot run " << candidate << ": " << std::strerror(errno) << "\n";
    return clef::kExitError;
  }
  std::cerr << "clef: '" << args[0] << "' is not a clef command. See 'clef help'.\n";
  return clef::kExitError;
}

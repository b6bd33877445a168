#include "install/tool_locator.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace clef::install {

bool IsExecutableFile(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && access(path.c_str(), X_OK) == 0;
}

std::string FindOnPath(const std::string& name, const std::string& path_env) {
  size_t start = 0;
  while (start <= path_env.size()) {
    size_t end = path_env.find(':', start);
    if (end == std::string::npos) end = path_env.size();
    if (end > start) {
      fs::path candidate = fs::path(path_env.substr(start, end - start)) / name;
      if (IsExecutableFile(candidate.string())) {
        std::error_code ec;
        fs::path abs = fs::absolute(candidate, ec);
        return (ec ? candidate : abs).lexically_normal().string();
      }
    }
    start = end + 1;
  }
  return {};
}

ToolLocator::ToolLocator() {
  if (const char* dir = std::getenv("CLEF_TOOLS_DIR"); dir && *dir) {
    std::error_code ec;
    fs::path abs = fs::absolute(dir, ec);
    self_dir_ = (ec ? fs::path(dir) : abs).lexically_normal().string();
  } else {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) self_dir_ = self.parent_path().string();
  }
  if (const char* path = std::getenv("PATH")) path_env_ = path;
}

ToolPath ToolLocator::Find(const std::string& name) const {
  if (!self_dir_.empty()) {
    std::string beside = (fs::path(self_dir_) / name).string();
    if (IsExecutableFile(beside)) return {beside, true};
  }
  if (std::string on_path = FindOnPath(name, path_env_); !on_path.empty()) return {on_path, true};
  return {self_dir_.empty() ? name : (fs::path(self_dir_) / name).string(), false};
}

}  // namespace clef::install

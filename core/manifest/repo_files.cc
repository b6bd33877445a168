#include "core/manifest/repo_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace clef::manifest {

namespace fs = std::filesystem;

Result<std::optional<std::string>> WorkingTreeFiles::Read(std::string_view path) const {
  fs::path full = root_ / fs::path(std::string(path));
  std::error_code ec;
  fs::file_status st = fs::status(full, ec);
  if (ec || !fs::exists(st)) return std::optional<std::string>();
  if (!fs::is_regular_file(st)) {
    Error e = MakeError("is not a regular file", std::string(path));
    e.hint = "replace it with a file or remove it";
    return e;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    Error e = MakeError(std::string("cannot be read: ") + std::strerror(errno), std::string(path));
    e.hint = "check the file's permissions";
    return e;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    return MakeError("read failed", std::string(path));
  }
  return std::optional<std::string>(buf.str());
}

bool WorkingTreeFiles::Exists(std::string_view path) const {
  std::error_code ec;
  return fs::is_regular_file(root_ / fs::path(std::string(path)), ec);
}

Result<std::vector<std::string>> WorkingTreeFiles::List() const {
  std::vector<std::string> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    Error e = MakeError("cannot list the repository: " + ec.message(), root_.string());
    e.hint = "check that the folder exists and is readable";
    return e;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) {
      out.push_back(fs::relative(it->path(), root_, type_ec).generic_string());
    }
  }
  if (ec) return MakeError("cannot list the repository: " + ec.message(), root_.string());
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::optional<std::string>> MemoryFiles::Read(std::string_view path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

bool MemoryFiles::Exists(std::string_view path) const { return files_.find(path) != files_.end(); }

Result<std::vector<std::string>> MemoryFiles::List() const {
  std::vector<std::string> out;
  for (const auto& [path, content] : files_) {
    (void)content;
    out.push_back(path);
  }
  return out;
}

}  // namespace clef::manifest

namespace clef::manifest {

std::filesystem::path FindRepoRoot(const std::filesystem::path& start) {
  std::error_code ec;
  fs::path base = fs::absolute(start, ec);
  if (ec) return start;
  for (const char* marker : {"clef.yaml", ".sops.yaml", ".git"}) {
    for (fs::path dir = base; !dir.empty(); dir = dir.parent_path()) {
      if (fs::exists(dir / marker, ec)) return dir;
      if (dir == dir.parent_path()) break;
    }
  }
  return base;
}

}  // namespace clef::manifest

// Helpers shared by the crypto tests: temporary directories, whole-file I/O, running a program.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/crypto/key_process.h"

namespace clef::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "clef-crypto-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  // Never throws: a gpg-agent may still be deleting its socket while the tree is removed.
  ~TempDir() {
    std::error_code ec;
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (std::filesystem::remove_all(path_, ec) != static_cast<std::uintmax_t>(-1) && !ec) break;
    }
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteWholeFile(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline CommandResult RunCommand(const std::vector<std::string>& argv, std::string_view input = {},
                                const std::vector<std::string>& env = {}) {
  auto r = crypto::RunKeyProcess(argv, input, env);
  if (!r.ok()) return {-1, "", r.error().message};
  return {r->exit_code, std::string(r->stdout_bytes.view()), r->stderr_text};
}

}  // namespace clef::testing

// Finding the clef tools that git will run: git config must hold absolute paths (git runs
// drivers through the shell with the user's PATH at that moment, which may differ from the
// PATH at install time).
//
// Contract: a tool is looked up first beside the running executable (/proc/self/exe, so an
// installed set of tools stays together), then on PATH. When it is in neither place the
// path beside the running executable is returned with `found` false, so the caller can warn
// and still write a predictable path. `CLEF_TOOLS_DIR`, when set, replaces the folder of the
// running executable (tests, and packagers who install the tools elsewhere).
#pragma once

#include <string>

namespace clef::install {

struct ToolPath {
  std::string path;  // absolute
  bool found = false;
};

class ToolLocator {
 public:
  ToolLocator();  // reads /proc/self/exe, CLEF_TOOLS_DIR and PATH once
  ToolPath Find(const std::string& name) const;
  const std::string& self_dir() const { return self_dir_; }

 private:
  std::string self_dir_;
  std::string path_env_;
};

// Whether `path` names an existing executable regular file.
bool IsExecutableFile(const std::string& path);

// Looks `name` up on the PATH list given; empty when absent.
std::string FindOnPath(const std::string& name, const std::string& path_env);

}  // namespace clef::install

// RepoFiles: the filesystem seam of core/manifest. The manifest, .sops.yaml, sidecars and the
// matrix read the repository only through it, so the same code evaluates the working tree
// (WorkingTreeFiles), a git revision or the index (fill a MemoryFiles from blobs, or implement
// RepoFiles over libgit2), or an in-memory fixture.
//
// Paths are repository-relative with '/' separators ("secrets/api/dev.enc.yaml"), never
// absolute and never containing "..".
//
// Implementations are read-only views; thread-compatible.
//
//   WorkingTreeFiles files("/path/to/repo");
//   Result<std::optional<std::string>> text = files.Read("clef.yaml");
//   if (!text.ok()) ...;            // unreadable
//   if (!*text) ...;                // absent
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace clef::manifest {

class RepoFiles {
 public:
  virtual ~RepoFiles() = default;

  // The bytes of a regular file; std::nullopt when there is none at `path`; an Error when it
  // exists but cannot be read.
  virtual Result<std::optional<std::string>> Read(std::string_view path) const = 0;

  // Whether a regular file exists at `path`.
  virtual bool Exists(std::string_view path) const = 0;

  // Every regular file, sorted, excluding anything under a ".git" folder.
  virtual Result<std::vector<std::string>> List() const = 0;
};

// The files of a checked-out working tree rooted at `root`.
class WorkingTreeFiles : public RepoFiles {
 public:
  explicit WorkingTreeFiles(std::filesystem::path root) : root_(std::move(root)) {}

  Result<std::optional<std::string>> Read(std::string_view path) const override;
  bool Exists(std::string_view path) const override;
  Result<std::vector<std::string>> List() const override;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

// Files held in memory: for a git revision read blob by blob, and for tests.
class MemoryFiles : public RepoFiles {
 public:
  MemoryFiles() = default;
  explicit MemoryFiles(const std::map<std::string, std::string>& files)
      : files_(files.begin(), files.end()) {}

  void Put(std::string path, std::string content) { files_[std::move(path)] = std::move(content); }

  Result<std::optional<std::string>> Read(std::string_view path) const override;
  bool Exists(std::string_view path) const override;
  Result<std::vector<std::string>> List() const override;

 private:
  std::map<std::string, std::string, std::less<>> files_;
};

}  // namespace clef::manifest

namespace clef::manifest {

// The repository root for a tool started in `start`: the nearest folder (start or an ancestor)
// holding clef.yaml; else the nearest holding .sops.yaml; else the nearest holding .git;
// else `start` itself.
std::filesystem::path FindRepoRoot(const std::filesystem::path& start);

}  // namespace clef::manifest

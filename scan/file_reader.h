// Reading a file's bytes for scanning: mmap for large files, read() for small ones; no copy
// of mapped content. Move-only; unmaps or frees on destruction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace clef::scan {

class FileBytes {
 public:
  FileBytes() = default;
  ~FileBytes();
  FileBytes(FileBytes&& o) noexcept;
  FileBytes& operator=(FileBytes&& o) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  // Error names the file and the reason (missing, permission, a directory, too large).
  static Result<FileBytes> Read(const std::string& path, uint64_t max_bytes);
  std::string_view view() const { return map_ ? std::string_view(map_, size_) : std::string_view(small_); }

 private:
  char* map_ = nullptr;
  size_t size_ = 0;
  std::string small_;
};

}  // namespace clef::scan

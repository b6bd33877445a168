#include "scan/file_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace clef::scan {

constexpr size_t kMapThreshold = 256 * 1024;

FileBytes::~FileBytes() {
  if (map_) munmap(map_, size_);
}

FileBytes::FileBytes(FileBytes&& o) noexcept : map_(o.map_), size_(o.size_), small_(std::move(o.small_)) {
  o.map_ = nullptr;
  o.size_ = 0;
}

FileBytes& FileBytes::operator=(FileBytes&& o) noexcept {
  if (this != &o) {
    if (map_) munmap(map_, size_);
    map_ = o.map_;
    size_ = o.size_;
    small_ = std::move(o.small_);
    o.map_ = nullptr;
    o.size_ = 0;
  }
  return *this;
}

Result<FileBytes> FileBytes::Read(const std::string& path, uint64_t max_bytes) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return MakeError(std::string("cannot read: ") + strerror(errno), path);
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return MakeError("not a regular file", path);
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    close(fd);
    return MakeError("larger than the " + std::to_string(max_bytes >> 20) + " MiB limit; skipped", path);
  }
  FileBytes fb;
  size_t size = static_cast<size_t>(st.st_size);
  if (size >= kMapThreshold) {
    void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      madvise(p, size, MADV_SEQUENTIAL);
      fb.map_ = static_cast<char*>(p);
      fb.size_ = size;
      close(fd);
      return fb;
    }
  }
  fb.small_.resize(size);
  size_t got = 0;
  while (got < size) {
    ssize_t n = read(fd, fb.small_.data() + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fd);
  fb.small_.resize(got);
  return fb;
}

}  // namespace clef::scan

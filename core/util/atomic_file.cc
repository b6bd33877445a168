#include "core/util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace clef {

Status WriteFileAtomically(const std::string& path, std::string_view content, Flush flush) {
  size_t slash = path.rfind('/');
  std::string tmpl =
      (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + ".clef-tmp-XXXXXX";
  int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    return MakeError(
        std::string("cannot create a temporary file next to it: ") + std::strerror(errno), path);
  }
  struct stat st;
  mode_t mode = 0644;
  if (stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
  fchmod(fd, mode);
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      close(fd);
      unlink(tmpl.c_str());
      return MakeError(std::string("cannot write: ") + std::strerror(err), path);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if ((flush == Flush::kToDisk && fsync(fd) != 0) || close(fd) != 0) {
    int err = errno;
    unlink(tmpl.c_str());
    return MakeError(std::string(flush == Flush::kToDisk ? "cannot flush: " : "cannot write: ") +
                         std::strerror(err),
                     path);
  }
  if (rename(tmpl.c_str(), path.c_str()) != 0) {
    int err = errno;
    unlink(tmpl.c_str());
    return MakeError(std::string("cannot replace the file: ") + std::strerror(err), path);
  }
  return Status::Ok();
}

Result<std::optional<std::string>> ReadFileIfExists(const std::string& path) {
  // One read of the whole file where its size is known (no stream buffers, no regrowth).
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return MakeError(std::string("cannot read: ") + std::strerror(errno), path);
  }
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};
  struct stat st {};
  const bool sized = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  // +1: the read that reports the end of a regular file needs room for one byte.
  std::string out(sized ? static_cast<size_t>(st.st_size) + 1 : 65536, '\0');
  size_t used = 0;
  while (true) {
    if (used == out.size()) out.resize(out.size() * 2);
    ssize_t n = read(fd, out.data() + used, out.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return MakeError(std::string("cannot read: ") + std::strerror(errno), path);
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  out.resize(used);
  return std::optional<std::string>(std::move(out));
}

Result<std::string> ReadFile(const std::string& path) {
  auto r = ReadFileIfExists(path);
  if (!r.ok()) return r.error();
  if (!*r) return MakeError("no such file", path);
  return std::move(**r);
}

}  // namespace clef

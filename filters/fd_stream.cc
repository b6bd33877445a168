#include "filters/fd_stream.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace clef::filter {

FdInBuf::FdInBuf(int fd, size_t size) : fd_(fd), buffer_(size) { setg(nullptr, nullptr, nullptr); }

FdInBuf::int_type FdInBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  ssize_t n;
  do {
    n = read(fd_, buffer_.data(), buffer_.size());
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return traits_type::eof();
  setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
  return traits_type::to_int_type(*gptr());
}

std::streamsize FdInBuf::xsgetn(char* s, std::streamsize n) {
  std::streamsize done = 0;
  while (done < n) {
    std::streamsize have = egptr() - gptr();
    if (have == 0) {
      // A large remainder goes straight into the caller's memory, not through the buffer.
      if (n - done >= static_cast<std::streamsize>(buffer_.size())) {
        ssize_t got;
        do {
          got = read(fd_, s + done, static_cast<size_t>(n - done));
        } while (got < 0 && errno == EINTR);
        if (got <= 0) break;
        done += got;
        continue;
      }
      if (traits_type::eq_int_type(underflow(), traits_type::eof())) break;
      have = egptr() - gptr();
    }
    std::streamsize take = std::min(have, n - done);
    std::memcpy(s + done, gptr(), static_cast<size_t>(take));
    gbump(static_cast<int>(take));
    done += take;
  }
  return done;
}

FdOutBuf::FdOutBuf(int fd, size_t size) : fd_(fd), buffer_(size) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdOutBuf::~FdOutBuf() { sync(); }

bool FdOutBuf::WriteAll(const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd_, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

int FdOutBuf::sync() {
  const size_t pending = static_cast<size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return WriteAll(buffer_.data(), pending) ? 0 : -1;
}

FdOutBuf::int_type FdOutBuf::overflow(int_type c) {
  if (sync() != 0) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

std::streamsize FdOutBuf::xsputn(const char* s, std::streamsize n) {
  const std::streamsize room = epptr() - pptr();
  if (n <= room) {
    std::memcpy(pptr(), s, static_cast<size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  // Larger than the room left: what is buffered goes first, then these bytes directly.
  if (sync() != 0) return 0;
  if (n < static_cast<std::streamsize>(buffer_.size())) {
    std::memcpy(pptr(), s, static_cast<size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  return WriteAll(s, static_cast<size_t>(n)) ? n : 0;
}

}  // namespace clef::filter

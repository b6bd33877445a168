// std::streambuf over a raw file descriptor with one large buffer, for the process filter's
// pipes to git. std::cin/std::cout move at most BUFSIZ (8 KiB) per system call; with these a
// request of any size is usually one read(2) and every answer exactly one write(2), sent when
// PktWriter::Send() flushes (the protocol's turn-taking points), never in between.
//
// Neither class owns its descriptor. Not thread-safe.
//
//   FdInBuf in_buf(0);
//   FdOutBuf out_buf(1);
//   std::istream in(&in_buf);
//   std::ostream out(&out_buf);
#pragma once

#include <streambuf>
#include <vector>

namespace clef::filter {

inline constexpr size_t kFdBufferSize = size_t{1} << 20;

class FdInBuf : public std::streambuf {
 public:
  explicit FdInBuf(int fd, size_t size = kFdBufferSize);

 protected:
  int_type underflow() override;
  std::streamsize xsgetn(char* s, std::streamsize n) override;

 private:
  int fd_;
  std::vector<char> buffer_;
};

class FdOutBuf : public std::streambuf {
 public:
  explicit FdOutBuf(int fd, size_t size = kFdBufferSize);
  ~FdOutBuf() override;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool WriteAll(const char* data, size_t size);
  int fd_;
  std::vector<char> buffer_;
};

}  // namespace clef::filter

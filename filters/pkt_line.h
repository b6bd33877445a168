// pkt-line: the framing of git's long-running process protocol (gitprotocol-common(5),
// reference/git-integration.md §2.3).
//
// A packet is four lowercase hex digits giving the total length INCLUDING those four bytes,
// then the payload; "0000" is a flush packet. A payload is at most kMaxPktPayload (65516)
// bytes. "0001".."0003" are not valid data packets for this protocol, and an empty data
// packet "0004" is tolerated on input but never written.
//
// PktReader and PktWriter work on std::istream / std::ostream so tests can feed byte strings
// and the tool can use stdin/stdout. Neither owns its stream. Not thread-safe.
//
//   PktReader in(std::cin);
//   Result<Packet> p = in.Read();            // error on EOF inside a packet or a bad header
//   PktWriter out(std::cout);
//   out.WriteText("status=success"); out.Flush(); out.WriteContent(bytes); out.Flush(); out.Send();
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace clef::filter {

inline constexpr size_t kMaxPktPayload = 65516;

struct Packet {
  bool flush = false;   // "0000"
  bool eof = false;     // the stream ended cleanly before a header (only between packets)
  std::string payload;  // empty for flush and eof
};

class PktReader {
 public:
  explicit PktReader(std::istream& in) : in_(in) {}

  // The next packet. Errors: a header that is not 4 hex digits, a length 1..3, or the stream
  // ending inside a header or payload. A clean end of stream before a header gives eof.
  Result<Packet> Read();

  // A text packet with its optional trailing LF removed. A flush or eof where text was
  // expected is an error naming `expected`.
  Result<std::string> ReadText(std::string_view expected);

  // Text packets up to the next flush (trailing LFs removed). EOF is an error.
  Result<std::vector<std::string>> ReadTextList(std::string_view expected);

  // Data packets up to the next flush, concatenated into `content`.
  Status ReadContent(std::string* content);

 private:
  // -1 at a clean end of stream, 0 for a flush packet, else the payload size + 1.
  Result<long> ReadLength();
  // Appends `size` payload bytes to `into`.
  Status ReadPayload(size_t size, std::string* into);
  std::istream& in_;
};

class PktWriter {
 public:
  explicit PktWriter(std::ostream& out) : out_(out) {}

  // One packet holding `line` followed by LF. The line must fit in one packet.
  void WriteText(std::string_view line);
  // Bytes split into packets of at most kMaxPktPayload (nothing at all for empty content).
  void WriteContent(std::string_view bytes);
  void Flush();  // writes the flush packet "0000" (buffered)
  // Pushes everything buffered to the peer. Call once per complete message: each extra
  // write is a pipe round trip git waits for.
  void Send();
  bool ok() const { return static_cast<bool>(out_); }

 private:
  void WritePacket(std::string_view payload);
  std::ostream& out_;
};

// The 4-byte header for a payload of `payload_size` bytes (exposed for tests).
std::string PktHeader(size_t payload_size);

}  // namespace clef::filter

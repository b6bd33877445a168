#include "filters/pkt_line.h"

#include <vector>

namespace clef::filter {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string StripLf(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

}  // namespace

std::string PktHeader(size_t payload_size) {
  static const char kHex[] = "0123456789abcdef";
  size_t n = payload_size + 4;
  std::string h(4, '0');
  for (int i = 3; i >= 0; --i) {
    h[i] = kHex[n & 0xf];
    n >>= 4;
  }
  return h;
}

Result<long> PktReader::ReadLength() {
  char header[4];
  in_.read(header, 4);
  std::streamsize got = in_.gcount();
  if (got == 0) return -1L;
  if (got < 4) {
    return MakeError("pkt-line: stream ended inside a packet header (" + std::to_string(got) +
                     " of 4 bytes)");
  }
  long length = 0;
  for (char c : header) {
    int v = HexValue(c);
    if (v < 0) {
      return MakeError("pkt-line: invalid packet header (not 4 hex digits)");
    }
    length = length * 16 + v;
  }
  if (length == 0) return 0L;
  if (length < 4) {
    return MakeError("pkt-line: invalid packet length " + std::to_string(length) +
                     " (special packets 0001-0003 are not part of this protocol)");
  }
  return length - 4 + 1;  // payload size + 1, so that an empty data packet is not a flush
}

Status PktReader::ReadPayload(size_t size, std::string* into) {
  const size_t at = into->size();
  into->resize(at + size);
  if (size == 0) return Status::Ok();
  in_.read(into->data() + at, static_cast<std::streamsize>(size));
  if (static_cast<size_t>(in_.gcount()) != size) {
    return MakeError("pkt-line: stream ended inside a packet payload (" +
                     std::to_string(in_.gcount()) + " of " + std::to_string(size) + " bytes)");
  }
  return Status::Ok();
}

Result<Packet> PktReader::Read() {
  Result<long> length = ReadLength();
  if (!length.ok()) return length.error();
  if (*length < 0) return Packet{false, true, {}};
  if (*length == 0) return Packet{true, false, {}};
  Packet p;
  if (Status s = ReadPayload(static_cast<size_t>(*length - 1), &p.payload); !s.ok()) {
    return s.error();
  }
  return p;
}

Result<std::string> PktReader::ReadText(std::string_view expected) {
  Result<Packet> p = Read();
  if (!p.ok()) return p.error();
  if (p->eof)
    return MakeError("pkt-line: stream ended where " + std::string(expected) + " was expected");
  if (p->flush)
    return MakeError("pkt-line: flush packet where " + std::string(expected) + " was expected");
  return StripLf(std::move(p->payload));
}

Result<std::vector<std::string>> PktReader::ReadTextList(std::string_view expected) {
  std::vector<std::string> lines;
  for (;;) {
    Result<Packet> p = Read();
    if (!p.ok()) return p.error();
    if (p->eof) {
      return MakeError("pkt-line: stream ended before the flush packet ending " +
                       std::string(expected));
    }
    if (p->flush) return lines;
    lines.push_back(StripLf(std::move(p->payload)));
  }
}

Status PktReader::ReadContent(std::string* content) {
  content->clear();  // keeps its capacity: one allocation serves every file of a session
  for (;;) {
    Result<long> length = ReadLength();
    if (!length.ok()) return length.error();
    if (*length < 0) {
      return MakeError("pkt-line: stream ended inside file content (no flush packet)");
    }
    if (*length == 0) return Status::Ok();
    if (Status s = ReadPayload(static_cast<size_t>(*length - 1), content); !s.ok()) return s;
  }
}

void PktWriter::WritePacket(std::string_view payload) {
  std::string header = PktHeader(payload.size());
  out_.write(header.data(), 4);
  out_.write(payload.data(), static_cast<std::streamsize>(payload.size()));
}

void PktWriter::WriteText(std::string_view line) {
  std::string payload(line);
  payload.push_back('\n');
  WritePacket(payload);
}

void PktWriter::WriteContent(std::string_view bytes) {
  while (!bytes.empty()) {
    size_t n = std::min(bytes.size(), kMaxPktPayload);
    WritePacket(bytes.substr(0, n));
    bytes.remove_prefix(n);
  }
}

void PktWriter::Flush() { out_.write("0000", 4); }

void PktWriter::Send() { out_.flush(); }

}  // namespace clef::filter

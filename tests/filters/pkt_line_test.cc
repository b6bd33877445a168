// pkt-line framing as gitprotocol-common(5) defines it.
#include "filters/pkt_line.h"

#include <gtest/gtest.h>

#include <sstream>

namespace clef::filter {
namespace {

TEST(PktLine, HeaderCountsItsOwnFourBytes) {
  EXPECT_EQ(PktHeader(0), "0004");
  EXPECT_EQ(PktHeader(14), "0012");
  EXPECT_EQ(PktHeader(kMaxPktPayload), "fff0");
}

TEST(PktLine, ReadsTextFlushAndEof) {
  std::istringstream in(std::string("0016git-filter-client\n0000"));
  PktReader r(in);
  Result<Packet> a = r.Read();
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->payload, "git-filter-client\n");
  Result<Packet> b = r.Read();
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->flush);
  Result<Packet> c = r.Read();
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->eof);
}

TEST(PktLine, TextWithoutTrailingLfIsAccepted) {
  std::istringstream in(std::string("0015git-filter-client"));
  PktReader r(in);
  Result<std::string> t = r.ReadText("welcome");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, "git-filter-client");
}

TEST(PktLine, UppercaseHexIsAccepted) {
  std::istringstream in(std::string("000Ahello\n"));
  PktReader r(in);
  Result<Packet> p = r.Read();
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->payload, "hello\n");
}

TEST(PktLine, NonHexHeaderIsAnError) {
  std::istringstream in(std::string("00zzabc"));
  PktReader r(in);
  Result<Packet> p = r.Read();
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("not 4 hex digits"), std::string::npos);
}

TEST(PktLine, SpecialLengthsOneToThreeAreErrors) {
  for (std::string header : {"0001", "0002", "0003"}) {
    std::istringstream in(header);
    PktReader r(in);
    Result<Packet> p = r.Read();
    ASSERT_FALSE(p.ok()) << header;
    EXPECT_NE(p.error().message.find("invalid packet length"), std::string::npos);
  }
}

TEST(PktLine, TruncatedHeaderIsAnError) {
  std::istringstream in(std::string("00"));
  PktReader r(in);
  Result<Packet> p = r.Read();
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("inside a packet header"), std::string::npos);
}

TEST(PktLine, TruncatedPayloadIsAnError) {
  std::istringstream in(std::string("0010abc"));
  PktReader r(in);
  Result<Packet> p = r.Read();
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("inside a packet payload"), std::string::npos);
}

TEST(PktLine, ReadTextRejectsFlushAndEof) {
  std::istringstream flush_in(std::string("0000"));
  PktReader a(flush_in);
  EXPECT_FALSE(a.ReadText("x").ok());
  std::istringstream empty_in{std::string()};
  PktReader b(empty_in);
  Result<std::string> t = b.ReadText("the welcome line");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("the welcome line"), std::string::npos);
}

TEST(PktLine, ReadTextListStopsAtFlushAndFailsAtEof) {
  std::istringstream in(std::string("0008a=1\n0008b=2\n0000"));
  PktReader r(in);
  Result<std::vector<std::string>> l = r.ReadTextList("list");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(*l, (std::vector<std::string>{"a=1", "b=2"}));
  std::istringstream cut(std::string("0008a=1\n"));
  PktReader r2(cut);
  EXPECT_FALSE(r2.ReadTextList("list").ok());
}

TEST(PktLine, ContentWithoutFlushIsAnError) {
  std::istringstream in(std::string("0007abc"));
  PktReader r(in);
  std::string content;
  Status s = r.ReadContent(&content);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("no flush packet"), std::string::npos);
}

TEST(PktLine, EmptyDataPacketIsTolerated) {
  std::istringstream in(std::string("00040007abc0000"));
  PktReader r(in);
  std::string content;
  ASSERT_TRUE(r.ReadContent(&content).ok());
  EXPECT_EQ(content, "abc");
}

TEST(PktLine, LargeContentSplitsAtMaxPayloadAndRoundTrips) {
  std::string big(3 * kMaxPktPayload + 17, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 131 % 256);
  std::ostringstream out;
  PktWriter w(out);
  w.WriteContent(big);
  w.Flush();
  std::string wire = out.str();
  EXPECT_EQ(wire.substr(0, 4), "fff0");
  EXPECT_EQ(wire.size(), big.size() + 4 * 4 + 4);  // 4 packets + flush

  std::istringstream in(wire);
  PktReader r(in);
  std::string back;
  ASSERT_TRUE(r.ReadContent(&back).ok());
  EXPECT_EQ(back, big);
}

TEST(PktLine, EmptyContentWritesNoPacket) {
  std::ostringstream out;
  PktWriter w(out);
  w.WriteContent("");
  w.Flush();
  EXPECT_EQ(out.str(), "0000");
}

}  // namespace
}  // namespace clef::filter

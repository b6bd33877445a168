// The long-running filter process: what git sends, what the filter must answer
// (reference/git-integration.md §2.3).
#include "filters/process_filter.h"

#include <gtest/gtest.h>

#include <sstream>

#include "filters/pkt_line.h"

namespace clef::filter {
namespace {

// Builds the byte stream git would send.
class GitSide {
 public:
  GitSide& Text(std::string_view line) {
    w_.WriteText(line);
    return *this;
  }
  GitSide& Flush() {
    w_.Flush();
    return *this;
  }
  GitSide& Content(std::string_view bytes) {
    w_.WriteContent(bytes);
    return *this;
  }
  GitSide& Handshake() {
    return Text("git-filter-client").Text("version=2").Flush()
        .Text("capability=clean").Text("capability=smudge").Text("capability=delay").Flush();
  }
  GitSide& Request(std::string_view command, std::string_view path, std::string_view bytes) {
    Text(std::string("command=") + std::string(command));
    Text(std::string("pathname=") + std::string(path));
    return Flush().Content(bytes).Flush();
  }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
  PktWriter w_{out_};
};

// Decodes what the filter wrote: text lines as-is, "<flush>" for flush, content as one item.
std::vector<std::string> Packets(const std::string& wire) {
  std::istringstream in(wire);
  PktReader r(in);
  std::vector<std::string> out;
  for (;;) {
    Result<Packet> p = r.Read();
    EXPECT_TRUE(p.ok());
    if (!p.ok() || p->eof) return out;
    out.push_back(p->flush ? "<flush>" : p->payload);
  }
}

struct FilterRun {
  Status status;
  std::vector<std::string> packets;
  std::string diagnostics;
  ProcessStats stats;
};

FilterRun Serve(const std::string& input, const FilterPolicy& policy = {}) {
  std::istringstream in(input);
  std::ostringstream out, err;
  FilterRun run;
  run.status = RunProcessFilter(in, out, err, policy, &run.stats);
  run.packets = Packets(out.str());
  run.diagnostics = err.str();
  return run;
}

const std::vector<std::string> kHandshakeAnswer = {
    "git-filter-server\n", "version=2\n", "<flush>", "capability=clean\n",
    "capability=smudge\n", "<flush>"};

TEST(ProcessFilter, AnswersHandshakeWithoutDelayAndExitsOnEof) {
  FilterRun run = Serve(GitSide().Handshake().str());
  ASSERT_TRUE(run.status.ok()) << run.status.error().Describe();
  EXPECT_EQ(run.packets, kHandshakeAnswer);
}

TEST(ProcessFilter, OffersOnlyCapabilitiesGitAskedFor) {
  FilterRun run = Serve(GitSide().Text("git-filter-client").Text("version=2").Flush()
                      .Text("capability=clean").Flush().str());
  ASSERT_TRUE(run.status.ok());
  EXPECT_EQ(run.packets, (std::vector<std::string>{"git-filter-server\n", "version=2\n",
                                                   "<flush>", "capability=clean\n", "<flush>"}));
}

TEST(ProcessFilter, PassingCleanReturnsContentUnchanged) {
  FilterRun run = Serve(GitSide().Handshake().Request("clean", "a.enc.yaml", "x: 1\n").str());
  ASSERT_TRUE(run.status.ok());
  std::vector<std::string> expect = kHandshakeAnswer;
  expect.insert(expect.end(), {"status=success\n", "<flush>", "x: 1\n", "<flush>", "<flush>"});
  EXPECT_EQ(run.packets, expect);
  EXPECT_EQ(run.stats.files, 1);
}

TEST(ProcessFilter, EmptyContentIsSuccessFlushFlushFlush) {
  FilterRun run = Serve(GitSide().Handshake().Request("smudge", "a.enc.yaml", "").str());
  ASSERT_TRUE(run.status.ok());
  std::vector<std::string> expect = kHandshakeAnswer;
  expect.insert(expect.end(), {"status=success\n", "<flush>", "<flush>", "<flush>"});
  EXPECT_EQ(run.packets, expect);
}

TEST(ProcessFilter, RefusedCleanAnswersStatusErrorAndExplainsOnDiagnostics) {
  FilterPolicy policy;
  policy.clean = [](std::string_view, const std::string& path) -> Status {
    return MakeError("refusing to stage: plaintext key paths: db.password", path);
  };
  FilterRun run = Serve(GitSide().Handshake().Request("clean", "s/dev.enc.yaml", "db: {password: x}\n")
                      .Request("smudge", "s/dev.enc.yaml", "y\n").str(), policy);
  ASSERT_TRUE(run.status.ok());
  std::vector<std::string> expect = kHandshakeAnswer;
  expect.insert(expect.end(), {"status=error\n", "<flush>",  // the refused clean
                               "status=success\n", "<flush>", "y\n", "<flush>", "<flush>"});
  EXPECT_EQ(run.packets, expect);
  EXPECT_NE(run.diagnostics.find("s/dev.enc.yaml"), std::string::npos);
  EXPECT_NE(run.diagnostics.find("db.password"), std::string::npos);
  EXPECT_EQ(run.stats.refused, 1);
}

TEST(ProcessFilter, PolicyReceivesPathnameAndWholeContent) {
  std::string seen_path, seen_content;
  FilterPolicy policy;
  policy.clean = [&](std::string_view content, const std::string& path) -> Status {
    seen_path = path;
    seen_content = std::string(content);
    return Status::Ok();
  };
  std::string big(200000, 'q');
  FilterRun run = Serve(GitSide().Handshake().Text("command=clean").Text("pathname=dir/x y.enc.json")
                      .Text("ref=refs/heads/main").Flush().Content(big).Flush().str(), policy);
  ASSERT_TRUE(run.status.ok());
  EXPECT_EQ(seen_path, "dir/x y.enc.json");
  EXPECT_EQ(seen_content, big);
}

TEST(ProcessFilter, UnknownCommandGetsStatusErrorAndTheProcessGoesOn) {
  FilterRun run = Serve(GitSide().Handshake().Request("list_available_blobs", "", "")
                      .Request("clean", "a", "z").str());
  ASSERT_TRUE(run.status.ok());
  EXPECT_EQ(run.packets[6], "status=error\n");
  EXPECT_EQ(run.packets[8], "status=success\n");
  EXPECT_NE(run.diagnostics.find("unsupported command"), std::string::npos);
}

TEST(ProcessFilter, WrongWelcomeIsAProtocolError) {
  FilterRun run = Serve(GitSide().Text("git-foo-client").Text("version=2").Flush().str());
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.error().message.find("git-filter-client"), std::string::npos);
  EXPECT_TRUE(run.packets.empty());
}

TEST(ProcessFilter, MissingVersionTwoIsAProtocolError) {
  FilterRun run = Serve(GitSide().Text("git-filter-client").Text("version=3").Flush().str());
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.error().message.find("version=2"), std::string::npos);
}

TEST(ProcessFilter, NoUsableCapabilityIsAProtocolError) {
  FilterRun run = Serve(GitSide().Text("git-filter-client").Text("version=2").Flush()
                      .Text("capability=delay").Flush().str());
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.error().message.find("neither"), std::string::npos);
}

TEST(ProcessFilter, EofDuringHandshakeIsAProtocolError) {
  EXPECT_FALSE(Serve("").status.ok());
  EXPECT_FALSE(Serve(GitSide().Text("git-filter-client").str()).status.ok());
  EXPECT_FALSE(Serve(GitSide().Text("git-filter-client").Text("version=2").Flush().str())
                   .status.ok());
}

TEST(ProcessFilter, RequestWithoutCommandIsAProtocolError) {
  FilterRun run = Serve(GitSide().Handshake().Text("pathname=a").Flush().Flush().str());
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.error().message.find("without command="), std::string::npos);
}

TEST(ProcessFilter, EmptyRequestIsAProtocolError) {
  FilterRun run = Serve(GitSide().Handshake().Flush().str());
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.error().message.find("empty request"), std::string::npos);
}

TEST(ProcessFilter, ContentCutOffIsAProtocolError) {
  GitSide g;
  g.Handshake().Text("command=clean").Text("pathname=a").Flush().Content("partial");
  FilterRun run = Serve(g.str());
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.error().message.find("inside file content"), std::string::npos);
}

TEST(ProcessFilter, BrokenPacketInRequestIsAProtocolError) {
  FilterRun run = Serve(GitSide().Handshake().str() + "zzzz");
  ASSERT_FALSE(run.status.ok());
  EXPECT_NE(run.status.error().message.find("hex"), std::string::npos);
}

}  // namespace
}  // namespace clef::filter

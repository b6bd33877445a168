#include "filters/process_filter.h"

#include <vector>

#include "filters/pkt_line.h"

namespace clef::filter {
namespace {

bool Contains(const std::vector<std::string>& lines, std::string_view want) {
  for (const std::string& l : lines) {
    if (l == want) return true;
  }
  return false;
}

Status Handshake(PktReader& reader, PktWriter& writer) {
  Result<std::string> welcome = reader.ReadText("the welcome line \"git-filter-client\"");
  if (!welcome.ok()) return welcome.error();
  if (*welcome != "git-filter-client") {
    return MakeError(
        "filter protocol: expected \"git-filter-client\", got a different welcome "
        "line; is clef-filter configured as filter.<driver>.process?");
  }
  Result<std::vector<std::string>> versions = reader.ReadTextList("the version list");
  if (!versions.ok()) return versions.error();
  if (!Contains(*versions, "version=2")) {
    return MakeError(
        "filter protocol: git did not offer version=2 (the only version clef-filter "
        "speaks); upgrade git to 2.11 or later");
  }
  writer.WriteText("git-filter-server");
  writer.WriteText("version=2");
  writer.Flush();
  writer.Send();

  Result<std::vector<std::string>> caps = reader.ReadTextList("the capability list");
  if (!caps.ok()) return caps.error();
  bool any = false;
  for (std::string_view cap : {"capability=clean", "capability=smudge"}) {
    if (Contains(*caps, cap)) {
      writer.WriteText(cap);
      any = true;
    }
  }
  writer.Flush();
  writer.Send();
  if (!any) {
    return MakeError("filter protocol: git offered neither capability=clean nor capability=smudge");
  }
  return Status::Ok();
}

std::string_view ValueOf(const std::vector<std::string>& lines, std::string_view key) {
  for (const std::string& l : lines) {
    if (l.size() > key.size() && l.compare(0, key.size(), key) == 0 && l[key.size()] == '=') {
      return std::string_view(l).substr(key.size() + 1);
    }
  }
  return {};
}

}  // namespace

Status RunProcessFilter(std::istream& in, std::ostream& out, std::ostream& diagnostics,
                        const FilterPolicy& policy, ProcessStats* stats) {
  PktReader reader(in);
  PktWriter writer(out);
  if (Status s = Handshake(reader, writer); !s.ok()) return s;

  std::string content;
  for (;;) {
    Result<Packet> first = reader.Read();
    if (!first.ok()) return first.error();
    if (first->eof) return Status::Ok();  // git closed the pipe: done
    if (first->flush) {
      return MakeError("filter protocol: empty request (flush packet where command= was expected)");
    }
    std::vector<std::string> request{first->payload};
    if (!request[0].empty() && request[0].back() == '\n') request[0].pop_back();
    Result<std::vector<std::string>> rest = reader.ReadTextList("the request header");
    if (!rest.ok()) return rest.error();
    request.insert(request.end(), rest->begin(), rest->end());
    if (Status s = reader.ReadContent(&content); !s.ok()) return s;

    std::string command(ValueOf(request, "command"));
    std::string path(ValueOf(request, "pathname"));
    if (command.empty()) {
      return MakeError("filter protocol: request without command=");
    }
    if (stats) ++stats->files;

    const ContentCheck* check = nullptr;
    if (command == "clean") {
      check = &policy.clean;
    } else if (command == "smudge") {
      check = &policy.smudge;
    } else {
      diagnostics << "clef-filter: " << (path.empty() ? "(no pathname)" : path)
                  << ": unsupported command \"" << command << "\"\n";
      writer.WriteText("status=error");
      writer.Flush();
      writer.Send();
      if (stats) ++stats->refused;
      continue;
    }

    Status verdict = *check ? (*check)(content, path) : Status::Ok();
    if (!verdict.ok()) {
      diagnostics << verdict.error().Describe() << "\n";
      diagnostics.flush();
      writer.WriteText("status=error");
      writer.Flush();
      writer.Send();
      if (stats) ++stats->refused;
      continue;
    }
    writer.WriteText("status=success");
    writer.Flush();
    writer.WriteContent(content);
    writer.Flush();
    writer.Flush();  // the trailing (empty) status list: success stands
    writer.Send();
    if (!writer.ok()) return MakeError("filter protocol: cannot write to git (pipe closed)");
  }
}

}  // namespace clef::filter

// clef-merge PATH [--ours KEY]... [--theirs KEY]... [--base KEY]... [--all-ours|--all-theirs]
#include <CLI/CLI.hpp>
#include <iostream>

#include "core/util/cli_main.h"
#include "merge-driver/resolve.h"

int main(int argc, char** argv) {
  CLI::App app{"Resolve a conflicted sops file key by key from the index stages"};
  clef::merge::ResolveRequest request;
  std::vector<std::string> ours, theirs, base;
  app.add_option("path", request.path, "the conflicted file")->required();
  app.add_option("--ours", ours, "take our value for KEY (a.b or [\"a\"][\"b\"])");
  app.add_option("--theirs", theirs, "take their value for KEY");
  app.add_option("--base", base, "take the common ancestor's value for KEY");
  app.add_option("--set", request.set_keys,
                 "set KEY to a new value read from a hidden prompt or stdin (never argv)");
  auto* all_ours = app.add_flag("--all-ours", request.all_ours, "every conflict: ours");
  app.add_flag("--all-theirs", request.all_theirs, "every conflict: theirs")->excludes(all_ours);
  app.set_version_flag("--version", std::string("clef-merge ") + CLEF_VERSION);
  return clef::RunTool(app, argc, argv, "clef merge: unexpected failure", [&] {
    for (const auto& k : ours)
      request.choices.push_back({clef::merge::ParseKeyPath(k), clef::merge::Side::kOurs});
    for (const auto& k : theirs)
      request.choices.push_back({clef::merge::ParseKeyPath(k), clef::merge::Side::kTheirs});
    for (const auto& k : base)
      request.choices.push_back({clef::merge::ParseKeyPath(k), clef::merge::Side::kBase});
    return clef::merge::RunResolve(request, std::cout, std::cerr);
  });
}

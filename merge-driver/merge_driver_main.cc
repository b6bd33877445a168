// clef-merge-driver %O %A %B [%L] [%P] — git's merge driver for sops files and sidecars.
// Every outcome that is not a clean merge exits 1 (git <= 2.41 treats any non-zero alike),
// including CLI11's own parse errors.
#include <CLI/CLI.hpp>
#include <iostream>

#include "merge-driver/driver.h"

int main(int argc, char** argv) {
  try {
    CLI::App app{"SOPS-aware three-way merge driver for git (merge.clef-sops.driver)"};
    clef::merge::DriverArgs args;
    std::string marker_size;
    app.add_option("base", args.base, "%O: the common ancestor's version (empty for add/add)")
        ->required();
    app.add_option("ours", args.ours, "%A: our version; receives the merged result")->required();
    app.add_option("theirs", args.theirs, "%B: their version")->required();
    app.add_option("marker_size", marker_size, "%L: conflict marker size (unused: no markers)");
    app.add_option("path", args.path, "%P: the real path, deciding the format");
    app.set_version_flag("--version", std::string("clef-merge-driver ") + CLEF_VERSION);
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
      std::cout << app.help();  // asked for by a person, never by git
      return 0;
    } catch (const CLI::CallForVersion& e) {
      std::cout << e.what() << "\n";
      return 0;
    } catch (const CLI::ParseError& e) {
      std::cerr << "clef-merge-driver: " << e.what()
                << "\n  register it as: git config merge.clef-sops.driver "
                   "'clef-merge-driver %O %A %B %L %P'\n";
      return 1;
    }
    // Two positionals after %B: "%L %P"; one: it is %P unless it is a number.
    if (args.path.empty() && !marker_size.empty() &&
        marker_size.find_first_not_of("0123456789") != std::string::npos) {
      args.path = marker_size;
    }
    return clef::merge::RunMergeDriver(args, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "clef-merge-driver: unexpected failure: " << e.what()
              << "; the file was left as your version\n";
    return 1;
  }
}

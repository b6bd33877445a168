// clef-filter: git's textconv and clean/smudge filter for sops-encrypted files.
//   clef-filter textconv FILE      key-level view on stdout; always exits 0
//   clef-filter clean [PATH]       stdin -> stdout unchanged if encrypted as required, else 1
//   clef-filter smudge [PATH]      stdin -> stdout unchanged
//   clef-filter process            git's long-running filter protocol on stdin/stdout
#include <sodium.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "core/keys/identity_set.h"
#include "core/result.h"
#include "filters/clean_guard.h"
#include "filters/fd_stream.h"
#include "filters/key_view.h"
#include "filters/process_filter.h"
#include "filters/reveal.h"

namespace {

std::string ReadAll(std::istream& in) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

int Textconv(const std::string& file) {
  try {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cout << "# clef-filter: " << file << ": cannot be read, not shown\n";
      return clef::kExitOk;
    }
    const std::string bytes = ReadAll(in);
    clef::filter::ViewOptions options;
    clef::Result<clef::keys::IdentitySet> identities = clef::keys::IdentitySet::FromEnvironment();
    if (identities.ok()) {
      options.identities = &*identities;
    } else {
      // Names the source (variable, path, line), never key text.
      std::cout << "# clef-filter: local identities not loaded: " << identities.error().message
                << "\n";
    }
    // Only worth asking (it reads /proc, then runs git config) when a value could be opened.
    options.reveal = options.identities != nullptr && !options.identities->empty() &&
                     clef::filter::ShouldReveal();
    std::cout << clef::filter::RenderKeyView(bytes, file, options);
  } catch (const std::exception&) {
    std::cout << "# clef-filter: " << file << ": could not be rendered, not shown\n";
  }
  std::cout.flush();
  return clef::kExitOk;  // a failing textconv breaks `git log -p` for everyone
}

int OneShot(bool clean, const std::string& path) {
  std::string content = ReadAll(std::cin);
  if (clean) {
    clef::Status s = clef::filter::GuardClean(content, path.empty() ? "(stdin)" : path);
    if (!s.ok()) {
      std::cerr << s.error().Describe() << "\n";
      return clef::kExitNegative;
    }
  }
  std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
  std::cout.flush();
  return std::cout ? clef::kExitOk : clef::kExitError;
}

int Process() {
  clef::filter::FilterPolicy policy;
  policy.clean = clef::filter::GuardClean;
  clef::filter::FdInBuf in_buf(STDIN_FILENO);
  clef::filter::FdOutBuf out_buf(STDOUT_FILENO);
  std::istream in(&in_buf);
  std::ostream out(&out_buf);
  clef::Status s = clef::filter::RunProcessFilter(in, out, std::cerr, policy);
  if (!s.ok()) {
    std::cerr << "clef-filter: " << s.error().Describe() << "\n";
    return clef::kExitError;
  }
  return clef::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (sodium_init() < 0) {
    std::cerr << "clef-filter: libsodium could not be initialised\n";
    return clef::kExitError;
  }
  CLI::App app{"clef-filter: git textconv and clean-side guard for sops-encrypted files"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("clef-filter ") + CLEF_VERSION);
  std::string file, path;
  CLI::App* textconv = app.add_subcommand("textconv", "key-level view of FILE (never fails)");
  textconv->add_option("FILE", file, "the file git hands to diff.<driver>.textconv")->required();
  CLI::App* clean = app.add_subcommand("clean", "refuse content that is not encrypted");
  clean->add_option("PATH", path, "the repository path (%f), for messages");
  CLI::App* smudge = app.add_subcommand("smudge", "pass content through unchanged");
  smudge->add_option("PATH", path, "the repository path (%f)");
  CLI::App* process = app.add_subcommand("process", "git's long-running filter protocol");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (textconv->parsed() || (argc > 1 && std::string(argv[1]) == "textconv")) {
      std::cout << "# clef-filter: bad textconv invocation, not shown\n";
      return clef::kExitOk;
    }
    int rc = app.exit(e);
    return rc == 0 ? clef::kExitOk : clef::kExitError;
  }
  try {
    if (textconv->parsed()) return Textconv(file);
    if (clean->parsed()) return OneShot(true, path);
    if (smudge->parsed()) return OneShot(false, path);
    if (process->parsed()) return Process();
  } catch (const std::exception& e) {
    std::cerr << "clef-filter: internal error: " << e.what() << "\n";
  }
  return clef::kExitError;
}

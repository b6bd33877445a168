// The long-running filter process (`filter.<driver>.process`, reference/git-integration.md
// §2.3): handshake, capability negotiation, then one request per file until git closes the
// pipe.
//
// Handshake: git sends "git-filter-client", "version=2", flush; we answer
// "git-filter-server", "version=2", flush. git lists capabilities; we answer with those of
// {clean, smudge} it offered (never delay), flush. A peer that is not git-filter-client or
// does not offer version 2 gets an error and the process ends (git then reports the filter as
// failed; with `required = true` that fails the git command).
//
// Per file: "command=clean|smudge", "pathname=...", other keys ignored, flush, content,
// flush. The policy decides: success -> "status=success", flush, the content, flush, flush
// (empty trailing list); refusal -> "status=error", flush, and the message goes to the
// diagnostics stream (git shows our stderr). An unknown command gets "status=error" too.
//
// Not thread-safe; one instance serves one git process.
//
//   FilterPolicy policy{.clean = GuardClean, .smudge = nullptr};   // nullptr: pass through
//   Status s = RunProcessFilter(std::cin, std::cout, std::cerr, policy);
#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "core/result.h"

namespace clef::filter {

// Decides one file: OK means "pass the content through unchanged"; an error is a refusal
// whose Describe() is shown to the user (it must name the file and never hold values).
using ContentCheck = std::function<Status(std::string_view content, const std::string& path)>;

struct FilterPolicy {
  ContentCheck clean;   // empty: pass through
  ContentCheck smudge;  // empty: pass through
};

struct ProcessStats {
  int files = 0;
  int refused = 0;
};

// Serves requests until EOF. Returns an error for a protocol violation (the caller exits
// non-zero); refusals of single files are not errors of the process.
Status RunProcessFilter(std::istream& in, std::ostream& out, std::ostream& diagnostics,
                        const FilterPolicy& policy, ProcessStats* stats = nullptr);

}  // namespace clef::filter

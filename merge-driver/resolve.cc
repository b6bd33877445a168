#include "merge-driver/resolve.h"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "core/git/git_cli.h"
#include "core/util/atomic_file.h"
#include "merge-driver/sops_merge.h"

namespace clef::merge {
namespace {

// The blob of `stage` for `path`; empty when the stage is absent (add/add has no stage 1).
Result<std::string> ReadStage(int stage, const std::string& path) {
  Result<git::GitOutput> r =
      git::RunGit({"cat-file", "blob", ":" + std::to_string(stage) + ":./" + path});
  if (!r.ok()) return r.error();
  if (r->exit_code != 0) return std::string();
  return std::move(r->stdout_text);
}

void ListConflicts(const SopsMergeOutcome& o, const std::string& path, std::ostream& err) {
  err << path << ": " << o.conflicts.size() + o.metadata_conflicts.size()
      << " conflict(s) remain\n";
  for (const Conflict& c : o.conflicts) {
    err << "  " << FormatKeyPath(c.path) << ": base " << (c.in_base ? "had a value" : "absent")
        << ", ours " << ChangeName(c.ours) << ", theirs " << ChangeName(c.theirs) << "\n";
  }
  for (const std::string& m : o.metadata_conflicts) err << "  sops metadata: " << m << "\n";
  err << "  resolve with: clef merge " << path
      << " --ours KEY | --theirs KEY | --base KEY | --all-ours | --all-theirs\n";
}

// One line from stdin; on a terminal the prompt goes to stderr and echo is off.
std::string ReadValue(const std::string& key, std::ostream& err) {
  bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    err << "value for " << key << " (hidden): " << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string value;
  std::getline(std::cin, value);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    err << "\n";
  }
  return value;
}

}  // namespace

int RunResolve(const ResolveRequest& request, std::ostream& out, std::ostream& err) {
  Result<git::GitOutput> unmerged = git::RunGit({"ls-files", "-u", "--", request.path});
  if (!unmerged.ok() || unmerged->exit_code != 0) {
    err << "clef merge: not inside a git work tree\n";
    return 2;
  }
  if (unmerged->stdout_text.empty()) {
    err << "clef merge: " << request.path << " is not in conflict (no index stages 1/2/3); "
        << "run this during a conflicted merge, rebase or cherry-pick\n";
    return 2;
  }
  Result<std::string> base = ReadStage(1, request.path);
  Result<std::string> ours = ReadStage(2, request.path);
  Result<std::string> theirs = ReadStage(3, request.path);
  if (!base.ok() || !ours.ok() || !theirs.ok()) {
    err << "clef merge: cannot read the index stages of " << request.path << "\n";
    return 2;
  }
  Result<MergeIdentities> ids = LoadMergeIdentities();
  if (!ids.ok()) {
    err << "clef merge: " << ids.error().Describe() << "\n";
    return 2;
  }
  SopsMergeOptions options;
  options.forced = request.choices;
  for (const std::string& key : request.set_keys) {
    options.set_values.emplace_back(ParseKeyPath(key), ReadValue(key, err));
  }
  Result<SopsMergeOutcome> r = MergeSopsTexts(*base, *ours, *theirs, request.path, *ids, options);
  if (!r.ok()) {
    err << "clef merge: " << r.error().Describe() << "\n";
    return 2;
  }
  if ((request.all_ours || request.all_theirs) && !r->conflicts.empty()) {
    for (const Conflict& c : r->conflicts) {
      options.forced.push_back({c.path, request.all_ours ? Side::kOurs : Side::kTheirs});
    }
    r = MergeSopsTexts(*base, *ours, *theirs, request.path, *ids, options);
    if (!r.ok()) {
      err << "clef merge: " << r.error().Describe() << "\n";
      return 2;
    }
  }
  for (auto& [key_path, value] : options.set_values) sodium_memzero(value.data(), value.size());
  if (!r->clean()) {
    ListConflicts(*r, request.path, err);
    return 1;
  }
  Status written = WriteFileAtomically(request.path, r->merged);
  if (!written.ok()) {
    err << "clef merge: " << written.error().Describe() << "\n";
    return 2;
  }
  Result<git::GitOutput> added = git::RunGit({"add", "--", request.path});
  if (!added.ok() || added->exit_code != 0) {
    err << "clef merge: wrote " << request.path << " but `git add` failed; stage it by hand\n";
    return 2;
  }
  out << "resolved and staged " << request.path << "\n";
  return 0;
}

}  // namespace clef::merge

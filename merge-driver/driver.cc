#include "merge-driver/driver.h"

#include "core/util/atomic_file.h"
#include "merge-driver/sidecar_merge.h"
#include "merge-driver/sops_merge.h"

namespace clef::merge {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int Fail(std::ostream& err, const Error& e) {
  err << "clef-merge-driver: " << e.Describe() << "\n"
      << "  " << (e.file.empty() ? "the file" : e.file)
      << " was left as your version (ours); resolve it, then `git add` it\n";
  return 1;
}

std::string BaseState(const Conflict& c) { return c.in_base ? "had a value" : "absent"; }

}  // namespace

Status ReplaceGitTempFile(const std::string& path, std::string_view content) {
  return WriteFileAtomically(path, content, Flush::kNone);
}

int RunMergeDriver(const DriverArgs& args, std::ostream& err) {
  const std::string path = args.path.empty() ? args.ours : args.path;
  Result<std::string> ours = ReadFile(args.ours);
  if (!ours.ok()) return Fail(err, ours.error().InFile(path));
  Result<std::optional<std::string>> base = ReadFileIfExists(args.base);
  if (!base.ok()) return Fail(err, base.error().InFile(path));
  Result<std::string> theirs = ReadFile(args.theirs);
  if (!theirs.ok()) return Fail(err, theirs.error().InFile(path));
  const std::string base_text = base->value_or("");

  std::string merged;
  if (EndsWith(path, ".clef-meta.yaml")) {
    Result<std::string> r = MergeSidecarTexts(base_text, *ours, *theirs, path);
    if (!r.ok()) return Fail(err, r.error());
    merged = std::move(*r);
  } else {
    Result<MergeIdentities> ids = LoadMergeIdentities();
    if (!ids.ok()) {
      // The error names the key source; the file left as ours is the one being merged.
      Error e = MakeError("cannot load the local age identities: " + ids.error().Describe(), path);
      return Fail(err, e);
    }
    Result<SopsMergeOutcome> r = MergeSopsTexts(base_text, *ours, *theirs, path, *ids);
    if (!r.ok()) return Fail(err, r.error());
    if (!r->clean()) {
      err << "clef-merge-driver: merge conflict in " << path << " ("
          << r->conflicts.size() + r->metadata_conflicts.size() << " conflict(s)); the file "
          << "was left as your version (ours), still encrypted\n";
      for (const Conflict& c : r->conflicts) {
        err << "  " << FormatKeyPath(c.path) << ": base " << BaseState(c) << ", ours "
            << ChangeName(c.ours) << ", theirs " << ChangeName(c.theirs) << "\n";
      }
      for (const std::string& m : r->metadata_conflicts) err << "  sops metadata: " << m << "\n";
      err << "  next: `clef merge " << path << "` lists them and resolves each key "
          << "(--ours KEY, --theirs KEY, --base KEY, --set KEY)\n";
      return 1;
    }
    merged = std::move(r->merged);
  }
  if (merged == *ours) return 0;
  Status written = ReplaceGitTempFile(args.ours, merged);
  if (!written.ok()) return Fail(err, written.error().InFile(path));
  return 0;
}

}  // namespace clef::merge

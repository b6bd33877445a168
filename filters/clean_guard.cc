#include "filters/clean_guard.h"

#include <vector>

#include "core/doc/document.h"
#include "core/sops/encrypted_value.h"
#include "core/sops/encryption_check.h"
#include "core/sops/metadata.h"
#include "core/sops/sops_file.h"
#include "core/sops/tree_walk.h"
#include "filters/metadata_probe.h"

namespace clef::filter {
namespace {

constexpr size_t kMaxNamedPaths = 20;

std::string JoinPaths(const std::vector<std::string>& paths) {
  std::string out;
  for (size_t i = 0; i < paths.size() && i < kMaxNamedPaths; ++i) {
    out += i ? ", " : "";
    out += paths[i];
  }
  if (paths.size() > kMaxNamedPaths) {
    out += " and " + std::to_string(paths.size() - kMaxNamedPaths) + " more";
  }
  return out;
}

Error Refusal(std::string message, const std::string& path, std::string hint) {
  Error e = MakeError("refusing to stage: " + std::move(message), path);
  e.hint = std::move(hint);
  return e;
}

std::vector<std::string> AllValuePaths(const doc::Document& document) {
  std::vector<sops::PlaintextLeaf> leaves =
      sops::FindPlaintextLeaves(document, *sops::RuleMatcher::Compile({}));
  std::vector<std::string> paths;
  for (const sops::PlaintextLeaf& leaf : leaves) {
    if (!leaf.is_comment) paths.push_back(leaf.key_path);
  }
  return paths;
}

}  // namespace

Status GuardClean(std::string_view bytes, const std::string& path) {
  if (bytes.empty()) return Status::Ok();
  Result<doc::Document> document = doc::ParseDocument(bytes, doc::FormatForPath(path), path);
  if (!document.ok()) {
    Error e = document.error();
    e.message = "refusing to stage: " + e.message + "; a sops-encrypted file must parse";
    e.hint = "fix the file or re-create it with `sops encrypt`";
    return e;
  }
  if (!HasSopsMetadata(*document)) {
    std::vector<std::string> all = AllValuePaths(*document);
    return Refusal("the file is not sops-encrypted (no sops metadata)" +
                       (all.empty() ? std::string() : "; plaintext key paths: " + JoinPaths(all)),
                   path, "encrypt it with `sops encrypt -i " + path + "` before `git add`");
  }
  Result<sops::SopsFile> file = sops::SopsFileFromDocument(std::move(*document), path);
  if (!file.ok()) {
    Error e = file.error();
    e.message = "refusing to stage: malformed sops metadata: " + e.message;
    e.hint = "re-create the file with `sops encrypt`";
    return e;
  }
  Result<std::vector<sops::PlaintextLeaf>> open = sops::CheckEncryptedAsRequired(*file);
  if (!open.ok()) {
    Error e = open.error();
    e.message = "refusing to stage: invalid encryption rule in the sops metadata: " + e.message;
    return e;
  }
  if (!open->empty()) {
    std::vector<std::string> paths;
    for (const sops::PlaintextLeaf& leaf : *open) {
      paths.push_back(leaf.key_path +
                      (leaf.line ? " (line " + std::to_string(leaf.line) + ")" : std::string()));
    }
    return Refusal(
        std::to_string(open->size()) + (open->size() == 1 ? " value is" : " values are") +
            " in plaintext although the file's rule (" + file->metadata.rules.Describe() +
            ") demands encryption: " + JoinPaths(paths),
        path,
        "re-encrypt with `sops encrypt -i " + path + "` (or `sops edit`, which encrypts on save)");
  }
  // sops always seals the values with an encrypted MAC, and refuses to decrypt a file without
  // one; a block without it was made by hand (e.g. pasted onto values), so it is not trusted.
  if (!sops::LooksEncrypted(file->metadata.mac)) {
    return Refusal(file->metadata.mac.empty()
                       ? "the sops metadata has no MAC (sops always writes one)"
                       : "the sops metadata's MAC is not an ENC[...] value",
                   path, "re-create the file with `sops encrypt`");
  }
  return Status::Ok();
}

}  // namespace clef::filter

#include "filters/clean_guard.h"

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

}  // namespace

Result<std::vector<std::string>> PlaintextKeyPaths(const SopsContent& content) {
  Result<sops::RuleMatcher> matcher = sops::RuleMatcher::Compile(content.rules);
  if (!matcher.ok()) return matcher.error();
  std::vector<std::string> plaintext;
  if (!content.rules.unencrypted_comment_regex.empty() ||
      !content.rules.encrypted_comment_regex.empty()) {
    return plaintext;  // see clean_guard.h: comment rules are not judged here
  }
  std::vector<std::string_view> keys;
  for (const Leaf& leaf : content.leaves) {
    if (leaf.encrypted || leaf.empty_string) continue;
    keys.assign(leaf.keys.begin(), leaf.keys.end());
    std::vector<sops::CommentLevel> no_comments(keys.size() + 1);
    if (matcher->ShouldEncrypt(keys, no_comments, /*is_comment=*/false)) {
      plaintext.push_back(leaf.display_path);
    }
  }
  return plaintext;
}

Status GuardClean(std::string_view bytes, const std::string& path) {
  if (bytes.empty()) return Status::Ok();
  Result<SopsContent> content = ReadSopsContent(bytes, path);
  if (!content.ok()) {
    Error e = content.error();
    e.message = "refusing to stage: " + e.message + "; a sops-encrypted file must parse";
    e.hint = "fix the file or re-create it with `sops encrypt`";
    return e;
  }
  if (!content->has_metadata) {
    std::vector<std::string> all;
    for (const Leaf& leaf : content->leaves) all.push_back(leaf.display_path);
    return Refusal("the file is not sops-encrypted (no sops metadata)" +
                       (all.empty() ? std::string() : "; plaintext key paths: " + JoinPaths(all)),
                   path, "encrypt it with `sops encrypt -i " + path + "` before `git add`");
  }
  Result<std::vector<std::string>> open = PlaintextKeyPaths(*content);
  if (!open.ok()) {
    Error e = open.error().InFile(path);
    e.message = "refusing to stage: invalid encryption rule in the sops metadata: " + e.message;
    return e;
  }
  if (!open->empty()) {
    return Refusal(std::to_string(open->size()) +
                       (open->size() == 1 ? " value is" : " values are") +
                       " in plaintext although the file's rule (" + content->rules.Describe() +
                       ") demands encryption: " + JoinPaths(*open),
                   path, "re-encrypt with `sops encrypt -i " + path +
                             "` (or `sops edit`, which encrypts on save)");
  }
  return Status::Ok();
}

}  // namespace clef::filter

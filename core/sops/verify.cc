#include "core/sops/verify.h"

#include "core/sops/data_key.h"
#include "core/sops/opened_file.h"
#include "core/sops/sops_file.h"
#include "core/util/atomic_file.h"
#include "core/util/json_writer.h"

namespace clef::sops {

const char* VerifyOutcomeName(VerifyOutcome outcome) {
  switch (outcome) {
    case VerifyOutcome::kIntact:
      return "intact";
    case VerifyOutcome::kTampered:
      return "tampered";
    case VerifyOutcome::kCannotOpen:
      return "cannot-open";
    case VerifyOutcome::kInvalid:
      return "invalid";
  }
  return "invalid";
}

FileVerdict VerifyBytes(std::string_view bytes, const std::string& path,
                        const IdentitySet& identities) {
  FileVerdict v;
  v.path = path;
  Result<SopsFile> file = ReadSopsFile(bytes, path);
  if (!file.ok()) {
    v.outcome = VerifyOutcome::kInvalid;
    v.reason = file.error().Describe();
    return v;
  }
  v.recipients = file->metadata.Recipients().recipients();
  v.matched = MatchingRecipients(file->metadata, identities);
  Result<UnwrappedKey> key = UnwrapDataKey(file->metadata, identities);
  if (!key.ok()) {
    v.outcome = VerifyOutcome::kCannotOpen;
    v.reason = key.error().InFile(path).Describe();
    return v;
  }
  Result<OpenedFile> opened = VerifyWithDataKey(*file, std::move(key->data_key));
  if (!opened.ok()) {
    v.outcome = VerifyOutcome::kTampered;
    v.reason = opened.error().Describe();
    return v;
  }
  v.outcome = VerifyOutcome::kIntact;
  v.values = opened->leaf_count;
  return v;
}

FileVerdict VerifyFile(const std::string& path, const IdentitySet& identities) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) {
    FileVerdict v;
    v.path = path;
    v.outcome = VerifyOutcome::kInvalid;
    v.reason = bytes.error().InFile(path).Describe();
    return v;
  }
  return VerifyBytes(*bytes, path, identities);
}

std::string FormatVerdictsText(const std::vector<FileVerdict>& verdicts) {
  std::string out;
  for (const FileVerdict& v : verdicts) {
    out += v.path + ": " + VerifyOutcomeName(v.outcome);
    if (v.outcome == VerifyOutcome::kIntact) {
      out += " (" + std::to_string(v.values) + (v.values == 1 ? " value" : " values") +
             ", MAC verified)";
    }
    out += "\n";
    for (const Recipient& r : v.matched) out += "  local identity matches " + r.Describe() + "\n";
    if (!v.reason.empty()) {
      std::string reason = v.reason;
      size_t at = 0;
      while ((at = reason.find('\n', at)) != std::string::npos) {
        reason.replace(at, 1, "\n  ");
        at += 3;
      }
      out += "  " + reason + "\n";
    }
  }
  return out;
}

std::string FormatVerdictsJson(const std::vector<FileVerdict>& verdicts) {
  JsonWriter w(/*pretty=*/true);
  w.BeginObject();
  w.Key("files");
  w.BeginArray();
  for (const FileVerdict& v : verdicts) {
    w.BeginObject();
    w.Key("path");
    w.String(v.path);
    w.Key("status");
    w.String(VerifyOutcomeName(v.outcome));
    w.Key("intact");
    w.Bool(v.outcome == VerifyOutcome::kIntact);
    w.Key("values");
    w.Int(static_cast<int64_t>(v.values));
    auto recipients = [&](const char* key, const std::vector<Recipient>& list) {
      w.Key(key);
      w.BeginArray();
      for (const Recipient& r : list) {
        w.BeginObject();
        w.Key("type");
        w.String(KeyTypeName(r.type));
        w.Key("id");
        w.String(r.id);
        w.EndObject();
      }
      w.EndArray();
    };
    recipients("recipients", v.recipients);
    recipients("matched", v.matched);
    w.Key("reason");
    if (v.reason.empty()) {
      w.Null();
    } else {
      w.String(v.reason);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str() + "\n";
}

int VerifyExitCode(const std::vector<FileVerdict>& verdicts) {
  for (const FileVerdict& v : verdicts) {
    if (v.outcome != VerifyOutcome::kIntact) return kExitNegative;
  }
  return kExitOk;
}

}  // namespace clef::sops

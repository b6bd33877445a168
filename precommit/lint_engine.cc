// Implementation of RunLint: gather the files (working tree or index), then each check.
#include "precommit/lint_engine.h"

#include <git2.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "core/crypto/rfc3339.h"
#include "core/git/handles.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/git/tree_diff.h"
#include "core/manifest/clef_meta.h"
#include "core/manifest/manifest.h"
#include "core/manifest/matrix.h"
#include "core/manifest/policy.h"
#include "core/manifest/repo_files.h"
#include "core/manifest/sops_config.h"
#include "core/manifest/sops_recipient.h"
#include "core/manifest/status.h"
#include "core/sops/data_key.h"
#include "core/sops/encryption_check.h"
#include "core/sops/opened_file.h"
#include "core/sops/sops_file.h"
#include "core/sops/tree_walk.h"
#include "precommit/lint_attributes.h"
#include "precommit/lint_schema.h"
#include "scan/finding.h"
#include "scan/scanner.h"

namespace clef::lint {
namespace {

using manifest::FileState;
using manifest::FileStatus;
using manifest::RepoKind;

std::string Short(const manifest::Recipient& r) {
  std::string id = r.id.size() > 16 ? r.id.substr(0, 16) + "..." : r.id;
  return std::string(manifest::RecipientKindName(r.kind)) + ":" + id;
}

// 1-based line of the first `needle` at or after `from` in `text`; 0 when absent.
int LineOf(std::string_view text, std::string_view needle, size_t from = 0) {
  if (needle.empty() || from > text.size()) return 0;
  size_t at = text.find(needle, from);
  if (at == std::string_view::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

// Where the sops metadata starts in the raw bytes of a sops file (YAML `sops:`, JSON
// `"sops":`, dotenv `sops_...=`), so that field lookups do not hit the data.
size_t SopsBlockOffset(std::string_view text) {
  for (std::string_view marker : {"\nsops:", "\"sops\":", "\nsops_"}) {
    size_t at = text.rfind(marker);
    if (at != std::string_view::npos) return at + (marker.front() == '\n' ? 1 : 0);
  }
  return 0;  // the block opens the file, or there is none
}

// Seconds since the epoch of an RFC 3339 / ISO-8601 timestamp; nullopt when unreadable.
std::optional<int64_t> EpochSeconds(std::string_view text) {
  auto t = crypto::ParseRfc3339(text);
  if (!t) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  int y = t->year - (t->month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int mp = (t->month + 9) % 12;
  int doy = (153 * mp + 2) / 5 + t->day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  int64_t days = static_cast<int64_t>(era) * 146097 + doe - 719468;
  return days * 86400 + t->hour * 3600 + t->minute * 60 + t->second -
         static_cast<int64_t>(t->offset_minutes) * 60;
}

// The whole index (stage 0 entries) as files, read blob by blob.
Result<std::unique_ptr<manifest::MemoryFiles>> IndexFiles(git_repository* repo) {
  git_index* raw = nullptr;
  if (git_repository_index(&raw, repo) != 0)
    return Error{"cannot read the git index", "", 0, 0, "run `git status` to check the repository"};
  git::IndexPtr index(raw);
  auto files = std::make_unique<manifest::MemoryFiles>();
  size_t n = git_index_entrycount(index.get());
  for (size_t i = 0; i < n; ++i) {
    const git_index_entry* e = git_index_get_byindex(index.get(), i);
    if (!e || GIT_INDEX_ENTRY_STAGE(e) != 0) continue;
    if ((e->mode & 0170000) != 0100000) continue;  // regular files only
    auto blob = git::ReadBlob(repo, e->id);
    if (!blob.ok()) return blob.error();
    files->Put(e->path, std::move(*blob));
  }
  return files;
}

class Linter {
 public:
  Linter(const manifest::RepoFiles& files, const LintOptions& options,
         const sops::IdentitySet* identities, LintReport& report)
      : files_(files), options_(options), identities_(identities), report_(report) {}

  void Add(std::string check, Severity sev, std::string path, int line, std::string key_path,
           std::string message, std::string fix) {
    report_.problems.push_back(Problem{std::move(check), sev, std::move(path), line,
                                       std::move(key_path), std::move(message), std::move(fix)});
  }

  // `only`: when non-null, file-level checks run only on these paths.
  Status Run(const std::set<std::string>* only) {
    auto kind = manifest::DetectRepoKind(files_);
    if (!kind.ok()) return kind.error();
    report_.kind = *kind;
    if (*kind == RepoKind::kNone) {
      report_.note = "no clef.yaml, .sops.yaml or *.enc.* file: nothing to lint";
      return {};
    }
    auto status = manifest::BuildStatus(files_);
    if (!status.ok()) {
      const Error& e = status.error();
      bool sops_cfg = e.file == manifest::kSopsConfigFileName ||
                      (e.file.empty() && e.message.find(".sops.yaml") != std::string::npos);
      Add(sops_cfg ? "sops-config.invalid" : "manifest.invalid", Severity::kError,
          e.file.empty() ? (sops_cfg ? ".sops.yaml" : "clef.yaml") : e.file, e.line, "", e.message,
          e.hint.empty() ? "fix the file so it parses and validates" : e.hint);
      return {};
    }
    // A .sops.yaml next to clef.yaml must be valid too.
    auto cfg = manifest::LoadSopsConfig(files_);
    if (!cfg.ok()) {
      const Error& e = cfg.error();
      Add("sops-config.invalid", Severity::kError, manifest::kSopsConfigFileName, e.line, "",
          e.message, e.hint.empty() ? "fix .sops.yaml" : e.hint);
    }
    std::optional<manifest::Matrix> matrix;
    if (*kind == RepoKind::kClef) {
      auto m = manifest::LoadManifest(files_);
      if (m.ok()) {
        const manifest::SopsConfig* c = cfg.ok() && *cfg ? &**cfg : nullptr;
        matrix = manifest::BuildMatrix(*m, c, files_);
        UnknownFiles(*m, *matrix, only);
        for (const auto& ns : m->namespaces)
          if (!ns.schema.empty()) schema_paths_[ns.name] = ns.schema;
      }
      auto policy = manifest::LoadPolicy(files_);
      if (policy.ok()) {
        policy_ = *policy;
      } else {
        const Error& e = policy.error();
        Add("policy.invalid", Severity::kError, manifest::kPolicyFileName, e.line, "", e.message,
            e.hint.empty() ? "fix .clef/policy.yaml" : e.hint);
      }
    }
    for (const FileStatus& fs : status->files) {
      secrets_.insert(fs.path);
      if (fs.state == FileState::kMissing) {
        Add("matrix.missing-cell", Severity::kError, fs.path, 0, "",
            "cell " + fs.ns + "/" + fs.env + " has no encrypted file",
            "create it with `clef set " + fs.ns + "/" + fs.env + " KEY` or `sops encrypt`");
        continue;
      }
      CollectKeys(fs);
      if (only && !only->count(fs.path)) continue;
      ++report_.files_checked;
      std::vector<manifest::Recipient> declared;
      if (matrix) {
        if (const auto* cell = matrix->FindByPath(fs.path))
          declared = !cell->declared.empty() ? cell->declared : cell->rule_recipients;
      } else if (cfg.ok() && *cfg) {
        if (const auto* rule = (*cfg)->RuleFor(fs.path)) declared = rule->Recipients();
      }
      CheckFile(fs, declared);
    }
    Drift(only);
    if (matrix) Sidecars(*matrix, only);
    Attributes(status->files, only);
    return {};
  }

  const std::set<std::string>& secrets() const { return secrets_; }

 private:
  void UnknownFiles(const manifest::Manifest& m, const manifest::Matrix& matrix,
                    const std::set<std::string>* only) {
    std::string prefix = m.file_pattern.substr(0, m.file_pattern.find('{'));
    prefix = prefix.substr(0, prefix.rfind('/') == std::string::npos ? 0 : prefix.rfind('/') + 1);
    if (prefix.empty()) return;  // pattern at the root: every file would be "in the tree"
    auto list = files_.List();
    if (!list.ok()) return;
    std::set<std::string> known;
    for (const auto& c : matrix.cells) {
      known.insert(c.path);
      known.insert(c.sidecar_path);
    }
    for (const auto& p : *list) {
      if (p.rfind(prefix, 0) != 0 || known.count(p)) continue;
      if (only && !only->count(p)) continue;
      if (p.size() >= 15 && p.compare(p.size() - 15, 15, ".clef-meta.yaml") == 0) continue;
      secrets_.insert(p);  // not for the plaintext scanner: it sits in the secrets tree
      Add("matrix.unknown-file", Severity::kWarning, p, 0, "",
          "file in the secrets tree matches no namespace/environment cell of clef.yaml",
          "add its namespace/environment to clef.yaml, or move it out of " + prefix);
    }
  }

  void CheckFile(const FileStatus& fs, const std::vector<manifest::Recipient>& declared) {
    auto bytes = files_.Read(fs.path);
    if (!bytes.ok() || !*bytes) {
      Add("sops.malformed", Severity::kError, fs.path, 0, "", "cannot read the file",
          "check its permissions");
      return;
    }
    if (bytes->value().find('\0') != std::string::npos) {
      Add("sops.not-encrypted", Severity::kError, fs.path, 0, "",
          "binary content where a sops file is expected",
          "replace it with a file written by `sops encrypt`");
      return;
    }
    auto file = sops::ReadSopsFile(**bytes, fs.path);
    if (!file.ok()) {
      const Error& e = file.error();
      if (fs.state == FileState::kNotSops)
        Add("sops.not-encrypted", Severity::kError, fs.path, e.line, "",
            "no sops metadata: the file is not encrypted",
            "encrypt it: `sops encrypt -i " + fs.path + "`");
      else
        Add("sops.malformed", Severity::kError, fs.path, e.line, "", e.message,
            e.hint.empty() ? "restore the file from git or re-encrypt it with sops" : e.hint);
      return;
    }
    const sops::Metadata& meta = file->metadata;
    const std::string_view raw = **bytes;
    const size_t block = SopsBlockOffset(raw);
    const int block_line = LineOf(raw, raw.substr(block, 4), block);
    auto field_line = [&](std::string_view field) {
      int line = LineOf(raw, field, block);
      return line > 0 ? line : block_line;
    };
    if (meta.mac.empty())
      Add("sops.no-mac", Severity::kError, fs.path, block_line, "",
          "the sops block has no MAC: tampering cannot be detected",
          "re-encrypt with sops (`sops decrypt` then `sops encrypt`)");
    if (meta.mac_only_encrypted)
      Add("sops.mac-only-encrypted", Severity::kWarning, fs.path, field_line("mac_only_encrypted"),
          "", "mac_only_encrypted: the MAC does not cover the values left in plaintext",
          "remove mac_only_encrypted from .sops.yaml and re-encrypt");
    const auto& r = meta.rules;
    if (!r.unencrypted_regex.empty() || !r.unencrypted_comment_regex.empty() ||
        (!r.unencrypted_suffix.empty() && r.unencrypted_suffix != "_unencrypted"))
      Add("sops.unencrypted-rule", Severity::kWarning, fs.path,
          field_line(!r.unencrypted_regex.empty()           ? "unencrypted_regex"
                     : !r.unencrypted_comment_regex.empty() ? "unencrypted_comment_regex"
                                                            : "unencrypted_suffix"),
          "", "values are left in plaintext by the rule " + r.Describe(),
          "prefer encrypted_regex / encrypted_suffix, or check the rule is intended");
    auto open = sops::CheckEncryptedAsRequired(*file);
    if (!open.ok()) {
      Add("sops.malformed", Severity::kError, fs.path, open.error().line, "", open.error().message,
          "fix the encryption rule in the sops block");
    } else {
      for (const auto& leaf : *open)
        Add("sops.plaintext-value", Severity::kError, fs.path, leaf.line, leaf.key_path,
            "value at " + leaf.key_path + " is not encrypted",
            "encrypt the file again: `sops encrypt -i " + fs.path + "`");
    }
    // Recipients.
    if (!declared.empty()) {
      std::set<manifest::Recipient> have;
      const sops::RecipientSet in_file = meta.Recipients();
      for (const auto& rec : in_file.recipients()) have.insert(manifest::FromSopsRecipient(rec));
      std::set<manifest::Recipient> want(declared.begin(), declared.end());
      for (const auto& w : want)
        if (!have.count(w))
          Add("recipients.missing", Severity::kWarning, fs.path, block_line, "",
              "declared recipient " + Short(w) + " cannot decrypt this file",
              "run `sops updatekeys " + fs.path + "`");
      for (const auto& h : have)
        if (!want.count(h))
          Add("recipients.undeclared", Severity::kError, fs.path, field_line(h.id), "",
              "recipient " + Short(h) + " can decrypt this file but is not declared",
              "declare it, or remove it with `sops updatekeys " + fs.path + "`");
    }
    const Schema* schema = SchemaFor(fs.ns);
    if (schema) SchemaKeys(fs, *schema);
    if (options_.verify) Verify(fs, *file, schema);
  }

  // The namespace's schema, loaded once; a schema that cannot be read is reported once.
  const Schema* SchemaFor(const std::string& ns) {
    auto path = schema_paths_.find(ns);
    if (ns.empty() || path == schema_paths_.end()) return nullptr;
    auto cached = schemas_.find(ns);
    if (cached != schemas_.end()) return cached->second ? &*cached->second : nullptr;
    std::optional<Schema>& slot = schemas_[ns];
    auto text = files_.Read(path->second);
    if (!text.ok() || !*text) {
      Add("schema.invalid", Severity::kWarning, path->second, 0, "",
          "the schema of namespace " + ns + " cannot be read",
          "create it, or fix the `schema` path of namespace " + ns + " in clef.yaml");
      return nullptr;
    }
    auto parsed = ParseSchema(**text, path->second);
    if (!parsed.ok()) {
      Add("schema.invalid", Severity::kWarning, path->second, parsed.error().line, "",
          parsed.error().message, "fix the schema file (keys: {NAME: {type, required, pattern}})");
      return nullptr;
    }
    slot = std::move(*parsed);
    return &*slot;
  }

  // Required and undeclared keys: key names are plaintext, no key needed.
  void SchemaKeys(const FileStatus& fs, const Schema& schema) {
    std::set<std::string> present;
    for (const auto& [key, line] : top_keys_[fs.path]) {
      present.insert(key);
      if (!schema.Find(key))
        Add("schema.undeclared-key", Severity::kWarning, fs.path, line, key,
            "key " + key + " is not declared in the schema " + schema.path,
            "declare it in " + schema.path + ", or remove it");
    }
    for (const SchemaKey& k : schema.keys)
      if (k.required && !present.count(k.name))
        Add("schema.missing-key", Severity::kError, fs.path, 0, k.name,
            "required key " + k.name + " (" + schema.path + ":" + std::to_string(k.line) +
                ") is missing from " + fs.ns + "/" + fs.env,
            "set it: `clef set " + fs.ns + "/" + fs.env + " " + k.name + "`");
  }

  // --verify: the data key from a local identity, every value decrypted and the MAC checked;
  // then the values against the schema. Plaintext stays in wiped memory and is never printed.
  void Verify(const FileStatus& fs, const sops::SopsFile& file, const Schema* schema) {
    if (file.metadata.mac.empty()) return;  // already an error (sops.no-mac)
    auto key = sops::UnwrapDataKey(file.metadata, *identities_);
    if (!key.ok()) {
      Add("sops.unverified", Severity::kWarning, fs.path, 0, "",
          "not verified: " + key.error().message.substr(0, key.error().message.find(';')),
          key.error().hint.empty() ? "run with an identity that is a recipient of this file"
                                   : key.error().hint);
      return;
    }
    auto opened = schema ? sops::OpenWithDataKey(file, std::move(key->data_key))
                         : sops::VerifyWithDataKey(file, std::move(key->data_key));
    if (!opened.ok()) {
      const Error& e = opened.error();
      Add("sops.mac-mismatch", Severity::kError, fs.path, e.line, "", e.message,
          "the file was changed without sops: restore it from git history, or re-encrypt it from "
          "trusted values");
      return;
    }
    ++report_.files_verified;
    if (!schema) return;
    for (const sops::OpenedLeaf& leaf : opened->leaves) {
      if (leaf.is_comment || leaf.document != 0) continue;
      // Top-level scalars only: schema keys name top-level keys.
      if (leaf.key_path.find_first_of(".[") != std::string::npos) continue;
      const SchemaKey* k = schema->Find(leaf.key_path);
      if (!k) continue;
      std::string why = CheckSchemaValue(*k, leaf.type, leaf.plaintext.view());
      if (!why.empty())
        Add("schema.invalid-value", Severity::kError, fs.path, leaf.line, leaf.key_path,
            "the value of " + leaf.key_path + " " + why + " (" + schema->path + ")",
            "set a valid value: `clef set " + fs.ns + "/" + fs.env + " " + leaf.key_path + "`");
    }
  }

  void CollectKeys(const FileStatus& fs) {
    if (fs.ns.empty()) return;
    auto bytes = files_.Read(fs.path);
    if (!bytes.ok() || !*bytes) return;
    auto file = sops::ReadSopsFile(**bytes, fs.path);
    if (!file.ok()) return;
    // Top-level keys with their lines: the schema and rotation checks work on these.
    std::vector<std::pair<std::string, int>>& top = top_keys_[fs.path];
    for (const doc::Node& root : file->document.roots)
      for (const doc::Item& item : root.items)
        if (!item.is_comment()) top.emplace_back(item.key, item.line);
    auto matcher = sops::RuleMatcher::Compile(file->metadata.rules);
    if (!matcher.ok()) return;
    std::set<std::string>& keys = keys_[fs.ns][fs.env];
    (void)sops::WalkLeaves(file->document, *matcher, [&](sops::Leaf& leaf) -> Status {
      if (!leaf.is_comment) keys.insert(leaf.key_path);
      return {};
    });
    paths_[fs.ns][fs.env] = fs.path;
  }

  int64_t Now() const {
    if (options_.now != 0) return options_.now;
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  // Rotation records against .clef/policy.yaml, and the sidecar's own consistency
  // (clef-behaviour.md §5.1 #17-18, §7.2).
  void Rotations(const manifest::MatrixCell& cell, const manifest::ClefMeta& meta) {
    auto keys_it = top_keys_.find(cell.path);
    if (keys_it == top_keys_.end()) return;
    std::set<std::string> keys;
    for (const auto& [k, line] : keys_it->second) keys.insert(k);
    for (const auto& r : meta.rotations) {
      if (!keys.count(r.key))
        Add("sidecar.orphan-rotation", Severity::kWarning, cell.sidecar_path, r.line, r.key,
            "rotation record for " + r.key + ", which is not a key of " + cell.ns + "/" + cell.env,
            "remove the entry from " + cell.sidecar_path + ", or set the key again");
      if (meta.IsPending(r.key))
        Add("sidecar.pending-and-rotated", Severity::kError, cell.sidecar_path, r.line, r.key,
            "key " + r.key + " is both pending and rotated in " + cell.sidecar_path,
            "run `clef set " + cell.ns + "/" + cell.env + " " + r.key + "` to reconcile");
    }
    if (!policy_.from_file && meta.rotations.empty()) return;
    const double max_days = policy_.MaxAgeDays(cell.env);
    const int64_t now = Now();
    int unknown = 0;
    std::string first_unknown;
    for (const auto& [k, line] : keys_it->second) {
      const manifest::RotationRecord* r = meta.RotationFor(k);
      if (!r) {
        if (unknown++ == 0) first_unknown = k;
        continue;
      }
      auto at = EpochSeconds(r->last_rotated_at);
      if (!at) {
        Add("sidecar.invalid", Severity::kWarning, cell.sidecar_path, r->line, k,
            "last_rotated_at of " + k + " is not an ISO-8601 timestamp",
            "write it as 2026-01-31T12:00:00Z");
        continue;
      }
      const double due = static_cast<double>(*at) + max_days * 86400.0;
      if (static_cast<double>(now) > due) {
        long long days = static_cast<long long>(std::floor((now - due) / 86400.0));
        Add("keys.rotation-overdue", Severity::kWarning, cell.path, line, k,
            "key " + k + " of " + cell.ns + "/" + cell.env + " was last rotated " +
                r->last_rotated_at + ", " + std::to_string(days) + " day(s) past the " +
                FormatDays(max_days) + "-day policy",
            "rotate it: `clef set " + cell.ns + "/" + cell.env + " " + k + "`");
      }
    }
    if (unknown > 0 && policy_.from_file)
      Add("keys.rotation-unknown", Severity::kInfo, cell.path, 0, first_unknown,
          std::to_string(unknown) + " key(s) of " + cell.ns + "/" + cell.env + ", e.g. " +
              first_unknown + ", have no rotation record, so the policy cannot be checked",
          "set them with `clef set`, which records rotations in " + cell.sidecar_path);
  }

  static std::string FormatDays(double d) {
    if (d == std::floor(d)) return std::to_string(static_cast<long long>(d));
    std::string s = std::to_string(d);
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
  }

  // Pending placeholders (values Clef generated at random and nobody has set yet).
  void Sidecars(const manifest::Matrix& matrix, const std::set<std::string>* only) {
    for (const auto& cell : matrix.cells) {
      if (!cell.exists) continue;
      if (only && !only->count(cell.path) && !only->count(cell.sidecar_path)) continue;
      auto meta = manifest::LoadClefMeta(files_, cell.sidecar_path);
      if (!meta.ok()) {
        Add("sidecar.invalid", Severity::kWarning, cell.sidecar_path, meta.error().line, "",
            meta.error().message, "fix or delete the sidecar (it holds no secret)");
        continue;
      }
      for (const auto& p : meta->pending)
        Add("keys.pending", Severity::kWarning, cell.sidecar_path, p.line, p.key,
            "key " + p.key + " of " + cell.ns + "/" + cell.env +
                " still holds a random placeholder",
            "set the real value: `clef set " + cell.ns + "/" + cell.env + " " + p.key + "`");
      Rotations(cell, *meta);
      if (meta->dropped_entries > 0)
        Add("sidecar.invalid", Severity::kWarning, cell.sidecar_path, 0, "",
            std::to_string(meta->dropped_entries) + " malformed entries are ignored",
            "give each pending entry key/since/setBy and each rotation its four fields");
    }
  }

  void Attributes(const std::vector<FileStatus>& all, const std::set<std::string>* only) {
    std::vector<std::string> encrypted;
    for (const auto& f : all)
      if (f.state != FileState::kMissing && (!only || only->count(f.path)))
        encrypted.push_back(f.path);
    if (encrypted.empty()) return;
    auto text = files_.Read(".gitattributes");
    std::string attrs = text.ok() && *text ? **text : std::string();
    std::vector<std::string> unrouted = UnroutedFiles(attrs, encrypted);
    if (unrouted.empty()) return;
    Add("attributes.not-routed", Severity::kInfo, ".gitattributes", 0, "",
        std::to_string(unrouted.size()) + " encrypted file(s), e.g. " + unrouted.front() +
            ", are not routed to the clef-sops merge and diff drivers",
        "add `*.enc.yaml merge=clef-sops diff=clef-sops` (and .json/.env) to .gitattributes");
  }

  void Drift(const std::set<std::string>* only) {
    for (const auto& [ns, envs] : keys_) {
      if (envs.size() < 2) continue;
      std::map<std::string, std::vector<std::string>> holders;
      for (const auto& [env, keys] : envs)
        for (const auto& k : keys) holders[k].push_back(env);
      for (const auto& [key, in] : holders) {
        if (in.size() == envs.size()) continue;
        std::string list;
        for (const auto& e : in) list += (list.empty() ? "" : ", ") + e;
        for (const auto& [env, keys] : envs) {
          if (keys.count(key)) continue;
          const std::string& path = paths_[ns][env];
          if (only && !only->count(path)) continue;
          Add("keys.drift", Severity::kWarning, path, 0, key,
              "key " + key + " exists in " + ns + "/{" + list + "} but not in " + ns + "/" + env,
              "add it with `clef set " + ns + "/" + env + " " + key + "`, or remove it elsewhere");
        }
      }
    }
  }

  const manifest::RepoFiles& files_;
  const LintOptions& options_;
  const sops::IdentitySet* identities_;  // --verify only
  LintReport& report_;
  manifest::Policy policy_;
  std::map<std::string, std::string> schema_paths_;       // namespace -> schema file
  std::map<std::string, std::optional<Schema>> schemas_;  // loaded (nullopt: unusable)
  std::map<std::string, std::vector<std::pair<std::string, int>>> top_keys_;  // path -> keys
  std::set<std::string> secrets_;
  std::map<std::string, std::map<std::string, std::set<std::string>>> keys_;
  std::map<std::string, std::map<std::string, std::string>> paths_;
};

// Lints the files; in staged mode only `only` (the staged paths) get file-level checks.
Status LintFiles(const manifest::RepoFiles& files, const std::set<std::string>* only,
                 const LintOptions& options, LintReport& report) {
  std::optional<sops::IdentitySet> identities;
  if (options.verify) {
    auto loaded = sops::IdentitySet::FromEnvironment();
    if (!loaded.ok()) return loaded.error();
    identities = std::move(*loaded);
  }
  Linter linter(files, options, identities ? &*identities : nullptr, report);
  if (Status s = linter.Run(only); !s.ok()) return s;
  if (!options.scan_plaintext || report.kind == RepoKind::kNone) return {};
  scan::ScanOptions so;
  so.mode = options.staged ? scan::ScanMode::kStaged : scan::ScanMode::kWorkTree;
  so.start_dir = options.start_dir;
  so.threads = options.staged ? 1 : 0;  // the whole tree: every core
  // Staged: the blobs are already in memory; the scanner gets them as they are (no second
  // read of the index).
  std::vector<std::pair<std::string, std::string>> buffers;
  if (options.staged && only) {
    for (const std::string& path : *only) {
      if (linter.secrets().count(path) || manifest::HasSopsFileName(path)) continue;
      auto bytes = files.Read(path);
      if (bytes.ok() && *bytes) buffers.emplace_back(path, std::move(**bytes));
    }
    so.mode = scan::ScanMode::kBuffers;
    so.buffers = &buffers;
  }
  auto scanned = scan::RunScan(so);
  if (!scanned.ok()) {
    // Outside a git repository the working-tree scan cannot list files: scan the root instead.
    so.mode = scan::ScanMode::kPaths;
    so.paths = {options.start_dir};
    scanned = scan::RunScan(so);
    if (!scanned.ok()) return {};
  }
  for (const auto& f : scanned->findings) {
    if (linter.secrets().count(f.path) || manifest::HasSopsFileName(f.path)) continue;

    report.problems.push_back(Problem{
        "secret." + f.rule_id, Severity::kError, f.path, f.line, f.key_path,
        f.description + " (" + scan::Redact(f.secret) + ")",
        "remove it, keep it in a sops file, or mark the line `clef-ignore` if it is no secret"});
  }
  return {};
}

}  // namespace

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

bool LintReport::HasErrors() const {
  for (const auto& p : problems)
    if (p.severity == Severity::kError) return true;
  return false;
}

Result<LintReport> RunLint(const LintOptions& options) {
  LintReport report;
  if (options.staged) {
    git::LibGit2 libgit2;  // only here: its start-up (the TLS certificate store) costs ~17 ms
    auto repo = git::OpenRepository(options.start_dir);
    if (!repo.ok()) return repo.error();
    auto files = IndexFiles(repo->get());
    if (!files.ok()) return files.error();
    auto changes = git::StagedChanges(repo->get());
    if (!changes.ok()) return changes.error();
    std::set<std::string> staged;
    for (const auto& c : *changes)
      if (c.kind != git::TreeChange::kDeleted) staged.insert(c.new_path);
    if (Status s = LintFiles(**files, &staged, options, report); !s.ok()) return s.error();
  } else {
    manifest::WorkingTreeFiles files(manifest::FindRepoRoot(options.start_dir));
    LintOptions o = options;
    o.start_dir = files.root().string();
    if (Status s = LintFiles(files, nullptr, o, report); !s.ok()) return s.error();
  }
  std::sort(report.problems.begin(), report.problems.end(), [](const Problem& a, const Problem& b) {
    if (a.path != b.path) return a.path < b.path;
    if (a.line != b.line) return a.line < b.line;
    return a.check < b.check;
  });
  return report;
}

}  // namespace clef::lint
